using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace AwsContainerInventory
{
    /// <summary>EcsTaskDefinition from the API's JSON, line by line against the seed table (see the record's SeedAttribute sources).</summary>
    internal static class EcsTaskDefinitionMapping
    {
        /// <summary>Maps a DescribeTaskDefinition <c>TaskDefinition</c> and the response's <c>tags</c>.</summary>
        public static EcsTaskDefinition FromApi(JsonElement definition, JsonElement? tags, string region, DateTime capturedAt)
        {
            string arn = ApiValues.String(definition, "taskDefinitionArn") ?? string.Empty;
            string? family = ApiValues.String(definition, "family");
            int? revision = ApiValues.Int(definition, "revision");
            var containers = ApiValues.Objects(definition, "containerDefinitions").ToList();
            bool hasContainers = ApiValues.Member(definition, "containerDefinitions") != null;
            ValueList<string>? containerImages = hasContainers
                ? ValueList.Of(containers.Select(c => ApiValues.String(c, "image")).Where(i => i != null).Select(i => i!)) : null;
            return new EcsTaskDefinition(
                uid: arn,
                name: family != null && revision != null ? family + ":" + revision.Value : arn,
                region: region,
                accountId: ApiValues.AccountFromArn(arn),
                taskDefinitionArn: arn,
                family: family,
                revision: revision,
                sourceStatus: ApiValues.String(definition, "status"),
                networkMode: ApiValues.String(definition, "networkMode"),
                requiresCompatibilities: ValueList.OfOrNull(ApiValues.Strings(definition, "requiresCompatibilities")),
                cpu: ApiValues.String(definition, "cpu"),
                memory: ApiValues.String(definition, "memory"),
                taskRoleArn: ApiValues.String(definition, "taskRoleArn"),
                executionRoleArn: ApiValues.String(definition, "executionRoleArn"),
                containerImages: containerImages,
                ecrRepositoryArns: EcrImageReference.RepositoryArns(containerImages),
                // Names only: the "value" member is deliberately never read.
                environmentKeys: hasContainers ? ValueList.Of(containers.SelectMany(c => ApiValues.Objects(c, "environment"))
                    .Select(e => ApiValues.String(e, "name")).Where(n => n != null).Select(n => n!)) : null,
                secretRefs: hasContainers ? new ValueList<SecretRef>(containers.SelectMany(c => ApiValues.Objects(c, "secrets"))
                    .Select(s => new SecretRef(ApiValues.String(s, "name") ?? string.Empty, ApiValues.String(s, "valueFrom") ?? string.Empty))) : null,
                tags: ApiValues.EcsTags(tags),
                firstSeen: ApiValues.Time(definition, "registeredAt"),
                lastCaptured: capturedAt);
        }
    }
}
