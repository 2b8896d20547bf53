using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace AwsContainerInventory
{
    /// <summary>EcsCluster from the API's JSON, line by line against the seed table (see the record's SeedAttribute sources).</summary>
    internal static class EcsClusterMapping
    {
        /// <summary>Maps a DescribeClusters <c>Cluster</c> (described with <c>include: ["TAGS"]</c>).</summary>
        public static EcsCluster FromApi(JsonElement cluster, string region, DateTime capturedAt)
        {
            string arn = ApiValues.String(cluster, "clusterArn") ?? string.Empty;
            string? name = ApiValues.String(cluster, "clusterName");
            return new EcsCluster
            {
                Uid = arn,
                Name = string.IsNullOrEmpty(name) ? arn : name!,
                Region = region,
                AccountId = ApiValues.AccountFromArn(arn),
                ClusterName = name,
                ClusterArn = arn,
                SourceStatus = ApiValues.String(cluster, "status"),
                ActiveServicesCount = ApiValues.Int(cluster, "activeServicesCount"),
                RunningTasksCount = ApiValues.Int(cluster, "runningTasksCount"),
                PendingTasksCount = ApiValues.Int(cluster, "pendingTasksCount"),
                RegisteredContainerInstanceCount = ApiValues.Int(cluster, "registeredContainerInstancesCount"),
                CapacityProviders = ValueList.OfOrNull(ApiValues.Strings(cluster, "capacityProviders")),
                Tags = ApiValues.EcsTags(ApiValues.Member(cluster, "tags")),
                LastCaptured = capturedAt,
            };
        }
    }
}
