using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Cmdlets
{
    internal static class RegionList
    {
        /// <summary>Splits comma-separated entries, trims, lower-cases and removes duplicates, keeping order.</summary>
        public static IReadOnlyList<string> Normalize(IEnumerable<string> regions) =>
            SplitCommas(regions).Select(r => r.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();

        public static IEnumerable<string> SplitCommas(IEnumerable<string> values) =>
            values.Where(v => v != null).SelectMany(v => v.Split(',')).Select(v => v.Trim()).Where(v => v.Length > 0);

        /// <summary>AWS region names known when this module was built; completion offers these.</summary>
        public static readonly string[] Known =
        {
            "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
            "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
            "ca-central-1", "ca-west-1", "cn-north-1", "cn-northwest-1", "eu-central-1", "eu-central-2", "eu-north-1",
            "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
            "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-gov-east-1", "us-gov-west-1", "us-west-1", "us-west-2",
        };
    }
}
