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
            return new EcsService(
                uid: arn,
                name: string.IsNullOrEmpty(name) ? arn : name!,
                region: region,
                accountId: ApiValues.AccountFromArn(arn),
                serviceName: name,
                serviceArn: arn,
                clusterArn: ApiValues.String(service, "clusterArn"),
                sourceStatus: ApiValues.String(service, "status"),
                launchType: ApiValues.String(service, "launchType"),
                platformFamily: ApiValues.String(service, "platformFamily"),
                platformVersion: ApiValues.String(service, "platformVersion"),
                schedulingStrategy: ApiValues.String(service, "schedulingStrategy"),
                taskDefinition: ApiValues.String(service, "taskDefinition"),
                desiredCount: ApiValues.Int(service, "desiredCount"),
                runningCount: ApiValues.Int(service, "runningCount"),
                pendingCount: ApiValues.Int(service, "pendingCount"),
                assignPublicIp: awsvpc == null ? null : string.Equals(ApiValues.String(awsvpc.Value, "assignPublicIp"), "ENABLED", StringComparison.Ordinal),
                subnetIds: awsvpc == null ? null : ValueList.OfOrNull(ApiValues.Strings(awsvpc.Value, "subnets")),
                securityGroupIds: awsvpc == null ? null : ValueList.OfOrNull(ApiValues.Strings(awsvpc.Value, "securityGroups")),
                targetGroupArns: hasLoadBalancers
                    ? ValueList.Of(ApiValues.Objects(service, "loadBalancers").Select(lb => ApiValues.String(lb, "targetGroupArn")).Where(a => !string.IsNullOrEmpty(a)).Select(a => a!))
                    : null,
                serviceRoleArn: ApiValues.String(service, "roleArn"),
                tags: ApiValues.EcsTags(ApiValues.Member(service, "tags")),
                firstSeen: ApiValues.Time(service, "createdAt"),
                lastCaptured: capturedAt);
        }
    }
}
