using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace AwsContainerInventory
{
    /// <summary>An Amazon ECS task, with every attribute of the Amazon ECS connector (EcsTask).</summary>
    public sealed class EcsTask : ICloudResourceRecord
    {
        private EcsTask() { }

        [SeedAttribute("UID", "task.taskArn")] public string Uid { get; private set; } = string.Empty;
        [SeedAttribute("NAME", "task.taskArn")] public string Name { get; private set; } = string.Empty;
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; private set; } = ApiValues.AwsProvider;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; private set; } = string.Empty;
        [SeedAttribute("ACCOUNT_ID", "Generated (the task's account, from its ARN)")] public string? AccountId { get; private set; }
        [SeedAttribute("TASK_ARN", "task.taskArn")] public string TaskArn { get; private set; } = string.Empty;
        [SeedAttribute("CLUSTER_ARN", "task.clusterArn")] public string? ClusterArn { get; private set; }
        [SeedAttribute("TASK_DEFINITION_ARN", "task.taskDefinitionArn")] public string? TaskDefinitionArn { get; private set; }
        [SeedAttribute("SOURCE_STATUS", "task.lastStatus")] public string? SourceStatus { get; private set; }
        [SeedAttribute("DESIRED_STATUS", "task.desiredStatus")] public string? DesiredStatus { get; private set; }
        [SeedAttribute("LAUNCH_TYPE", "task.launchType")] public string? LaunchType { get; private set; }
        [SeedAttribute("PLATFORM_VERSION", "task.platformVersion")] public string? PlatformVersion { get; private set; }
        [SeedAttribute("GROUP", "task.group")] public string? Group { get; private set; }
        [SeedAttribute("AVAILABILITY_ZONE", "task.availabilityZone")] public string? AvailabilityZone { get; private set; }
        [SeedAttribute("CONTAINER_INSTANCE_ARN", "task.containerInstanceArn")] public string? ContainerInstanceArn { get; private set; }
        [SeedAttribute("CPU", "task.cpu")] public string? Cpu { get; private set; }
        [SeedAttribute("MEMORY", "task.memory")] public string? Memory { get; private set; }
        [SeedAttribute("CONTAINER_IMAGES", "task.containers[*].image")] public ValueList<string>? ContainerImages { get; private set; }
        /// <summary>
        /// Beyond the seed: the repository ARNs of the container images that are private Amazon ECR images, distinct and in
        /// image order (an empty list when none is; null when ContainerImages is), to join the task to EcrRepository.Uid.
        /// </summary>
        public ValueList<string>? EcrRepositoryArns { get; private set; }
        /// <summary>
        /// The private ECR images the task's containers run, by repository ARN and manifest digest (containers[].imageDigest,
        /// else the digest the image reference pins), each pair once; what Get-EcrImage -InUse looks up.
        /// </summary>
        internal IReadOnlyList<KeyValuePair<string, string>> EcrImageDigests { get; private set; } = Array.Empty<KeyValuePair<string, string>>();
        [SeedAttribute("NETWORK_INTERFACE_IDS", "attachment details networkInterfaceId")] public ValueList<string>? NetworkInterfaceIds { get; private set; }
        [SeedAttribute("PRIVATE_IP_ADDRESSES", "attachment details privateIPv4Address")] public ValueList<string>? PrivateIpAddresses { get; private set; }
        /// <summary>
        /// Beyond the seed: the public IPv4 addresses of the task's network interfaces (ec2:DescribeNetworkInterfaces,
        /// association.publicIp); empty when they have none; $null without network interfaces, with -SkipPublicIp, or
        /// when the lookup was denied or failed.
        /// </summary>
        public ValueList<string>? PublicIpAddresses { get; private set; }
        [SeedAttribute("SUBNET_IDS", "attachment details subnetId")] public ValueList<string>? SubnetIds { get; private set; }
        [SeedAttribute("TAGS", "task.tags")] public TagDictionary Tags { get; private set; } = TagDictionary.Empty;
        [SeedAttribute("FIRST_SEEN", "task.createdAt")] public DateTime? FirstSeen { get; private set; }
        [SeedAttribute("LAST_STARTED", "task.startedAt")] public DateTime? LastStarted { get; private set; }
        [SeedAttribute("LAST_STOPPED", "task.stoppedAt")] public DateTime? LastStopped { get; private set; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; private set; }

        public override string ToString() => TaskArn;

        internal void SetPublicIpAddresses(IEnumerable<string> addresses) => PublicIpAddresses = ValueList.Of(addresses);

        /// <summary>Maps a DescribeTasks <c>Task</c> (described with <c>include: ["TAGS"]</c>).</summary>
        internal static EcsTask FromApi(JsonElement task, string region, DateTime capturedAt)
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
