using System;

namespace AwsContainerInventory
{
    /// <summary>An Amazon ECS cluster, with every attribute of the Amazon ECS connector (EcsCluster).</summary>
    public sealed class EcsCluster : ICloudResourceRecord
    {
        /// <summary>
        /// Every value once, from EcsClusterMapping. Internal: only the module builds records, and a public constructor
        /// would turn each new property into a breaking change for callers.
        /// </summary>
        internal EcsCluster(
            string uid,
            string name,
            string region,
            string? accountId,
            string? clusterName,
            string clusterArn,
            string? sourceStatus,
            int? activeServicesCount,
            int? runningTasksCount,
            int? pendingTasksCount,
            int? registeredContainerInstanceCount,
            ValueList<string>? capacityProviders,
            TagDictionary tags,
            DateTime lastCaptured)
        {
            Uid = uid;
            Name = name;
            Region = region;
            AccountId = accountId;
            ClusterName = clusterName;
            ClusterArn = clusterArn;
            SourceStatus = sourceStatus;
            ActiveServicesCount = activeServicesCount;
            RunningTasksCount = runningTasksCount;
            PendingTasksCount = pendingTasksCount;
            RegisteredContainerInstanceCount = registeredContainerInstanceCount;
            CapacityProviders = capacityProviders;
            Tags = tags;
            LastCaptured = lastCaptured;
        }

        [SeedAttribute("UID", "cluster.clusterArn")] public string Uid { get; }
        [SeedAttribute("NAME", "cluster.clusterName (fallback: ARN)")] public string Name { get; }
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; } = CloudProviders.Aws;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; }
        [SeedAttribute("ACCOUNT_ID", "Generated (the cluster's account, from its ARN)")] public string? AccountId { get; }
        [SeedAttribute("CLUSTER_NAME", "cluster.clusterName")] public string? ClusterName { get; }
        [SeedAttribute("CLUSTER_ARN", "cluster.clusterArn")] public string ClusterArn { get; }
        [SeedAttribute("SOURCE_STATUS", "cluster.status")] public string? SourceStatus { get; }
        [SeedAttribute("ACTIVE_SERVICES_COUNT", "cluster.activeServicesCount")] public int? ActiveServicesCount { get; }
        [SeedAttribute("RUNNING_TASKS_COUNT", "cluster.runningTasksCount")] public int? RunningTasksCount { get; }
        [SeedAttribute("PENDING_TASKS_COUNT", "cluster.pendingTasksCount")] public int? PendingTasksCount { get; }
        [SeedAttribute("REGISTERED_CONTAINER_INSTANCE_COUNT", "cluster.registeredContainerInstancesCount")] public int? RegisteredContainerInstanceCount { get; }
        [SeedAttribute("CAPACITY_PROVIDERS", "cluster.capacityProviders")] public ValueList<string>? CapacityProviders { get; }
        [SeedAttribute("TAGS", "cluster.tags")] public TagDictionary Tags { get; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; }

        public override string ToString() => ClusterArn;

    }
}
