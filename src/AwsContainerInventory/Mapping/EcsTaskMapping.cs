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
            return new EcsTask
            {
                Uid = arn,
                Name = arn,
                Region = region,
                AccountId = ApiValues.AccountFromArn(arn),
                TaskArn = arn,
                ClusterArn = ApiValues.String(task, "clusterArn"),
                TaskDefinitionArn = ApiValues.String(task, "taskDefinitionArn"),
                SourceStatus = ApiValues.String(task, "lastStatus"),
                DesiredStatus = ApiValues.String(task, "desiredStatus"),
                LaunchType = ApiValues.String(task, "launchType"),
                PlatformVersion = ApiValues.String(task, "platformVersion"),
                Group = ApiValues.String(task, "group"),
                AvailabilityZone = ApiValues.String(task, "availabilityZone"),
                ContainerInstanceArn = ApiValues.String(task, "containerInstanceArn"),
                Cpu = ApiValues.String(task, "cpu"),
                Memory = ApiValues.String(task, "memory"),
                ContainerImages = containerImages,
                EcrRepositoryArns = EcrImageReference.RepositoryArns(containerImages),
                EcrImageDigests = EcrImageDigestsOf(ApiValues.Objects(task, "containers")),
                NetworkInterfaceIds = hasEni ? ValueList.Of(DetailValues(eniDetails, "networkInterfaceId")) : null,
                PrivateIpAddresses = hasEni ? ValueList.Of(DetailValues(eniDetails, "privateIPv4Address")) : null,
                SubnetIds = hasEni ? ValueList.Of(DetailValues(eniDetails, "subnetId")) : null,
                Tags = ApiValues.EcsTags(ApiValues.Member(task, "tags")),
                FirstSeen = ApiValues.Time(task, "createdAt"),
                LastStarted = ApiValues.Time(task, "startedAt"),
                LastStopped = ApiValues.Time(task, "stoppedAt"),
                LastCaptured = capturedAt,
            };
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
