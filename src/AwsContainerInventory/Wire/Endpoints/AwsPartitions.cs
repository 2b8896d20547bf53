using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace AwsContainerInventory.Wire.Endpoints
{
    /// <summary>
    /// The partition data the endpoint rule sets consult (aws.partition), embedded from botocore's
    /// data/partitions.json by tools/update_endpoint_data.py.
    /// </summary>
    internal sealed class AwsPartitions
    {
        private static readonly Lazy<AwsPartitions> Embedded = new Lazy<AwsPartitions>(() => Parse(EndpointData.Read("partitions.json")));

        private AwsPartitions(IReadOnlyList<AwsPartition> all)
        {
            All = all;
            ListedRegions = all.SelectMany(p => p.Regions).Where(IsRealRegion).Distinct(StringComparer.Ordinal)
                .OrderBy(r => r, StringComparer.Ordinal).ToList();
        }

        /// <summary>The data built into the module.</summary>
        public static AwsPartitions Default => Embedded.Value;

        /// <summary>In file order; the first is the default partition (aws).</summary>
        public IReadOnlyList<AwsPartition> All { get; }

        /// <summary>Every listed region name of every partition, without the *-global pseudo-regions, sorted.</summary>
        public IReadOnlyList<string> ListedRegions { get; }

        public static AwsPartitions Parse(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json);
            var partitions = new List<AwsPartition>();
            foreach (JsonElement partition in document.RootElement.GetProperty("partitions").EnumerateArray())
            {
                string id = partition.GetProperty("id").GetString()!;
                var outputs = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (JsonProperty output in partition.GetProperty("outputs").EnumerateObject())
                    outputs[output.Name] = Scalar(output.Value);
                outputs["name"] = id;
                var regions = partition.GetProperty("regions").EnumerateObject().Select(r => r.Name).ToList();
                partitions.Add(new AwsPartition(id, partition.GetProperty("regionRegex").GetString()!, regions, outputs));
            }
            if (partitions.Count == 0) throw new FormatException("The partition data lists no partition.");
            return new AwsPartitions(partitions);
        }

        /// <summary>
        /// The partition of a region as botocore's aws.partition finds it: the first partition, in file order,
        /// that lists the region or whose regionRegex matches it; the default (aws) partition otherwise.
        /// </summary>
        public AwsPartition Resolve(string region) => Matching(region) ?? All[0];

        /// <summary>The partition that lists or pattern-matches the region, or null when none does.</summary>
        public AwsPartition? Matching(string region) =>
            All.FirstOrDefault(p => p.Lists(region) || p.Matches(region));

        /// <summary>The partition that lists the region (not only matches its pattern), or null.</summary>
        public AwsPartition? Listing(string region) => All.FirstOrDefault(p => p.Lists(region) && IsRealRegion(region));

        private static bool IsRealRegion(string region) => !region.EndsWith("-global", StringComparison.Ordinal);

        private static object? Scalar(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => value.GetRawText(),
        };
    }
}
