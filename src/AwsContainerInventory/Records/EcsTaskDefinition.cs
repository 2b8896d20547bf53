using System;
using System.Linq;

namespace AwsContainerInventory
{
    /// <summary>
    /// An Amazon ECS task definition, with every attribute of the Amazon ECS connector (EcsTaskDefinition).
    /// Environment variables contribute their names only: a value is never read into a record.
    /// </summary>
    public sealed class EcsTaskDefinition : ICloudResourceRecord
    {
        /// <summary>
        /// Every value once, from EcsTaskDefinitionMapping. Internal: only the module builds records, and a public constructor
        /// would turn each new property into a breaking change for callers.
        /// </summary>
        internal EcsTaskDefinition(
            string uid,
            string name,
            string region,
            string? accountId,
            string taskDefinitionArn,
            string? family,
            int? revision,
            string? sourceStatus,
            string? networkMode,
            ValueList<string>? requiresCompatibilities,
            string? cpu,
            string? memory,
            string? taskRoleArn,
            string? executionRoleArn,
            ValueList<string>? containerImages,
            ValueList<string>? ecrRepositoryArns,
            ValueList<string>? environmentKeys,
            ValueList<SecretRef>? secretRefs,
            TagDictionary tags,
            DateTime? firstSeen,
            DateTime lastCaptured)
        {
            Uid = uid;
            Name = name;
            Region = region;
            AccountId = accountId;
            TaskDefinitionArn = taskDefinitionArn;
            Family = family;
            Revision = revision;
            SourceStatus = sourceStatus;
            NetworkMode = networkMode;
            RequiresCompatibilities = requiresCompatibilities;
            Cpu = cpu;
            Memory = memory;
            TaskRoleArn = taskRoleArn;
            ExecutionRoleArn = executionRoleArn;
            ContainerImages = containerImages;
            EcrRepositoryArns = ecrRepositoryArns;
            EnvironmentKeys = environmentKeys;
            SecretRefs = secretRefs;
            Tags = tags;
            FirstSeen = firstSeen;
            LastCaptured = lastCaptured;
        }

        [SeedAttribute("UID", "taskDefinition.taskDefinitionArn")] public string Uid { get; }
        [SeedAttribute("NAME", "family:revision (fallback: ARN)")] public string Name { get; }
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; } = CloudProviders.Aws;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; }
        [SeedAttribute("ACCOUNT_ID", "Generated (the task definition's account, from its ARN)")] public string? AccountId { get; }
        [SeedAttribute("TASK_DEFINITION_ARN", "taskDefinition.taskDefinitionArn")] public string TaskDefinitionArn { get; }
        [SeedAttribute("FAMILY", "taskDefinition.family")] public string? Family { get; }
        [SeedAttribute("REVISION", "taskDefinition.revision")] public int? Revision { get; }
        [SeedAttribute("SOURCE_STATUS", "taskDefinition.status")] public string? SourceStatus { get; }
        [SeedAttribute("NETWORK_MODE", "taskDefinition.networkMode")] public string? NetworkMode { get; }
        [SeedAttribute("REQUIRES_COMPATIBILITIES", "taskDefinition.requiresCompatibilities")] public ValueList<string>? RequiresCompatibilities { get; }
        [SeedAttribute("CPU", "taskDefinition.cpu")] public string? Cpu { get; }
        [SeedAttribute("MEMORY", "taskDefinition.memory")] public string? Memory { get; }
        [SeedAttribute("TASK_ROLE_ARN", "taskDefinition.taskRoleArn")] public string? TaskRoleArn { get; }
        [SeedAttribute("EXECUTION_ROLE_ARN", "taskDefinition.executionRoleArn")] public string? ExecutionRoleArn { get; }
        [SeedAttribute("CONTAINER_IMAGES", "containerDefinitions[*].image")] public ValueList<string>? ContainerImages { get; }
        /// <summary>
        /// Beyond the seed: the repository ARNs of the container images that are private Amazon ECR images, distinct and in
        /// image order (an empty list when none is; null when ContainerImages is), to join the task definition to EcrRepository.Uid.
        /// </summary>
        public ValueList<string>? EcrRepositoryArns { get; }
        [SeedAttribute("ENVIRONMENT_KEYS", "containerDefinitions[*].environment[*].name")] public ValueList<string>? EnvironmentKeys { get; }
        [SeedAttribute("SECRET_REFS", "containerDefinitions[*].secrets[*]")] public ValueList<SecretRef>? SecretRefs { get; }
        /// <summary>Beyond the seed (which lists no TAGS for task definitions): DescribeTaskDefinition's tags, read in the same call.</summary>
        public TagDictionary Tags { get; }
        [SeedAttribute("FIRST_SEEN", "taskDefinition.registeredAt")] public DateTime? FirstSeen { get; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; }

        public override string ToString() => TaskDefinitionArn;

    }
}
