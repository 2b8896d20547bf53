using System;
using System.Collections.Generic;

namespace AwsContainerInventory
{
    /// <summary>An Amazon ECR repository, with every attribute of the Amazon ECR connector (EcrRepository).</summary>
    public sealed class EcrRepository : ICloudResourceRecord
    {
        internal EcrRepository() { }

        [SeedAttribute("UID", "repository.repositoryArn")] public string Uid { get; internal set; } = string.Empty;
        [SeedAttribute("NAME", "repository.repositoryName")] public string Name { get; internal set; } = string.Empty;
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; internal set; } = CloudProviders.Aws;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; internal set; } = string.Empty;
        [SeedAttribute("ACCOUNT_ID", "Generated (the repository's account, from its ARN)")] public string? AccountId { get; internal set; }
        [SeedAttribute("REPOSITORY_NAME", "repository.repositoryName")] public string RepositoryName { get; internal set; } = string.Empty;
        [SeedAttribute("REPOSITORY", "repository.repositoryName")] public string Repository { get; internal set; } = string.Empty;
        [SeedAttribute("REPOSITORY_ARN", "repository.repositoryArn")] public string RepositoryArn { get; internal set; } = string.Empty;
        [SeedAttribute("REPOSITORY_URI", "repository.repositoryUri")] public string? RepositoryUri { get; internal set; }
        [SeedAttribute("REGISTRY", "repository.registryId")] public string? Registry { get; internal set; }
        [SeedAttribute("REGISTRY_ID", "repository.registryId")] public string? RegistryId { get; internal set; }
        [SeedAttribute("IS_PUBLIC", "Generated (policy has an Allow statement whose principal means everyone: \"*\" in any form, a wildcard account, or NotPrincipal)")] public bool IsPublic { get; internal set; }
        [SeedAttribute("REPOSITORY_POLICY", "getRepositoryPolicy().policyText")] public string? RepositoryPolicy { get; internal set; }
        [SeedAttribute("SCAN_ON_PUSH", "imageScanningConfiguration.scanOnPush")] public bool? ScanOnPush { get; internal set; }
        [SeedAttribute("IMAGE_TAG_MUTABILITY", "repository.imageTagMutability")] public string? ImageTagMutability { get; internal set; }
        [SeedAttribute("ENCRYPTION_TYPE", "encryptionConfiguration.encryptionType")] public string? EncryptionType { get; internal set; }
        [SeedAttribute("KMS_KEY", "encryptionConfiguration.kmsKey")] public string? KmsKey { get; internal set; }
        [SeedAttribute("TAGS", "listTagsForResource(...).tags")] public TagDictionary Tags { get; internal set; } = TagDictionary.Empty;
        /// <summary>
        /// Beyond the seed: why <see cref="IsPublic"/> is true, as the policy's Allow statements whose principal means
        /// everyone, each with AWS's verdict on it and the rule that decided it; an empty list when not public.
        /// </summary>
        public ValueList<PublicStatement> PublicStatements { get; internal set; } = new ValueList<PublicStatement>(System.Array.Empty<PublicStatement>());
        /// <summary>
        /// Beyond the seed: true when, by AWS's policy evaluation, some ECR action is allowed to principals outside any
        /// specific account, organization or network endpoint (a statement whose verdict is Public or PublicFromNetwork).
        /// </summary>
        public bool IsPublicUnconditionally { get; internal set; }
        /// <summary>Why the policy text is not strict JSON, so the verdicts rest on what could be read; null when it is.</summary>
        internal string? PolicyReadProblem { get; set; }
        [SeedAttribute("FIRST_SEEN", "repository.createdAt")] public DateTime? FirstSeen { get; internal set; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; internal set; }

        public override string ToString() => RepositoryArn;

    }
}
