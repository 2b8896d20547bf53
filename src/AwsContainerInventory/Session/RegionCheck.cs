using System.Collections.Generic;
using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory.Session
{
    /// <summary>A region name checked against the partition data: its status, partition and closest listed names.</summary>
    internal sealed class RegionCheck
    {
        private readonly IReadOnlyList<string> _partitionIds;

        public RegionCheck(string region, RegionStatus status, AwsPartition? partition, IReadOnlyList<string> closest, IReadOnlyList<string> partitionIds)
        {
            Region = region;
            Status = status;
            Partition = partition;
            Closest = closest;
            _partitionIds = partitionIds;
        }

        public string Region { get; }
        public RegionStatus Status { get; }

        /// <summary>The partition that lists the region, or whose pattern claims a new one; null when unknown.</summary>
        public AwsPartition? Partition { get; }

        public IReadOnlyList<string> Closest { get; }

        /// <summary>Why an unknown region is rejected, with the closest valid names.</summary>
        public string Problem =>
            "'" + Region + "' is not an AWS region name: no partition of this module's data (" +
            string.Join(", ", _partitionIds) + "; botocore " + EndpointData.BotocoreVersion +
            ") lists it or would serve it. Closest valid names: " + string.Join(", ", Closest) + ". Tab completes region names.";

        /// <summary>The warning for a region newer than the data, naming where its requests will go.</summary>
        public string Warning =>
            "Region '" + Region + "' is not in this module's partition data (botocore " + EndpointData.BotocoreVersion +
            "); it is used as a new region of partition " + Partition?.Id + " (endpoints under ." + Region + "." + Partition?.DnsSuffix +
            "). If you meant a listed region: " + string.Join(", ", Closest) + ".";
    }
}
