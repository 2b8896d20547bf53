using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory.Session
{
    /// <summary>
    /// Region names as Connect-AwsInventory and every Get- cmdlet take them: comma-separated lists, All (or *) for
    /// every enabled region, and the check of each name against botocore's partition data.
    /// </summary>
    internal static class RegionList
    {
        // Every AWS region so far is <area>[-<qualifier>]-<compass direction>-<n>: us-east-1, us-gov-west-1,
        // eu-isoe-west-1, eusc-de-east-1. A name of that shape that a partition's pattern claims is taken as a
        // region newer than the data; anything else (xx-moon-1, us-moon-1, eu-wset-1) is rejected.
        private static readonly Regex NewRegionShape = new Regex(
            "^[a-z]{2,4}(-[a-z]+)?-(east|west|north|south|central|northeast|northwest|southeast|southwest)-[0-9]{1,2}$",
            RegexOptions.CultureInvariant);

        /// <summary>"Every region enabled in each account" (-Region All or -Region *), as a normalized region list holds it.</summary>
        public const string All = "*";

        /// <summary>
        /// Splits comma-separated entries, trims, lower-cases and removes duplicates, keeping order. All (any case) and *
        /// become <see cref="All"/>, alone: every enabled region includes any name given beside it.
        /// </summary>
        public static IReadOnlyList<string> Normalize(IEnumerable<string> regions)
        {
            var names = SplitCommas(regions).Select(r => IsAll(r) ? All : r.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
            return names.Contains(All) ? new[] { All } : (IReadOnlyList<string>)names;
        }

        /// <summary>-Region All, all (any case) or *.</summary>
        public static bool IsAll(string region) => region == All || string.Equals(region, AllName, StringComparison.OrdinalIgnoreCase);

        /// <summary>A normalized list that means every enabled region.</summary>
        public static bool IsAllEnabled(IReadOnlyList<string> regions) => regions.Count == 1 && regions[0] == All;

        /// <summary>How -Region All is typed (and completed).</summary>
        public const string AllName = "All";

        public static IEnumerable<string> SplitCommas(IEnumerable<string> values) =>
            values.Where(v => v != null).SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0);

        /// <summary>The region names of every partition in the module's partition data.</summary>
        public static IReadOnlyList<string> Known => AwsPartitions.Default.ListedRegions;

        /// <summary>What Tab offers for -Region: All first, then every partition's region names.</summary>
        public static IEnumerable<string> Completions => new[] { AllName }.Concat(Known);

        /// <summary>Shaped like every AWS region so far: area, optional qualifier, compass direction, number.</summary>
        internal static bool LooksLikeRegion(string region) => NewRegionShape.IsMatch(region);

        /// <summary>Whether a (lower-case) region name is listed, plausibly new in a partition, or unknown.</summary>
        public static RegionCheck Check(string region, AwsPartitions? partitions = null)
        {
            partitions ??= AwsPartitions.Default;
            AwsPartition? listing = partitions.Listing(region);
            var ids = partitions.All.Select(p => p.Id).ToList();
            if (listing != null) return new RegionCheck(region, RegionStatus.Listed, listing, Array.Empty<string>(), ids);
            IReadOnlyList<string> closest = Closest(region, partitions.ListedRegions, 3);
            AwsPartition? matching = LooksLikeRegion(region) ? partitions.All.FirstOrDefault(p => p.Matches(region)) : null;
            return new RegionCheck(region, matching == null ? RegionStatus.Unknown : RegionStatus.New, matching, closest, ids);
        }

        /// <summary>The <paramref name="count"/> names nearest to <paramref name="region"/> by edit distance (a swap of two letters counts one).</summary>
        public static IReadOnlyList<string> Closest(string region, IEnumerable<string> candidates, int count) =>
            candidates.Select(c => (Name: c, Distance: Distance(region, c)))
                .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
                .Take(count).Select(c => c.Name).ToList();

        /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
        internal static int Distance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
            for (int j = 0; j <= b.Length; j++) d[0, j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
            return d[a.Length, b.Length];
        }
    }
}
