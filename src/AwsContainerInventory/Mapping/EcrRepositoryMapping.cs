using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AwsContainerInventory.Policy;

namespace AwsContainerInventory
{
    /// <summary>EcrRepository from the API's JSON, line by line against the seed table (see the record's SeedAttribute sources).</summary>
    internal static class EcrRepositoryMapping
    {
        /// <summary>Maps a DescribeRepositories <c>Repository</c> plus its policy text and tags.</summary>
        public static EcrRepository FromApi(JsonElement repository, string? policyText, IEnumerable<KeyValuePair<string, string>> tags, string region, DateTime capturedAt)
        {
            string name = ApiValues.String(repository, "repositoryName") ?? string.Empty;
            string arn = ApiValues.String(repository, "repositoryArn") ?? string.Empty;
            string? registryId = ApiValues.String(repository, "registryId");
            JsonElement? encryption = ApiValues.Member(repository, "encryptionConfiguration");
            JsonElement? scanning = ApiValues.Member(repository, "imageScanningConfiguration");
            PolicyExposure exposure = PolicyAnalyzer.Analyze(policyText);
            return new EcrRepository(
                uid: arn,
                name: name,
                region: region,
                accountId: ApiValues.AccountFromArn(arn) ?? registryId,
                repositoryName: name,
                repository: name,
                repositoryArn: arn,
                repositoryUri: ApiValues.String(repository, "repositoryUri"),
                registry: registryId,
                registryId: registryId,
                isPublic: exposure.IsPublic,
                repositoryPolicy: policyText,
                scanOnPush: scanning == null ? null : ApiValues.Bool(scanning.Value, "scanOnPush"),
                imageTagMutability: ApiValues.String(repository, "imageTagMutability"),
                encryptionType: encryption == null ? null : ApiValues.String(encryption.Value, "encryptionType"),
                kmsKey: encryption == null ? null : ApiValues.String(encryption.Value, "kmsKey"),
                tags: new TagDictionary(tags),
                publicStatements: exposure.PublicStatements,
                isPublicUnconditionally: exposure.IsPublicUnconditionally,
                policyReadProblem: exposure.ReadProblem,
                firstSeen: ApiValues.Time(repository, "createdAt"),
                lastCaptured: capturedAt);
        }
    }
}
