using System;
using System.Text.Json;

namespace AwsContainerInventory
{
    /// <summary>An Amazon ECS cluster, with every attribute of the Amazon ECS connector (EcsCluster).</summary>
    public sealed class EcsCluster : ICloudResourceRecord
    {
        private EcsCluster() { }

        [SeedAttribute("UID", "cluster.clusterArn")] public string Uid { get; private set; } = string.Empty;
        [SeedAttribute("NAME", "cluster.clusterName (fallback: ARN)")] public string Name { get; private set; } = string.Empty;
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; private set; } = ApiValues.AwsProvider;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; private set; } = string.Empty;
        [SeedAttribute("ACCOUNT_ID", "Generated (the cluster's account, from its ARN)")] public string? AccountId { get; private set; }
        [SeedAttribute("CLUSTER_NAME", "cluster.clusterName")] public string? ClusterName { get; private set; }
        [SeedAttribute("CLUSTER_ARN", "cluster.clusterArn")] public string ClusterArn { get; private set; } = string.Empty;
        [SeedAttribute("SOURCE_STATUS", "cluster.status")] public string? SourceStatus { get; private set; }
        [SeedAttribute("ACTIVE_SERVICES_COUNT", "cluster.activeServicesCount")] public int? ActiveServicesCount { get; private set; }
        [SeedAttribute("RUNNING_TASKS_COUNT", "cluster.runningTasksCount")] public int? RunningTasksCount { get; private set; }
        [SeedAttribute("PENDING_TASKS_COUNT", "cluster.pendingTasksCount")] public int? PendingTasksCount { get; private set; }
        [SeedAttribute("REGISTERED_CONTAINER_INSTANCE_COUNT", "cluster.registeredContainerInstancesCount")] public int? RegisteredContainerInstanceCount { get; private set; }
        [SeedAttribute("CAPACITY_PROVIDERS", "cluster.capacityProviders")] public ValueList<string>? CapacityProviders { get; private set; }
        [SeedAttribute("TAGS", "cluster.tags")] public TagDictionary Tags { get; private set; } = TagDictionary.Empty;
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; private set; }

        public override string ToString() => ClusterArn;

        /// <summary>Maps a DescribeClusters <c>Cluster</c> (described with <c>include: ["TAGS"]</c>).</summary>
        internal static EcsCluster FromApi(JsonElement cluster, string region, DateTime capturedAt)
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
