using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory
{
    /// <summary>An Amazon ECR repository, with every attribute of the Amazon ECR connector (EcrRepository).</summary>
    public sealed class EcrRepository : ICloudResourceRecord
    {
        private readonly ValueList<PublicStatement> _publicStatements;

        /// <summary>
        /// Every value once, from EcrRepositoryMapping. Internal: only the module builds records, and a public constructor
        /// would turn each new property into a breaking change for callers.
        /// </summary>
        internal EcrRepository(
            string uid,
            string name,
            string region,
            string? accountId,
            string repositoryName,
            string repository,
            string repositoryArn,
            string? repositoryUri,
            string? registry,
            string? registryId,
            bool isPublic,
            string? repositoryPolicy,
            bool? scanOnPush,
            string? imageTagMutability,
            string? encryptionType,
            string? kmsKey,
            TagDictionary tags,
            ValueList<PublicStatement> publicStatements,
            bool isPublicUnconditionally,
            string? policyReadProblem,
            DateTime? firstSeen,
            DateTime lastCaptured)
        {
            Uid = uid;
            Name = name;
            Region = region;
            AccountId = accountId;
            RepositoryName = repositoryName;
            Repository = repository;
            RepositoryArn = repositoryArn;
            RepositoryUri = repositoryUri;
            Registry = registry;
            RegistryId = registryId;
            IsPublic = isPublic;
            RepositoryPolicy = repositoryPolicy;
            ScanOnPush = scanOnPush;
            ImageTagMutability = imageTagMutability;
            EncryptionType = encryptionType;
            KmsKey = kmsKey;
            Tags = tags;
            _publicStatements = publicStatements;
            PublicStatements = ValueList.Of(publicStatements.Select(statement => statement.ToLine()));
            IsPublicUnconditionally = isPublicUnconditionally;
            PolicyReadProblem = policyReadProblem;
            FirstSeen = firstSeen;
            LastCaptured = lastCaptured;
        }

        [SeedAttribute("UID", "repository.repositoryArn")] public string Uid { get; }
        [SeedAttribute("NAME", "repository.repositoryName")] public string Name { get; }
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; } = CloudProviders.Aws;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; }
        [SeedAttribute("ACCOUNT_ID", "Generated (the repository's account, from its ARN)")] public string? AccountId { get; }
        [SeedAttribute("REPOSITORY_NAME", "repository.repositoryName")] public string RepositoryName { get; }
        [SeedAttribute("REPOSITORY", "repository.repositoryName")] public string Repository { get; }
        [SeedAttribute("REPOSITORY_ARN", "repository.repositoryArn")] public string RepositoryArn { get; }
        [SeedAttribute("REPOSITORY_URI", "repository.repositoryUri")] public string? RepositoryUri { get; }
        [SeedAttribute("REGISTRY", "repository.registryId")] public string? Registry { get; }
        [SeedAttribute("REGISTRY_ID", "repository.registryId")] public string? RegistryId { get; }
        [SeedAttribute("IS_PUBLIC", "Generated (policy has an Allow statement whose principal means everyone: \"*\" in any form, a wildcard account, or NotPrincipal)")] public bool IsPublic { get; }
        [SeedAttribute("REPOSITORY_POLICY", "getRepositoryPolicy().policyText")] public string? RepositoryPolicy { get; }
        [SeedAttribute("SCAN_ON_PUSH", "imageScanningConfiguration.scanOnPush")] public bool? ScanOnPush { get; }
        [SeedAttribute("IMAGE_TAG_MUTABILITY", "repository.imageTagMutability")] public string? ImageTagMutability { get; }
        [SeedAttribute("ENCRYPTION_TYPE", "encryptionConfiguration.encryptionType")] public string? EncryptionType { get; }
        [SeedAttribute("KMS_KEY", "encryptionConfiguration.kmsKey")] public string? KmsKey { get; }
        [SeedAttribute("TAGS", "listTagsForResource(...).tags")] public TagDictionary Tags { get; }
        /// <summary>
        /// Beyond the seed: why <see cref="IsPublic"/> is true, as the policy's Allow statements whose principal means
        /// everyone, one line each, naming its Sid, actions and conditions, AWS's verdict on it, the rule that decided it
        /// and why (<see cref="PublicStatement.ToLine"/>); an empty list when not public. Strings, so ConvertTo-Json at its
        /// default depth and Export-Csv write them whole; the same statements as objects: <see cref="GetPublicStatements"/>.
        /// </summary>
        public ValueList<string> PublicStatements { get; }
        /// <summary>
        /// Beyond the seed: true when, by AWS's policy evaluation, some ECR action is allowed to principals outside any
        /// specific account, organization or network endpoint (a statement whose verdict is Public or PublicFromNetwork).
        /// </summary>
        public bool IsPublicUnconditionally { get; }
        /// <summary>Why the policy text is not strict JSON, so the verdicts rest on what could be read; null when it is.</summary>
        internal string? PolicyReadProblem { get; }
        [SeedAttribute("FIRST_SEEN", "repository.createdAt")] public DateTime? FirstSeen { get; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; }

        /// <summary>
        /// The statements of <see cref="PublicStatements"/>, in the same order, as objects (Sid, Actions, ConditionKeys,
        /// Verdict, Rule, Reason) to filter on. A method, not a property, so ConvertTo-Json and Export-Csv leave it out.
        /// </summary>
        public ValueList<PublicStatement> GetPublicStatements() => _publicStatements;

        public override string ToString() => RepositoryArn;

    }
}
