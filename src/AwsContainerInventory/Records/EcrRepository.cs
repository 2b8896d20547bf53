using System;
using System.Collections.Generic;
using System.Text.Json;
using AwsContainerInventory.Policy;

namespace AwsContainerInventory
{
    /// <summary>An Amazon ECR repository, with every attribute of the Amazon ECR connector (EcrRepository).</summary>
    public sealed class EcrRepository : ICloudResourceRecord
    {
        private EcrRepository() { }

        [SeedAttribute("UID", "repository.repositoryArn")] public string Uid { get; private set; } = string.Empty;
        [SeedAttribute("NAME", "repository.repositoryName")] public string Name { get; private set; } = string.Empty;
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; private set; } = ApiValues.AwsProvider;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; private set; } = string.Empty;
        [SeedAttribute("ACCOUNT_ID", "Generated (the repository's account, from its ARN)")] public string? AccountId { get; private set; }
        [SeedAttribute("REPOSITORY_NAME", "repository.repositoryName")] public string RepositoryName { get; private set; } = string.Empty;
        [SeedAttribute("REPOSITORY", "repository.repositoryName")] public string Repository { get; private set; } = string.Empty;
        [SeedAttribute("REPOSITORY_ARN", "repository.repositoryArn")] public string RepositoryArn { get; private set; } = string.Empty;
        [SeedAttribute("REPOSITORY_URI", "repository.repositoryUri")] public string? RepositoryUri { get; private set; }
        [SeedAttribute("REGISTRY", "repository.registryId")] public string? Registry { get; private set; }
        [SeedAttribute("REGISTRY_ID", "repository.registryId")] public string? RegistryId { get; private set; }
        [SeedAttribute("IS_PUBLIC", "Generated (policy has an Allow statement whose principal means everyone: \"*\" in any form, a wildcard account, or NotPrincipal)")] public bool IsPublic { get; private set; }
        [SeedAttribute("REPOSITORY_POLICY", "getRepositoryPolicy().policyText")] public string? RepositoryPolicy { get; private set; }
        [SeedAttribute("SCAN_ON_PUSH", "imageScanningConfiguration.scanOnPush")] public bool? ScanOnPush { get; private set; }
        [SeedAttribute("IMAGE_TAG_MUTABILITY", "repository.imageTagMutability")] public string? ImageTagMutability { get; private set; }
        [SeedAttribute("ENCRYPTION_TYPE", "encryptionConfiguration.encryptionType")] public string? EncryptionType { get; private set; }
        [SeedAttribute("KMS_KEY", "encryptionConfiguration.kmsKey")] public string? KmsKey { get; private set; }
        [SeedAttribute("TAGS", "listTagsForResource(...).tags")] public TagDictionary Tags { get; private set; } = TagDictionary.Empty;
        /// <summary>
        /// Beyond the seed: why <see cref="IsPublic"/> is true, as the policy's Allow statements whose principal means
        /// everyone, each with AWS's verdict on it and the rule that decided it; an empty list when not public.
        /// </summary>
        public ValueList<PublicStatement> PublicStatements { get; private set; } = PolicyExposure.NotPublic.PublicStatements;
        /// <summary>
        /// Beyond the seed: true when, by AWS's policy evaluation, some ECR action is allowed to principals outside any
        /// specific account, organization or network endpoint (a statement whose verdict is Public or PublicFromNetwork).
        /// </summary>
        public bool IsPublicUnconditionally { get; private set; }
        /// <summary>Why the policy text is not strict JSON, so the verdicts rest on what could be read; null when it is.</summary>
        internal string? PolicyReadProblem { get; private set; }
        [SeedAttribute("FIRST_SEEN", "repository.createdAt")] public DateTime? FirstSeen { get; private set; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; private set; }

        public override string ToString() => RepositoryArn;

        /// <summary>Maps a DescribeRepositories <c>Repository</c> plus its policy text and tags.</summary>
        internal static EcrRepository FromApi(JsonElement repository, string? policyText, IEnumerable<KeyValuePair<string, string>> tags, string region, DateTime capturedAt)
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
