using System;

namespace AwsContainerInventory
{
    /// <summary>An Amazon ECS cluster, with every attribute of the Amazon ECS connector (EcsCluster).</summary>
    public sealed class EcsCluster : ICloudResourceRecord
    {
        internal EcsCluster() { }

        [SeedAttribute("UID", "cluster.clusterArn")] public string Uid { get; internal set; } = string.Empty;
        [SeedAttribute("NAME", "cluster.clusterName (fallback: ARN)")] public string Name { get; internal set; } = string.Empty;
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; internal set; } = CloudProviders.Aws;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; internal set; } = string.Empty;
        [SeedAttribute("ACCOUNT_ID", "Generated (the cluster's account, from its ARN)")] public string? AccountId { get; internal set; }
        [SeedAttribute("CLUSTER_NAME", "cluster.clusterName")] public string? ClusterName { get; internal set; }
        [SeedAttribute("CLUSTER_ARN", "cluster.clusterArn")] public string ClusterArn { get; internal set; } = string.Empty;
        [SeedAttribute("SOURCE_STATUS", "cluster.status")] public string? SourceStatus { get; internal set; }
        [SeedAttribute("ACTIVE_SERVICES_COUNT", "cluster.activeServicesCount")] public int? ActiveServicesCount { get; internal set; }
        [SeedAttribute("RUNNING_TASKS_COUNT", "cluster.runningTasksCount")] public int? RunningTasksCount { get; internal set; }
        [SeedAttribute("PENDING_TASKS_COUNT", "cluster.pendingTasksCount")] public int? PendingTasksCount { get; internal set; }
        [SeedAttribute("REGISTERED_CONTAINER_INSTANCE_COUNT", "cluster.registeredContainerInstancesCount")] public int? RegisteredContainerInstanceCount { get; internal set; }
        [SeedAttribute("CAPACITY_PROVIDERS", "cluster.capacityProviders")] public ValueList<string>? CapacityProviders { get; internal set; }
        [SeedAttribute("TAGS", "cluster.tags")] public TagDictionary Tags { get; internal set; } = TagDictionary.Empty;
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; internal set; }

        public override string ToString() => ClusterArn;

    }
}
