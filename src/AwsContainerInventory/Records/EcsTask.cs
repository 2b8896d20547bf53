using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory
{
    /// <summary>An Amazon ECS task, with every attribute of the Amazon ECS connector (EcsTask).</summary>
    public sealed class EcsTask : ICloudResourceRecord
    {
        /// <summary>
        /// Every value once, from EcsTaskMapping. Internal: only the module builds records, and a public constructor
        /// would turn each new property into a breaking change for callers.
        /// </summary>
        internal EcsTask(
            string uid,
            string name,
            string region,
            string? accountId,
            string taskArn,
            string? clusterArn,
            string? taskDefinitionArn,
            string? sourceStatus,
            string? desiredStatus,
            string? launchType,
            string? platformVersion,
            string? group,
            string? availabilityZone,
            string? containerInstanceArn,
            string? cpu,
            string? memory,
            ValueList<string>? containerImages,
            ValueList<string>? ecrRepositoryArns,
            IReadOnlyList<KeyValuePair<string, string>> ecrImageDigests,
            ValueList<string>? networkInterfaceIds,
            ValueList<string>? privateIpAddresses,
            ValueList<string>? publicIpAddresses,
            ValueList<string>? subnetIds,
            TagDictionary tags,
            DateTime? firstSeen,
            DateTime? lastStarted,
            DateTime? lastStopped,
            DateTime lastCaptured)
        {
            Uid = uid;
            Name = name;
            Region = region;
            AccountId = accountId;
            TaskArn = taskArn;
            ClusterArn = clusterArn;
            TaskDefinitionArn = taskDefinitionArn;
            SourceStatus = sourceStatus;
            DesiredStatus = desiredStatus;
            LaunchType = launchType;
            PlatformVersion = platformVersion;
            Group = group;
            AvailabilityZone = availabilityZone;
            ContainerInstanceArn = containerInstanceArn;
            Cpu = cpu;
            Memory = memory;
            ContainerImages = containerImages;
            EcrRepositoryArns = ecrRepositoryArns;
            EcrImageDigests = ecrImageDigests;
            NetworkInterfaceIds = networkInterfaceIds;
            PrivateIpAddresses = privateIpAddresses;
            PublicIpAddresses = publicIpAddresses;
            SubnetIds = subnetIds;
            Tags = tags;
            FirstSeen = firstSeen;
            LastStarted = lastStarted;
            LastStopped = lastStopped;
            LastCaptured = lastCaptured;
        }

        [SeedAttribute("UID", "task.taskArn")] public string Uid { get; }
        [SeedAttribute("NAME", "task.taskArn")] public string Name { get; }
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; } = CloudProviders.Aws;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; }
        [SeedAttribute("ACCOUNT_ID", "Generated (the task's account, from its ARN)")] public string? AccountId { get; }
        [SeedAttribute("TASK_ARN", "task.taskArn")] public string TaskArn { get; }
        [SeedAttribute("CLUSTER_ARN", "task.clusterArn")] public string? ClusterArn { get; }
        [SeedAttribute("TASK_DEFINITION_ARN", "task.taskDefinitionArn")] public string? TaskDefinitionArn { get; }
        [SeedAttribute("SOURCE_STATUS", "task.lastStatus")] public string? SourceStatus { get; }
        [SeedAttribute("DESIRED_STATUS", "task.desiredStatus")] public string? DesiredStatus { get; }
        [SeedAttribute("LAUNCH_TYPE", "task.launchType")] public string? LaunchType { get; }
        [SeedAttribute("PLATFORM_VERSION", "task.platformVersion")] public string? PlatformVersion { get; }
        [SeedAttribute("GROUP", "task.group")] public string? Group { get; }
        [SeedAttribute("AVAILABILITY_ZONE", "task.availabilityZone")] public string? AvailabilityZone { get; }
        [SeedAttribute("CONTAINER_INSTANCE_ARN", "task.containerInstanceArn")] public string? ContainerInstanceArn { get; }
        [SeedAttribute("CPU", "task.cpu")] public string? Cpu { get; }
        [SeedAttribute("MEMORY", "task.memory")] public string? Memory { get; }
        [SeedAttribute("CONTAINER_IMAGES", "task.containers[*].image")] public ValueList<string>? ContainerImages { get; }
        /// <summary>
        /// Beyond the seed: the repository ARNs of the container images that are private Amazon ECR images, distinct and in
        /// image order (an empty list when none is; null when ContainerImages is), to join the task to EcrRepository.Uid.
        /// </summary>
        public ValueList<string>? EcrRepositoryArns { get; }
        /// <summary>
        /// The private ECR images the task's containers run, by repository ARN and manifest digest (containers[].imageDigest,
        /// else the digest the image reference pins), each pair once; what Get-EcrImage -InUse looks up.
        /// </summary>
        internal IReadOnlyList<KeyValuePair<string, string>> EcrImageDigests { get; }
        [SeedAttribute("NETWORK_INTERFACE_IDS", "attachment details networkInterfaceId")] public ValueList<string>? NetworkInterfaceIds { get; }
        [SeedAttribute("PRIVATE_IP_ADDRESSES", "attachment details privateIPv4Address")] public ValueList<string>? PrivateIpAddresses { get; }
        /// <summary>
        /// Beyond the seed: the public IPv4 addresses of the task's network interfaces (ec2:DescribeNetworkInterfaces,
        /// association.publicIp); empty when they have none; $null without network interfaces, with -SkipPublicIp, or
        /// when the lookup was denied or failed.
        /// </summary>
        public ValueList<string>? PublicIpAddresses { get; }
        [SeedAttribute("SUBNET_IDS", "attachment details subnetId")] public ValueList<string>? SubnetIds { get; }
        [SeedAttribute("TAGS", "task.tags")] public TagDictionary Tags { get; }
        [SeedAttribute("FIRST_SEEN", "task.createdAt")] public DateTime? FirstSeen { get; }
        [SeedAttribute("LAST_STARTED", "task.startedAt")] public DateTime? LastStarted { get; }
        [SeedAttribute("LAST_STOPPED", "task.stoppedAt")] public DateTime? LastStopped { get; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; }

        public override string ToString() => TaskArn;

        /// <summary>
        /// This task with the public IPv4 addresses of its network interfaces, once the pair's
        /// ec2:DescribeNetworkInterfaces batch has answered (the task is read before its addresses are known).
        /// </summary>
        internal EcsTask WithPublicIpAddresses(IEnumerable<string> addresses) => new EcsTask(
            uid: Uid,
            name: Name,
            region: Region,
            accountId: AccountId,
            taskArn: TaskArn,
            clusterArn: ClusterArn,
            taskDefinitionArn: TaskDefinitionArn,
            sourceStatus: SourceStatus,
            desiredStatus: DesiredStatus,
            launchType: LaunchType,
            platformVersion: PlatformVersion,
            group: Group,
            availabilityZone: AvailabilityZone,
            containerInstanceArn: ContainerInstanceArn,
            cpu: Cpu,
            memory: Memory,
            containerImages: ContainerImages,
            ecrRepositoryArns: EcrRepositoryArns,
            ecrImageDigests: EcrImageDigests,
            networkInterfaceIds: NetworkInterfaceIds,
            privateIpAddresses: PrivateIpAddresses,
            publicIpAddresses: ValueList.Of(addresses),
            subnetIds: SubnetIds,
            tags: Tags,
            firstSeen: FirstSeen,
            lastStarted: LastStarted,
            lastStopped: LastStopped,
            lastCaptured: LastCaptured);
    }
}
