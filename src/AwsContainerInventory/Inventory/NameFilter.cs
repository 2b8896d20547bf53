using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// -Name / -Cluster matching with SecretManagement's rule: a wildcard that matches nothing is silent; a
    /// literal name that matches nothing is an ObjectNotFound error at the end — but only when every account and
    /// region it could be in was read. Where a pair (or the item itself) could not be read, that failure was
    /// already reported, and "not found" would be a guess.
    /// </summary>
    internal sealed class NameFilter
    {
        private readonly List<WildcardPattern> _wildcards = new List<WildcardPattern>();
        private readonly List<string> _literals = new List<string>();
        private readonly ConcurrentDictionary<string, bool> _found = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);
        private readonly ConcurrentDictionary<string, bool> _undecided = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);

        public NameFilter(IEnumerable<string>? patterns)
        {
            foreach (string pattern in patterns ?? Enumerable.Empty<string>())
            {
                if (string.IsNullOrEmpty(pattern)) continue;
                if (WildcardPattern.ContainsWildcardCharacters(pattern)) _wildcards.Add(new WildcardPattern(pattern, WildcardOptions.IgnoreCase));
                else if (!_literals.Contains(pattern, StringComparer.OrdinalIgnoreCase)) _literals.Add(pattern);
            }
        }

        /// <summary>True when no names were given: everything matches.</summary>
        public bool MatchesAll => _wildcards.Count == 0 && _literals.Count == 0;

        /// <summary>True when only literal names were given (the API can be asked for them directly).</summary>
        public bool LiteralsOnly => _wildcards.Count == 0 && _literals.Count > 0;

        public IReadOnlyList<string> Literals => _literals;

        /// <summary>Tests <paramref name="candidates"/> (such as a name and an ARN) and records which literal matched.</summary>
        public bool Matches(params string?[] candidates)
        {
            if (MatchesAll) return true;
            bool matched = false;
            foreach (string? candidate in candidates)
            {
                if (string.IsNullOrEmpty(candidate)) continue;
                foreach (string literal in _literals)
                {
                    if (string.Equals(literal, candidate, StringComparison.OrdinalIgnoreCase))
                    {
                        _found[literal] = true;
                        matched = true;
                    }
                }
                if (_wildcards.Any(w => w.IsMatch(candidate))) matched = true;
            }
            return matched;
        }

        public void MarkFound(string literal) => _found[literal] = true;

        /// <summary>
        /// An error about the item named by <paramref name="candidates"/> (a name, an ARN) was written: the literals
        /// naming it are not also reported as not found.
        /// </summary>
        public void MarkUndecided(params string?[] candidates)
        {
            foreach (string literal in _literals)
                if (candidates.Any(c => string.Equals(literal, c, StringComparison.OrdinalIgnoreCase))) _undecided[literal] = true;
        }

        /// <summary>
        /// The pair (<paramref name="region"/>, <paramref name="accountId"/>; null when the account is not known
        /// without a call) could not be read: no literal that could be in it can be called not found.
        /// </summary>
        public void MarkUnread(string region, string? accountId)
        {
            foreach (string literal in _literals)
                if (AppliesTo(literal, region, accountId)) _undecided[literal] = true;
        }

        /// <summary>Literals matched nowhere although every pair they could be in was read.</summary>
        public IEnumerable<string> UnmatchedLiterals => _literals.Where(l => !_found.ContainsKey(l) && !_undecided.ContainsKey(l));

        /// <summary>A name can be in every pair; an ARN only in the pair of its region (any, for <see cref="EnabledRegions.All"/>) and account.</summary>
        public static bool AppliesTo(string literal, string region, string? accountId)
        {
            if (!literal.StartsWith("arn:", StringComparison.Ordinal)) return true;
            string? arnRegion = ApiValues.RegionFromArn(literal);
            string? arnAccount = ApiValues.AccountFromArn(literal);
            return (region == EnabledRegions.All || string.Equals(arnRegion, region, StringComparison.Ordinal))
                && (accountId == null || arnAccount == null || string.Equals(arnAccount, accountId, StringComparison.Ordinal));
        }
    }
}
