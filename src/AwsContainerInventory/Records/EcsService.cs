using System;
using System.Linq;

namespace AwsContainerInventory
{
    /// <summary>An Amazon ECS service, with every attribute of the Amazon ECS connector (EcsService).</summary>
    public sealed class EcsService : ICloudResourceRecord
    {
        internal EcsService() { }

        [SeedAttribute("UID", "service.serviceArn")] public string Uid { get; internal set; } = string.Empty;
        [SeedAttribute("NAME", "service.serviceName (fallback: ARN)")] public string Name { get; internal set; } = string.Empty;
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; internal set; } = CloudProviders.Aws;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; internal set; } = string.Empty;
        [SeedAttribute("ACCOUNT_ID", "Generated (the service's account, from its ARN)")] public string? AccountId { get; internal set; }
        [SeedAttribute("SERVICE_NAME", "service.serviceName")] public string? ServiceName { get; internal set; }
        [SeedAttribute("SERVICE_ARN", "service.serviceArn")] public string ServiceArn { get; internal set; } = string.Empty;
        [SeedAttribute("CLUSTER_ARN", "service.clusterArn")] public string? ClusterArn { get; internal set; }
        [SeedAttribute("SOURCE_STATUS", "service.status")] public string? SourceStatus { get; internal set; }
        [SeedAttribute("LAUNCH_TYPE", "service.launchType")] public string? LaunchType { get; internal set; }
        [SeedAttribute("PLATFORM_FAMILY", "service.platformFamily")] public string? PlatformFamily { get; internal set; }
        [SeedAttribute("PLATFORM_VERSION", "service.platformVersion")] public string? PlatformVersion { get; internal set; }
        [SeedAttribute("SCHEDULING_STRATEGY", "service.schedulingStrategy")] public string? SchedulingStrategy { get; internal set; }
        [SeedAttribute("TASK_DEFINITION", "service.taskDefinition")] public string? TaskDefinition { get; internal set; }
        [SeedAttribute("DESIRED_COUNT", "service.desiredCount")] public int? DesiredCount { get; internal set; }
        [SeedAttribute("RUNNING_COUNT", "service.runningCount")] public int? RunningCount { get; internal set; }
        [SeedAttribute("PENDING_COUNT", "service.pendingCount")] public int? PendingCount { get; internal set; }
        [SeedAttribute("ASSIGN_PUBLIC_IP", "awsvpcConfiguration.assignPublicIp == ENABLED")] public bool? AssignPublicIp { get; internal set; }
        [SeedAttribute("SUBNET_IDS", "awsvpcConfiguration.subnets")] public ValueList<string>? SubnetIds { get; internal set; }
        [SeedAttribute("SECURITY_GROUP_IDS", "awsvpcConfiguration.securityGroups")] public ValueList<string>? SecurityGroupIds { get; internal set; }
        [SeedAttribute("TARGET_GROUP_ARNS", "service.loadBalancers[*].targetGroupArn")] public ValueList<string>? TargetGroupArns { get; internal set; }
        [SeedAttribute("SERVICE_ROLE_ARN", "service.roleArn")] public string? ServiceRoleArn { get; internal set; }
        [SeedAttribute("TAGS", "service.tags")] public TagDictionary Tags { get; internal set; } = TagDictionary.Empty;
        [SeedAttribute("FIRST_SEEN", "service.createdAt")] public DateTime? FirstSeen { get; internal set; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; internal set; }

        public override string ToString() => ServiceArn;

    }
}
