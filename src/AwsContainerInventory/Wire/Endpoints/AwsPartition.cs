using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.Wire.Endpoints
{
    /// <summary>One AWS partition of botocore's partitions.json: its region pattern, listed regions and DNS outputs.</summary>
    internal sealed class AwsPartition
    {
        public AwsPartition(string id, string regionRegex, IReadOnlyList<string> regions, IReadOnlyDictionary<string, object?> outputs)
        {
            Id = id;
            RegionRegex = new Regex(regionRegex, RegexOptions.CultureInvariant);
            Regions = regions;
            Outputs = outputs;
        }

        public string Id { get; }

        /// <summary>Regions this partition will also serve when they are not listed (botocore's regionRegex).</summary>
        public Regex RegionRegex { get; }

        /// <summary>Every region the data lists, pseudo-regions such as aws-global included.</summary>
        public IReadOnlyList<string> Regions { get; }

        /// <summary>What the rule sets read through getAttr: name, dnsSuffix, dualStackDnsSuffix, supportsFIPS, …</summary>
        public IReadOnlyDictionary<string, object?> Outputs { get; }

        public string DnsSuffix => Outputs.TryGetValue("dnsSuffix", out object? value) ? value as string ?? string.Empty : string.Empty;

        public bool Lists(string region) => Regions.Contains(region, StringComparer.Ordinal);

        public bool Matches(string region) => RegionRegex.IsMatch(region);
    }
}
