using System;
using System.Linq;
using System.Text.Json;

namespace AwsContainerInventory
{
    /// <summary>
    /// An Amazon ECS task definition, with every attribute of the Amazon ECS connector (EcsTaskDefinition).
    /// Environment variables contribute their names only: a value is never read into a record.
    /// </summary>
    public sealed class EcsTaskDefinition : ICloudResourceRecord
    {
        private EcsTaskDefinition() { }

        [SeedAttribute("UID", "taskDefinition.taskDefinitionArn")] public string Uid { get; private set; } = string.Empty;
        [SeedAttribute("NAME", "family:revision (fallback: ARN)")] public string Name { get; private set; } = string.Empty;
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; private set; } = ApiValues.AwsProvider;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; private set; } = string.Empty;
        [SeedAttribute("ACCOUNT_ID", "Generated (the task definition's account, from its ARN)")] public string? AccountId { get; private set; }
        [SeedAttribute("TASK_DEFINITION_ARN", "taskDefinition.taskDefinitionArn")] public string TaskDefinitionArn { get; private set; } = string.Empty;
        [SeedAttribute("FAMILY", "taskDefinition.family")] public string? Family { get; private set; }
        [SeedAttribute("REVISION", "taskDefinition.revision")] public int? Revision { get; private set; }
        [SeedAttribute("SOURCE_STATUS", "taskDefinition.status")] public string? SourceStatus { get; private set; }
        [SeedAttribute("NETWORK_MODE", "taskDefinition.networkMode")] public string? NetworkMode { get; private set; }
        [SeedAttribute("REQUIRES_COMPATIBILITIES", "taskDefinition.requiresCompatibilities")] public ValueList<string>? RequiresCompatibilities { get; private set; }
        [SeedAttribute("CPU", "taskDefinition.cpu")] public string? Cpu { get; private set; }
        [SeedAttribute("MEMORY", "taskDefinition.memory")] public string? Memory { get; private set; }
        [SeedAttribute("TASK_ROLE_ARN", "taskDefinition.taskRoleArn")] public string? TaskRoleArn { get; private set; }
        [SeedAttribute("EXECUTION_ROLE_ARN", "taskDefinition.executionRoleArn")] public string? ExecutionRoleArn { get; private set; }
        [SeedAttribute("CONTAINER_IMAGES", "containerDefinitions[*].image")] public ValueList<string>? ContainerImages { get; private set; }
        /// <summary>
        /// Beyond the seed: the repository ARNs of the container images that are private Amazon ECR images, distinct and in
        /// image order (an empty list when none is; null when ContainerImages is), to join the task definition to EcrRepository.Uid.
        /// </summary>
        public ValueList<string>? EcrRepositoryArns { get; private set; }
        [SeedAttribute("ENVIRONMENT_KEYS", "containerDefinitions[*].environment[*].name")] public ValueList<string>? EnvironmentKeys { get; private set; }
        [SeedAttribute("SECRET_REFS", "containerDefinitions[*].secrets[*]")] public ValueList<SecretRef>? SecretRefs { get; private set; }
        /// <summary>Beyond the seed (which lists no TAGS for task definitions): DescribeTaskDefinition's tags, read in the same call.</summary>
        public TagDictionary Tags { get; private set; } = TagDictionary.Empty;
        [SeedAttribute("FIRST_SEEN", "taskDefinition.registeredAt")] public DateTime? FirstSeen { get; private set; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; private set; }

        public override string ToString() => TaskDefinitionArn;

        /// <summary>Maps a DescribeTaskDefinition <c>TaskDefinition</c> and the response's <c>tags</c>.</summary>
        internal static EcsTaskDefinition FromApi(JsonElement definition, JsonElement? tags, string region, DateTime capturedAt)
        {
            string arn = ApiValues.String(definition, "taskDefinitionArn") ?? string.Empty;
            string? family = ApiValues.String(definition, "family");
            int? revision = ApiValues.Int(definition, "revision");
            var containers = ApiValues.Objects(definition, "containerDefinitions").ToList();
            bool hasContainers = ApiValues.Member(definition, "containerDefinitions") != null;
            ValueList<string>? containerImages = hasContainers
                ? ValueList.Of(containers.Select(c => ApiValues.String(c, "image")).Where(i => i != null).Select(i => i!)) : null;
            return new EcsTaskDefinition
            {
                Uid = arn,
                Name = family != null && revision != null ? family + ":" + revision.Value : arn,
                Region = region,
                AccountId = ApiValues.AccountFromArn(arn),
                TaskDefinitionArn = arn,
                Family = family,
                Revision = revision,
                SourceStatus = ApiValues.String(definition, "status"),
                NetworkMode = ApiValues.String(definition, "networkMode"),
                RequiresCompatibilities = ValueList.OfOrNull(ApiValues.Strings(definition, "requiresCompatibilities")),
                Cpu = ApiValues.String(definition, "cpu"),
                Memory = ApiValues.String(definition, "memory"),
                TaskRoleArn = ApiValues.String(definition, "taskRoleArn"),
                ExecutionRoleArn = ApiValues.String(definition, "executionRoleArn"),
                ContainerImages = containerImages,
                EcrRepositoryArns = EcrImageReference.RepositoryArns(containerImages),
                // Names only: the "value" member is deliberately never read.
                EnvironmentKeys = hasContainers ? ValueList.Of(containers.SelectMany(c => ApiValues.Objects(c, "environment"))
                    .Select(e => ApiValues.String(e, "name")).Where(n => n != null).Select(n => n!)) : null,
                SecretRefs = hasContainers ? new ValueList<SecretRef>(containers.SelectMany(c => ApiValues.Objects(c, "secrets"))
                    .Select(s => new SecretRef(ApiValues.String(s, "name") ?? string.Empty, ApiValues.String(s, "valueFrom") ?? string.Empty))) : null,
                Tags = ApiValues.EcsTags(tags),
                FirstSeen = ApiValues.Time(definition, "registeredAt"),
                LastCaptured = capturedAt,
            };
        }
    }
}
