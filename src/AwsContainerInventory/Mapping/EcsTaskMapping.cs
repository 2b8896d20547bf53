using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace AwsContainerInventory
{
    /// <summary>EcsTask from the API's JSON, line by line against the seed table (see the record's SeedAttribute sources).</summary>
    internal static class EcsTaskMapping
    {
        /// <summary>Maps a DescribeTasks <c>Task</c> (described with <c>include: ["TAGS"]</c>).</summary>
        public static EcsTask FromApi(JsonElement task, string region, DateTime capturedAt)
        {
            string arn = ApiValues.String(task, "taskArn") ?? string.Empty;
            List<JsonElement> networkInterfaces = ApiValues.Objects(task, "attachments")
                .Where(a => IsNetworkInterface(ApiValues.String(a, "type")))
                .ToList();
            bool hasEni = networkInterfaces.Count > 0;
            List<JsonElement> eniDetails = networkInterfaces.SelectMany(a => ApiValues.Objects(a, "details")).ToList();
            ValueList<string>? containerImages = ApiValues.Member(task, "containers") == null ? null
                : ValueList.Of(ApiValues.Objects(task, "containers").Select(c => ApiValues.String(c, "image")).Where(i => i != null).Select(i => i!));
            return new EcsTask(
                uid: arn,
                name: arn,
                region: region,
                accountId: ApiValues.AccountFromArn(arn),
                taskArn: arn,
                clusterArn: ApiValues.String(task, "clusterArn"),
                taskDefinitionArn: ApiValues.String(task, "taskDefinitionArn"),
                sourceStatus: ApiValues.String(task, "lastStatus"),
                desiredStatus: ApiValues.String(task, "desiredStatus"),
                launchType: ApiValues.String(task, "launchType"),
                platformVersion: ApiValues.String(task, "platformVersion"),
                group: ApiValues.String(task, "group"),
                availabilityZone: ApiValues.String(task, "availabilityZone"),
                containerInstanceArn: ApiValues.String(task, "containerInstanceArn"),
                cpu: ApiValues.String(task, "cpu"),
                memory: ApiValues.String(task, "memory"),
                containerImages: containerImages,
                ecrRepositoryArns: EcrImageReference.RepositoryArns(containerImages),
                ecrImageDigests: EcrImageDigestsOf(ApiValues.Objects(task, "containers")),
                networkInterfaceIds: hasEni ? ValueList.Of(DetailValues(eniDetails, "networkInterfaceId")) : null,
                privateIpAddresses: hasEni ? ValueList.Of(DetailValues(eniDetails, "privateIPv4Address")) : null,
                // Not in DescribeTasks: TaskPublicIpLookup gives the task its addresses once EC2 has answered.
                publicIpAddresses: null,
                subnetIds: hasEni ? ValueList.Of(DetailValues(eniDetails, "subnetId")) : null,
                tags: ApiValues.EcsTags(ApiValues.Member(task, "tags")),
                firstSeen: ApiValues.Time(task, "createdAt"),
                lastStarted: ApiValues.Time(task, "startedAt"),
                lastStopped: ApiValues.Time(task, "stoppedAt"),
                lastCaptured: capturedAt);
        }

        private static IReadOnlyList<KeyValuePair<string, string>> EcrImageDigestsOf(IEnumerable<JsonElement> containers)
        {
            var pairs = new List<KeyValuePair<string, string>>();
            foreach (JsonElement container in containers)
            {
                string? image = ApiValues.String(container, "image");
                string? digest = ApiValues.String(container, "imageDigest") ?? EcrImageReference.DigestOf(image);
                if (digest == null || !EcrImageReference.TryGetRepositoryArn(image, out string repositoryArn)) continue;
                var pair = new KeyValuePair<string, string>(repositoryArn, digest);
                if (!pairs.Contains(pair)) pairs.Add(pair);
            }
            return pairs;
        }

        private static bool IsNetworkInterface(string? attachmentType) =>
            string.Equals(attachmentType, "ElasticNetworkInterface", StringComparison.OrdinalIgnoreCase)
            || string.Equals(attachmentType, "eni", StringComparison.OrdinalIgnoreCase);

        // Attachment details are name/value pairs: [{ "name": "subnetId", "value": "subnet-…" }, …].
        private static IEnumerable<string> DetailValues(IEnumerable<JsonElement> details, string name) =>
            details.Where(d => ApiValues.String(d, "name") == name)
                .Select(d => ApiValues.String(d, "value"))
                .Where(v => !string.IsNullOrEmpty(v))
                .Select(v => v!);
    }
}
