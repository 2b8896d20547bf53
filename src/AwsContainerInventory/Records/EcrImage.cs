using System;
using System.Collections.Generic;

namespace AwsContainerInventory
{
    /// <summary>
    /// An image in a private Amazon ECR repository (one <c>ImageDetail</c> of <c>ecr:DescribeImages</c>), identified by
    /// its manifest digest, with its tags, push and pull times, size and scan state. The connector has no image type:
    /// the attribute names (for ConvertTo-CloudResource) follow the connector records' style.
    /// </summary>
    public sealed class EcrImage : ICloudResourceRecord
    {
        /// <summary>
        /// Every value once, from EcrImageMapping. Internal: only the module builds records, and a public constructor
        /// would turn each new property into a breaking change for callers.
        /// </summary>
        internal EcrImage(
            string uid,
            string name,
            string region,
            string? accountId,
            string repositoryName,
            string repositoryArn,
            string? registryId,
            string imageDigest,
            ValueList<string>? imageTags,
            DateTime? imagePushedAt,
            long? imageSizeInBytes,
            DateTime? lastRecordedPullTime,
            string? imageManifestMediaType,
            string? artifactMediaType,
            string? scanStatus,
            string? scanStatusDescription,
            DateTime? imageScanCompletedAt,
            SeverityCounts? findingSeverityCounts,
            int? criticalFindings,
            int? highFindings,
            int? mediumFindings,
            int? lowFindings,
            bool? inUse,
            DateTime lastCaptured)
        {
            Uid = uid;
            Name = name;
            Region = region;
            AccountId = accountId;
            RepositoryName = repositoryName;
            RepositoryArn = repositoryArn;
            RegistryId = registryId;
            ImageDigest = imageDigest;
            ImageTags = imageTags;
            ImagePushedAt = imagePushedAt;
            ImageSizeInBytes = imageSizeInBytes;
            LastRecordedPullTime = lastRecordedPullTime;
            ImageManifestMediaType = imageManifestMediaType;
            ArtifactMediaType = artifactMediaType;
            ScanStatus = scanStatus;
            ScanStatusDescription = scanStatusDescription;
            ImageScanCompletedAt = imageScanCompletedAt;
            FindingSeverityCounts = findingSeverityCounts;
            CriticalFindings = criticalFindings;
            HighFindings = highFindings;
            MediumFindings = mediumFindings;
            LowFindings = lowFindings;
            InUse = inUse;
            LastCaptured = lastCaptured;
        }

        [SeedAttribute("UID", "Generated (repository ARN@image digest)")] public string Uid { get; }
        [SeedAttribute("NAME", "Generated (repository name@image digest)")] public string Name { get; }
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; } = CloudProviders.Aws;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; }
        [SeedAttribute("ACCOUNT_ID", "Generated (the registry's account)")] public string? AccountId { get; }
        [SeedAttribute("REPOSITORY_NAME", "imageDetail.repositoryName")] public string RepositoryName { get; }
        [SeedAttribute("REPOSITORY_ARN", "Generated (the repository's ARN)")] public string RepositoryArn { get; }
        [SeedAttribute("REGISTRY_ID", "imageDetail.registryId")] public string? RegistryId { get; }
        [SeedAttribute("IMAGE_DIGEST", "imageDetail.imageDigest")] public string ImageDigest { get; }
        [SeedAttribute("IMAGE_TAGS", "imageDetail.imageTags")] public ValueList<string>? ImageTags { get; }
        [SeedAttribute("IMAGE_PUSHED_AT", "imageDetail.imagePushedAt")] public DateTime? ImagePushedAt { get; }
        [SeedAttribute("IMAGE_SIZE_IN_BYTES", "imageDetail.imageSizeInBytes")] public long? ImageSizeInBytes { get; }
        [SeedAttribute("LAST_RECORDED_PULL_TIME", "imageDetail.lastRecordedPullTime")] public DateTime? LastRecordedPullTime { get; }
        [SeedAttribute("IMAGE_MANIFEST_MEDIA_TYPE", "imageDetail.imageManifestMediaType")] public string? ImageManifestMediaType { get; }
        [SeedAttribute("ARTIFACT_MEDIA_TYPE", "imageDetail.artifactMediaType")] public string? ArtifactMediaType { get; }
        [SeedAttribute("SCAN_STATUS", "imageDetail.imageScanStatus.status")] public string? ScanStatus { get; }
        [SeedAttribute("SCAN_STATUS_DESCRIPTION", "imageDetail.imageScanStatus.description")] public string? ScanStatusDescription { get; }
        [SeedAttribute("IMAGE_SCAN_COMPLETED_AT", "imageDetail.imageScanFindingsSummary.imageScanCompletedAt")] public DateTime? ImageScanCompletedAt { get; }
        /// <summary>The last completed scan's finding counts by severity (basic or enhanced scanning); null when no scan summary exists.</summary>
        [SeedAttribute("FINDING_SEVERITY_COUNTS", "imageDetail.imageScanFindingsSummary.findingSeverityCounts")] public SeverityCounts? FindingSeverityCounts { get; }
        /// <summary>CRITICAL findings of the last completed scan: 0 when it found none, null when there is no scan summary.</summary>
        [SeedAttribute("CRITICAL_FINDINGS", "findingSeverityCounts.CRITICAL")] public int? CriticalFindings { get; }
        [SeedAttribute("HIGH_FINDINGS", "findingSeverityCounts.HIGH")] public int? HighFindings { get; }
        [SeedAttribute("MEDIUM_FINDINGS", "findingSeverityCounts.MEDIUM")] public int? MediumFindings { get; }
        [SeedAttribute("LOW_FINDINGS", "findingSeverityCounts.LOW")] public int? LowFindings { get; }
        /// <summary>True when a running ECS task uses this digest (Get-EcrImage -InUse); null when not looked up.</summary>
        [SeedAttribute("IN_USE", "Generated (a RUNNING task's containers[].imageDigest)")] public bool? InUse { get; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; }

        public override string ToString() => Uid;
    }
}
