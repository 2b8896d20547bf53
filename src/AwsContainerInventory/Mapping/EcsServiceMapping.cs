using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace AwsContainerInventory
{
    /// <summary>EcsService from the API's JSON, line by line against the seed table (see the record's SeedAttribute sources).</summary>
    internal static class EcsServiceMapping
    {
        /// <summary>Maps a DescribeServices <c>Service</c> (described with <c>include: ["TAGS"]</c>).</summary>
        public static EcsService FromApi(JsonElement service, string region, DateTime capturedAt)
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
