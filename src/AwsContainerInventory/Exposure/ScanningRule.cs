using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.Exposure
{
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
}
