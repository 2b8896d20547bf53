using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.Exposure
{
    /// <summary>
    /// A registry's scanning configuration (<c>ecr:GetRegistryScanningConfiguration</c>, one per account and region)
    /// and what it means for one repository. ENHANCED scanning (Amazon Inspector) scans the repositories its
    /// CONTINUOUS_SCAN and SCAN_ON_PUSH rules' filters match (the console's "all repositories" is the filter <c>*</c>);
    /// BASIC scanning scans on push the repositories a SCAN_ON_PUSH rule matches, and otherwise the repository's own
    /// (deprecated) scanOnPush setting decides.
    /// </summary>
    internal sealed class RegistryScanningConfiguration
    {
        public const string Enhanced = "ENHANCED";
        public const string ScanOnPush = "SCAN_ON_PUSH";
        public const string ContinuousScan = "CONTINUOUS_SCAN";

        private RegistryScanningConfiguration(string? registryId, string scanType, IReadOnlyList<ScanningRule> rules)
        {
            RegistryId = registryId;
            ScanType = scanType;
            Rules = rules;
        }

        public string? RegistryId { get; }

        /// <summary>BASIC or ENHANCED; BASIC when the registry has no configuration.</summary>
        public string ScanType { get; }

        public IReadOnlyList<ScanningRule> Rules { get; }

        /// <summary>Maps the whole GetRegistryScanningConfiguration answer.</summary>
        public static RegistryScanningConfiguration FromApi(JsonElement response)
        {
            JsonElement? configuration = ApiValues.Member(response, "scanningConfiguration");
            var rules = new List<ScanningRule>();
            if (configuration != null)
            {
                foreach (JsonElement rule in ApiValues.Objects(configuration.Value, "rules"))
                {
                    List<string> filters = ApiValues.Objects(rule, "repositoryFilters")
                        .Where(f => (ApiValues.String(f, "filterType") ?? "WILDCARD") == "WILDCARD")
                        .Select(f => ApiValues.String(f, "filter")).Where(f => !string.IsNullOrEmpty(f)).Select(f => f!).ToList();
                    rules.Add(new ScanningRule(ApiValues.String(rule, "scanFrequency") ?? "MANUAL", filters));
                }
            }
            string scanType = (configuration == null ? null : ApiValues.String(configuration.Value, "scanType")) ?? "BASIC";
            return new RegistryScanningConfiguration(ApiValues.String(response, "registryId"), scanType, rules);
        }

        /// <summary>Null when the repository is scanned; otherwise why not, in one sentence.</summary>
        public string? WhyNotScanned(string repositoryName, bool? repositoryScanOnPush)
        {
            if (ScanType == Enhanced)
            {
                return MatchingRule(repositoryName, ContinuousScan, ScanOnPush) != null ? null
                    : "Repository " + repositoryName + " is not scanned: the registry uses enhanced scanning, but no CONTINUOUS_SCAN or SCAN_ON_PUSH rule's filter matches it.";
            }
            if (MatchingRule(repositoryName, ScanOnPush) != null || repositoryScanOnPush == true) return null;
            return "Repository " + repositoryName + " does not scan images on push: no scan-on-push rule of the registry's basic scanning matches it, and its own scanOnPush setting (deprecated) is off.";
        }

        private ScanningRule? MatchingRule(string repositoryName, params string[] frequencies) =>
            Rules.FirstOrDefault(r => frequencies.Contains(r.ScanFrequency) && r.Matches(repositoryName));
    }

    /// <summary>One registry scanning rule: a frequency and WILDCARD repository filters.</summary>
    internal sealed class ScanningRule
    {
        public ScanningRule(string scanFrequency, IReadOnlyList<string> filters)
        {
            ScanFrequency = scanFrequency;
            Filters = filters;
        }

        public string ScanFrequency { get; }
        public IReadOnlyList<string> Filters { get; }

        public bool Matches(string repositoryName) => Filters.Any(f => FilterMatches(f, repositoryName));

        /// <summary>
        /// ECR's filter rule: a filter without a wildcard matches every repository name that contains it; with
        /// wildcards, each '*' stands for zero or more characters of the whole name.
        /// </summary>
        public static bool FilterMatches(string filter, string repositoryName)
        {
            if (filter.IndexOf('*') < 0) return repositoryName.IndexOf(filter, StringComparison.Ordinal) >= 0;
            string pattern = "^" + string.Join(".*", filter.Split('*').Select(Regex.Escape)) + "$";
            return Regex.IsMatch(repositoryName, pattern, RegexOptions.CultureInvariant | RegexOptions.Singleline);
        }
    }

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
