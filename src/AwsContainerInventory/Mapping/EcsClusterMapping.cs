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
            return new EcsCluster(
                uid: arn,
                name: string.IsNullOrEmpty(name) ? arn : name!,
                region: region,
                accountId: ApiValues.AccountFromArn(arn),
                clusterName: name,
                clusterArn: arn,
                sourceStatus: ApiValues.String(cluster, "status"),
                activeServicesCount: ApiValues.Int(cluster, "activeServicesCount"),
                runningTasksCount: ApiValues.Int(cluster, "runningTasksCount"),
                pendingTasksCount: ApiValues.Int(cluster, "pendingTasksCount"),
                registeredContainerInstanceCount: ApiValues.Int(cluster, "registeredContainerInstancesCount"),
                capacityProviders: ValueList.OfOrNull(ApiValues.Strings(cluster, "capacityProviders")),
                tags: ApiValues.EcsTags(ApiValues.Member(cluster, "tags")),
                lastCaptured: capturedAt);
        }
    }
}
