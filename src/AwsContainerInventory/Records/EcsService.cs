using System;
using System.Linq;
using System.Text.Json;

namespace AwsContainerInventory
{
    /// <summary>An Amazon ECS service, with every attribute of the Amazon ECS connector (EcsService).</summary>
    public sealed class EcsService : ICloudResourceRecord
    {
        private EcsService() { }

        [SeedAttribute("UID", "service.serviceArn")] public string Uid { get; private set; } = string.Empty;
        [SeedAttribute("NAME", "service.serviceName (fallback: ARN)")] public string Name { get; private set; } = string.Empty;
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; private set; } = ApiValues.AwsProvider;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; private set; } = string.Empty;
        [SeedAttribute("ACCOUNT_ID", "Generated (the service's account, from its ARN)")] public string? AccountId { get; private set; }
        [SeedAttribute("SERVICE_NAME", "service.serviceName")] public string? ServiceName { get; private set; }
        [SeedAttribute("SERVICE_ARN", "service.serviceArn")] public string ServiceArn { get; private set; } = string.Empty;
        [SeedAttribute("CLUSTER_ARN", "service.clusterArn")] public string? ClusterArn { get; private set; }
        [SeedAttribute("SOURCE_STATUS", "service.status")] public string? SourceStatus { get; private set; }
        [SeedAttribute("LAUNCH_TYPE", "service.launchType")] public string? LaunchType { get; private set; }
        [SeedAttribute("PLATFORM_FAMILY", "service.platformFamily")] public string? PlatformFamily { get; private set; }
        [SeedAttribute("PLATFORM_VERSION", "service.platformVersion")] public string? PlatformVersion { get; private set; }
        [SeedAttribute("SCHEDULING_STRATEGY", "service.schedulingStrategy")] public string? SchedulingStrategy { get; private set; }
        [SeedAttribute("TASK_DEFINITION", "service.taskDefinition")] public string? TaskDefinition { get; private set; }
        [SeedAttribute("DESIRED_COUNT", "service.desiredCount")] public int? DesiredCount { get; private set; }
        [SeedAttribute("RUNNING_COUNT", "service.runningCount")] public int? RunningCount { get; private set; }
        [SeedAttribute("PENDING_COUNT", "service.pendingCount")] public int? PendingCount { get; private set; }
        [SeedAttribute("ASSIGN_PUBLIC_IP", "awsvpcConfiguration.assignPublicIp == ENABLED")] public bool? AssignPublicIp { get; private set; }
        [SeedAttribute("SUBNET_IDS", "awsvpcConfiguration.subnets")] public ValueList<string>? SubnetIds { get; private set; }
        [SeedAttribute("SECURITY_GROUP_IDS", "awsvpcConfiguration.securityGroups")] public ValueList<string>? SecurityGroupIds { get; private set; }
        [SeedAttribute("TARGET_GROUP_ARNS", "service.loadBalancers[*].targetGroupArn")] public ValueList<string>? TargetGroupArns { get; private set; }
        [SeedAttribute("SERVICE_ROLE_ARN", "service.roleArn")] public string? ServiceRoleArn { get; private set; }
        [SeedAttribute("TAGS", "service.tags")] public TagDictionary Tags { get; private set; } = TagDictionary.Empty;
        [SeedAttribute("FIRST_SEEN", "service.createdAt")] public DateTime? FirstSeen { get; private set; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; private set; }

        public override string ToString() => ServiceArn;

        /// <summary>Maps a DescribeServices <c>Service</c> (described with <c>include: ["TAGS"]</c>).</summary>
        internal static EcsService FromApi(JsonElement service, string region, DateTime capturedAt)
        {
            string arn = ApiValues.String(service, "serviceArn") ?? string.Empty;
            string? name = ApiValues.String(service, "serviceName");
            JsonElement? awsvpc = ApiValues.Path(service, "networkConfiguration.awsvpcConfiguration");
            bool hasLoadBalancers = ApiValues.Member(service, "loadBalancers") != null;
            return new EcsService
            {
                Uid = arn,
                Name = string.IsNullOrEmpty(name) ? arn : name!,
                Region = region,
                AccountId = ApiValues.AccountFromArn(arn),
                ServiceName = name,
                ServiceArn = arn,
                ClusterArn = ApiValues.String(service, "clusterArn"),
                SourceStatus = ApiValues.String(service, "status"),
                LaunchType = ApiValues.String(service, "launchType"),
                PlatformFamily = ApiValues.String(service, "platformFamily"),
                PlatformVersion = ApiValues.String(service, "platformVersion"),
                SchedulingStrategy = ApiValues.String(service, "schedulingStrategy"),
                TaskDefinition = ApiValues.String(service, "taskDefinition"),
                DesiredCount = ApiValues.Int(service, "desiredCount"),
                RunningCount = ApiValues.Int(service, "runningCount"),
                PendingCount = ApiValues.Int(service, "pendingCount"),
                AssignPublicIp = awsvpc == null ? null : string.Equals(ApiValues.String(awsvpc.Value, "assignPublicIp"), "ENABLED", StringComparison.Ordinal),
                SubnetIds = awsvpc == null ? null : ValueList.OfOrNull(ApiValues.Strings(awsvpc.Value, "subnets")),
                SecurityGroupIds = awsvpc == null ? null : ValueList.OfOrNull(ApiValues.Strings(awsvpc.Value, "securityGroups")),
                TargetGroupArns = hasLoadBalancers
                    ? ValueList.Of(ApiValues.Objects(service, "loadBalancers").Select(lb => ApiValues.String(lb, "targetGroupArn")).Where(a => !string.IsNullOrEmpty(a)).Select(a => a!))
                    : null,
                ServiceRoleArn = ApiValues.String(service, "roleArn"),
                Tags = ApiValues.EcsTags(ApiValues.Member(service, "tags")),
                FirstSeen = ApiValues.Time(service, "createdAt"),
                LastCaptured = capturedAt,
            };
        }
    }
}
