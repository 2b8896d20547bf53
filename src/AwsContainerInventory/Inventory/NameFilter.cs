using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// -Name / -Cluster matching with SecretManagement's rule: a wildcard that matches nothing is silent; a
    /// literal name that matches nothing in any account or region is an ObjectNotFound error at the end.
    /// </summary>
    internal sealed class NameFilter
    {
        private readonly List<WildcardPattern> _wildcards = new List<WildcardPattern>();
        private readonly List<string> _literals = new List<string>();
        private readonly ConcurrentDictionary<string, bool> _found = new ConcurrentDictionary<string, bool>(StringComparer.OrdinalIgnoreCase);

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

        public IEnumerable<string> UnmatchedLiterals => _literals.Where(l => !_found.ContainsKey(l));
    }
}
