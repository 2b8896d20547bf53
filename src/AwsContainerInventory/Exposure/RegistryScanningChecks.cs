using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace AwsContainerInventory.Exposure
{
    /// <summary>
    /// The ScanOnPushDisabled rule over a whole exposure run: repositories and registry configurations arrive from
    /// every pair in any order, so each repository is judged at the end against its registry's configuration, or by its
    /// own flag (saying so) when that configuration could not be read.
    /// </summary>
    internal sealed class RegistryScanningChecks
    {
        private readonly ConcurrentDictionary<string, RegistryScanningConfiguration> _configurations = new ConcurrentDictionary<string, RegistryScanningConfiguration>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> _unavailable = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<RepositoryFacts> _repositories = new ConcurrentQueue<RepositoryFacts>();

        /// <summary>The configuration read in <paramref name="region"/> (its registryId, else the pair's account, keys it).</summary>
        public void AddConfiguration(string region, string? accountId, RegistryScanningConfiguration configuration) =>
            _configurations[Key(configuration.RegistryId ?? accountId, region)] = configuration;

        /// <summary>The pair could not read its configuration; <paramref name="why"/> goes into the findings' reason.</summary>
        public void AddUnavailable(string region, string? accountId, string why) => _unavailable[Key(accountId, region)] = why;

        public void AddRepository(EcrRepository repository) =>
            _repositories.Enqueue(new RepositoryFacts(repository.RepositoryArn, repository.RepositoryName, repository.Region,
                repository.AccountId, repository.RegistryId ?? repository.AccountId, repository.ScanOnPush));

        /// <summary>Every repository that is not scanned, with the reason.</summary>
        public IEnumerable<(RepositoryFacts Repository, string Reason)> Unscanned()
        {
            foreach (RepositoryFacts repository in _repositories)
            {
                string? reason;
                if (_configurations.TryGetValue(Key(repository.RegistryId, repository.Region), out RegistryScanningConfiguration? configuration))
                {
                    reason = configuration.WhyNotScanned(repository.Name, repository.ScanOnPush);
                }
                else
                {
                    string why = _unavailable.TryGetValue(Key(repository.RegistryId, repository.Region), out string? known)
                        || _unavailable.TryGetValue(Key(null, repository.Region), out known)
                        ? known! : "it was not read";
                    reason = repository.ScanOnPush == false
                        ? "Repository " + repository.Name + " does not scan images on push by its own scanOnPush setting (deprecated); the registry's scanning configuration was not considered because " + why + "."
                        : null;
                }
                if (reason != null) yield return (repository, reason);
            }
        }

        private static string Key(string? accountId, string region) => (accountId ?? string.Empty) + "|" + region;

        internal sealed class RepositoryFacts
        {
            public RepositoryFacts(string arn, string name, string region, string? accountId, string? registryId, bool? scanOnPush)
            {
                Arn = arn;
                Name = name;
                Region = region;
                AccountId = accountId;
                RegistryId = registryId;
                ScanOnPush = scanOnPush;
            }

            public string Arn { get; }
            public string Name { get; }
            public string Region { get; }
            public string? AccountId { get; }
            public string? RegistryId { get; }
            public bool? ScanOnPush { get; }
        }
    }
}
