using System;
using System.Linq;

namespace AwsContainerInventory
{
    /// <summary>An Amazon ECS service, with every attribute of the Amazon ECS connector (EcsService).</summary>
    public sealed class EcsService : ICloudResourceRecord
    {
        /// <summary>
        /// Every value once, from EcsServiceMapping. Internal: only the module builds records, and a public constructor
        /// would turn each new property into a breaking change for callers.
        /// </summary>
        internal EcsService(
            string uid,
            string name,
            string region,
            string? accountId,
            string? serviceName,
            string serviceArn,
            string? clusterArn,
            string? sourceStatus,
            string? launchType,
            string? platformFamily,
            string? platformVersion,
            string? schedulingStrategy,
            string? taskDefinition,
            int? desiredCount,
            int? runningCount,
            int? pendingCount,
            bool? assignPublicIp,
            ValueList<string>? subnetIds,
            ValueList<string>? securityGroupIds,
            ValueList<string>? targetGroupArns,
            string? serviceRoleArn,
            TagDictionary tags,
            DateTime? firstSeen,
            DateTime lastCaptured)
        {
            Uid = uid;
            Name = name;
            Region = region;
            AccountId = accountId;
            ServiceName = serviceName;
            ServiceArn = serviceArn;
            ClusterArn = clusterArn;
            SourceStatus = sourceStatus;
            LaunchType = launchType;
            PlatformFamily = platformFamily;
            PlatformVersion = platformVersion;
            SchedulingStrategy = schedulingStrategy;
            TaskDefinition = taskDefinition;
            DesiredCount = desiredCount;
            RunningCount = runningCount;
            PendingCount = pendingCount;
            AssignPublicIp = assignPublicIp;
            SubnetIds = subnetIds;
            SecurityGroupIds = securityGroupIds;
            TargetGroupArns = targetGroupArns;
            ServiceRoleArn = serviceRoleArn;
            Tags = tags;
            FirstSeen = firstSeen;
            LastCaptured = lastCaptured;
        }

        [SeedAttribute("UID", "service.serviceArn")] public string Uid { get; }
        [SeedAttribute("NAME", "service.serviceName (fallback: ARN)")] public string Name { get; }
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; } = CloudProviders.Aws;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; }
        [SeedAttribute("ACCOUNT_ID", "Generated (the service's account, from its ARN)")] public string? AccountId { get; }
        [SeedAttribute("SERVICE_NAME", "service.serviceName")] public string? ServiceName { get; }
        [SeedAttribute("SERVICE_ARN", "service.serviceArn")] public string ServiceArn { get; }
        [SeedAttribute("CLUSTER_ARN", "service.clusterArn")] public string? ClusterArn { get; }
        [SeedAttribute("SOURCE_STATUS", "service.status")] public string? SourceStatus { get; }
        [SeedAttribute("LAUNCH_TYPE", "service.launchType")] public string? LaunchType { get; }
        [SeedAttribute("PLATFORM_FAMILY", "service.platformFamily")] public string? PlatformFamily { get; }
        [SeedAttribute("PLATFORM_VERSION", "service.platformVersion")] public string? PlatformVersion { get; }
        [SeedAttribute("SCHEDULING_STRATEGY", "service.schedulingStrategy")] public string? SchedulingStrategy { get; }
        [SeedAttribute("TASK_DEFINITION", "service.taskDefinition")] public string? TaskDefinition { get; }
        [SeedAttribute("DESIRED_COUNT", "service.desiredCount")] public int? DesiredCount { get; }
        [SeedAttribute("RUNNING_COUNT", "service.runningCount")] public int? RunningCount { get; }
        [SeedAttribute("PENDING_COUNT", "service.pendingCount")] public int? PendingCount { get; }
        [SeedAttribute("ASSIGN_PUBLIC_IP", "awsvpcConfiguration.assignPublicIp == ENABLED")] public bool? AssignPublicIp { get; }
        [SeedAttribute("SUBNET_IDS", "awsvpcConfiguration.subnets")] public ValueList<string>? SubnetIds { get; }
        [SeedAttribute("SECURITY_GROUP_IDS", "awsvpcConfiguration.securityGroups")] public ValueList<string>? SecurityGroupIds { get; }
        [SeedAttribute("TARGET_GROUP_ARNS", "service.loadBalancers[*].targetGroupArn")] public ValueList<string>? TargetGroupArns { get; }
        [SeedAttribute("SERVICE_ROLE_ARN", "service.roleArn")] public string? ServiceRoleArn { get; }
        [SeedAttribute("TAGS", "service.tags")] public TagDictionary Tags { get; }
        [SeedAttribute("FIRST_SEEN", "service.createdAt")] public DateTime? FirstSeen { get; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; }

        public override string ToString() => ServiceArn;

    }
}
