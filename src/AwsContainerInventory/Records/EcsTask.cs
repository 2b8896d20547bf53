using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory
{
    /// <summary>An Amazon ECS task, with every attribute of the Amazon ECS connector (EcsTask).</summary>
    public sealed class EcsTask : ICloudResourceRecord
    {
        internal EcsTask() { }

        [SeedAttribute("UID", "task.taskArn")] public string Uid { get; internal set; } = string.Empty;
        [SeedAttribute("NAME", "task.taskArn")] public string Name { get; internal set; } = string.Empty;
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; internal set; } = CloudProviders.Aws;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; internal set; } = string.Empty;
        [SeedAttribute("ACCOUNT_ID", "Generated (the task's account, from its ARN)")] public string? AccountId { get; internal set; }
        [SeedAttribute("TASK_ARN", "task.taskArn")] public string TaskArn { get; internal set; } = string.Empty;
        [SeedAttribute("CLUSTER_ARN", "task.clusterArn")] public string? ClusterArn { get; internal set; }
        [SeedAttribute("TASK_DEFINITION_ARN", "task.taskDefinitionArn")] public string? TaskDefinitionArn { get; internal set; }
        [SeedAttribute("SOURCE_STATUS", "task.lastStatus")] public string? SourceStatus { get; internal set; }
        [SeedAttribute("DESIRED_STATUS", "task.desiredStatus")] public string? DesiredStatus { get; internal set; }
        [SeedAttribute("LAUNCH_TYPE", "task.launchType")] public string? LaunchType { get; internal set; }
        [SeedAttribute("PLATFORM_VERSION", "task.platformVersion")] public string? PlatformVersion { get; internal set; }
        [SeedAttribute("GROUP", "task.group")] public string? Group { get; internal set; }
        [SeedAttribute("AVAILABILITY_ZONE", "task.availabilityZone")] public string? AvailabilityZone { get; internal set; }
        [SeedAttribute("CONTAINER_INSTANCE_ARN", "task.containerInstanceArn")] public string? ContainerInstanceArn { get; internal set; }
        [SeedAttribute("CPU", "task.cpu")] public string? Cpu { get; internal set; }
        [SeedAttribute("MEMORY", "task.memory")] public string? Memory { get; internal set; }
        [SeedAttribute("CONTAINER_IMAGES", "task.containers[*].image")] public ValueList<string>? ContainerImages { get; internal set; }
        /// <summary>
        /// Beyond the seed: the repository ARNs of the container images that are private Amazon ECR images, distinct and in
        /// image order (an empty list when none is; null when ContainerImages is), to join the task to EcrRepository.Uid.
        /// </summary>
        public ValueList<string>? EcrRepositoryArns { get; internal set; }
        /// <summary>
        /// The private ECR images the task's containers run, by repository ARN and manifest digest (containers[].imageDigest,
        /// else the digest the image reference pins), each pair once; what Get-EcrImage -InUse looks up.
        /// </summary>
        internal IReadOnlyList<KeyValuePair<string, string>> EcrImageDigests { get; set; } = Array.Empty<KeyValuePair<string, string>>();
        [SeedAttribute("NETWORK_INTERFACE_IDS", "attachment details networkInterfaceId")] public ValueList<string>? NetworkInterfaceIds { get; internal set; }
        [SeedAttribute("PRIVATE_IP_ADDRESSES", "attachment details privateIPv4Address")] public ValueList<string>? PrivateIpAddresses { get; internal set; }
        /// <summary>
        /// Beyond the seed: the public IPv4 addresses of the task's network interfaces (ec2:DescribeNetworkInterfaces,
        /// association.publicIp); empty when they have none; $null without network interfaces, with -SkipPublicIp, or
        /// when the lookup was denied or failed.
        /// </summary>
        public ValueList<string>? PublicIpAddresses { get; internal set; }
        [SeedAttribute("SUBNET_IDS", "attachment details subnetId")] public ValueList<string>? SubnetIds { get; internal set; }
        [SeedAttribute("TAGS", "task.tags")] public TagDictionary Tags { get; internal set; } = TagDictionary.Empty;
        [SeedAttribute("FIRST_SEEN", "task.createdAt")] public DateTime? FirstSeen { get; internal set; }
        [SeedAttribute("LAST_STARTED", "task.startedAt")] public DateTime? LastStarted { get; internal set; }
        [SeedAttribute("LAST_STOPPED", "task.stoppedAt")] public DateTime? LastStopped { get; internal set; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; internal set; }

        public override string ToString() => TaskArn;

        internal void SetPublicIpAddresses(IEnumerable<string> addresses) => PublicIpAddresses = ValueList.Of(addresses);
    }
}
