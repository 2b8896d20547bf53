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
        internal EcsTaskDefinition() { }

        [SeedAttribute("UID", "taskDefinition.taskDefinitionArn")] public string Uid { get; internal set; } = string.Empty;
        [SeedAttribute("NAME", "family:revision (fallback: ARN)")] public string Name { get; internal set; } = string.Empty;
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; internal set; } = CloudProviders.Aws;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; internal set; } = string.Empty;
        [SeedAttribute("ACCOUNT_ID", "Generated (the task definition's account, from its ARN)")] public string? AccountId { get; internal set; }
        [SeedAttribute("TASK_DEFINITION_ARN", "taskDefinition.taskDefinitionArn")] public string TaskDefinitionArn { get; internal set; } = string.Empty;
        [SeedAttribute("FAMILY", "taskDefinition.family")] public string? Family { get; internal set; }
        [SeedAttribute("REVISION", "taskDefinition.revision")] public int? Revision { get; internal set; }
        [SeedAttribute("SOURCE_STATUS", "taskDefinition.status")] public string? SourceStatus { get; internal set; }
        [SeedAttribute("NETWORK_MODE", "taskDefinition.networkMode")] public string? NetworkMode { get; internal set; }
        [SeedAttribute("REQUIRES_COMPATIBILITIES", "taskDefinition.requiresCompatibilities")] public ValueList<string>? RequiresCompatibilities { get; internal set; }
        [SeedAttribute("CPU", "taskDefinition.cpu")] public string? Cpu { get; internal set; }
        [SeedAttribute("MEMORY", "taskDefinition.memory")] public string? Memory { get; internal set; }
        [SeedAttribute("TASK_ROLE_ARN", "taskDefinition.taskRoleArn")] public string? TaskRoleArn { get; internal set; }
        [SeedAttribute("EXECUTION_ROLE_ARN", "taskDefinition.executionRoleArn")] public string? ExecutionRoleArn { get; internal set; }
        [SeedAttribute("CONTAINER_IMAGES", "containerDefinitions[*].image")] public ValueList<string>? ContainerImages { get; internal set; }
        /// <summary>
        /// Beyond the seed: the repository ARNs of the container images that are private Amazon ECR images, distinct and in
        /// image order (an empty list when none is; null when ContainerImages is), to join the task definition to EcrRepository.Uid.
        /// </summary>
        public ValueList<string>? EcrRepositoryArns { get; internal set; }
        [SeedAttribute("ENVIRONMENT_KEYS", "containerDefinitions[*].environment[*].name")] public ValueList<string>? EnvironmentKeys { get; internal set; }
        [SeedAttribute("SECRET_REFS", "containerDefinitions[*].secrets[*]")] public ValueList<SecretRef>? SecretRefs { get; internal set; }
        /// <summary>Beyond the seed (which lists no TAGS for task definitions): DescribeTaskDefinition's tags, read in the same call.</summary>
        public TagDictionary Tags { get; internal set; } = TagDictionary.Empty;
        [SeedAttribute("FIRST_SEEN", "taskDefinition.registeredAt")] public DateTime? FirstSeen { get; internal set; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; internal set; }

        public override string ToString() => TaskDefinitionArn;

    }
}
