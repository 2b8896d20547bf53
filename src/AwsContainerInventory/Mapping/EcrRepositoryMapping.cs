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
            return new EcrRepository
            {
                Uid = arn,
                Name = name,
                Region = region,
                AccountId = ApiValues.AccountFromArn(arn) ?? registryId,
                RepositoryName = name,
                Repository = name,
                RepositoryArn = arn,
                RepositoryUri = ApiValues.String(repository, "repositoryUri"),
                Registry = registryId,
                RegistryId = registryId,
                IsPublic = exposure.IsPublic,
                RepositoryPolicy = policyText,
                ScanOnPush = scanning == null ? null : ApiValues.Bool(scanning.Value, "scanOnPush"),
                ImageTagMutability = ApiValues.String(repository, "imageTagMutability"),
                EncryptionType = encryption == null ? null : ApiValues.String(encryption.Value, "encryptionType"),
                KmsKey = encryption == null ? null : ApiValues.String(encryption.Value, "kmsKey"),
                Tags = new TagDictionary(tags),
                PublicStatements = exposure.PublicStatements,
                IsPublicUnconditionally = exposure.IsPublicUnconditionally,
                PolicyReadProblem = exposure.ReadProblem,
                FirstSeen = ApiValues.Time(repository, "createdAt"),
                LastCaptured = capturedAt,
            };
        }
    }
}
