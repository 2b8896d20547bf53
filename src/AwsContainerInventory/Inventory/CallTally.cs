using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// Counts one run's AWS calls per operation and (role × region) pair, for the -Verbose summary
    /// ("ECR GetRepositoryPolicy: 400 calls in eu-west-1 (123456789012)") and names the pair of each call for -Debug.
    /// A pair is named by its account: the assumed role's, or for the base credentials the account its records
    /// came from when no role is used (otherwise, when no record said, and in the -Debug lines written while
    /// the calls are made, the credential source).
    /// </summary>
    internal sealed class CallTally
    {
        private readonly ConcurrentDictionary<Key, int> _counts = new ConcurrentDictionary<Key, int>();
        private readonly ConcurrentDictionary<string, string> _baseAccountByRegion = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        private volatile bool _rolesUsed;

        public void Count(AwsRequest request)
        {
            if (request.Credentials is AssumedRoleCredentialProvider) _rolesUsed = true;
            _counts.AddOrUpdate(new Key(request.Service.ToUpperInvariant(), request.Operation, request.Region, request.Credentials), 1, (_, n) => n + 1);
        }

        /// <summary>Remembers the account a base-credentials record of <paramref name="region"/> belongs to.</summary>
        public void SawRecord(object record)
        {
            if (record is ICloudResourceRecord resource && resource.AccountId != null && !string.IsNullOrEmpty(resource.Region))
                _baseAccountByRegion.TryAdd(resource.Region, resource.AccountId);
        }

        /// <summary>"ECS ListClusters in us-east-1 (123456789012)": one call, for -Debug.</summary>
        public string Describe(AwsRequest request) =>
            request.Service.ToUpperInvariant() + " " + request.Operation + " in " + request.Region + " (" + Caller(request.Credentials) + ")";

        /// <summary>One line per operation and pair (roles of one account count together), ordered by pair then operation.</summary>
        public IEnumerable<string> Summary() =>
            _counts.GroupBy(c => (Pair: c.Key.Region + " (" + Caller(c.Key.Credentials, c.Key.Region) + ")", c.Key.Service, c.Key.Operation))
                .Select(g => (g.Key.Pair, g.Key.Service, g.Key.Operation, Count: g.Sum(c => c.Value)))
                .OrderBy(c => c.Pair, StringComparer.Ordinal)
                .ThenBy(c => c.Service, StringComparer.Ordinal)
                .ThenBy(c => c.Operation, StringComparer.Ordinal)
                .Select(c => string.Format(CultureInfo.InvariantCulture, "{0} {1}: {2} {3} in {4}",
                    c.Service, c.Operation, c.Count, c.Count == 1 ? "call" : "calls", c.Pair));

        /// <summary>The role's account, or the base credentials' source (their account is known only from records).</summary>
        private static string Caller(ICredentialProvider credentials) =>
            credentials is AssumedRoleCredentialProvider role ? ApiValues.AccountFromArn(role.RoleArn) ?? role.RoleArn : credentials.Description;

        private string Caller(ICredentialProvider credentials, string region) =>
            // With roles, the base credentials only assume them: the records' accounts are the roles'.
            credentials is AssumedRoleCredentialProvider || _rolesUsed || !_baseAccountByRegion.TryGetValue(region, out string? seen)
                ? Caller(credentials)
                : seen;

        // A class: a struct key has the runtime compile the dictionary's code for it at a run's first call.
        private sealed class Key : IEquatable<Key>
        {
            public Key(string service, string operation, string region, ICredentialProvider credentials)
            {
                Service = service;
                Operation = operation;
                Region = region;
                Credentials = credentials;
            }

            public string Service { get; }
            public string Operation { get; }
            public string Region { get; }
            public ICredentialProvider Credentials { get; }

            public bool Equals(Key? other) =>
                other != null && Service == other.Service && Operation == other.Operation && Region == other.Region && ReferenceEquals(Credentials, other.Credentials);

            public override bool Equals(object? obj) => obj is Key other && Equals(other);

            public override int GetHashCode()
            {
                unchecked
                {
                    int hash = Service.GetHashCode();
                    hash = hash * 31 + Operation.GetHashCode();
                    hash = hash * 31 + Region.GetHashCode();
                    return hash * 31 + System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Credentials);
                }
            }
        }
    }
}
