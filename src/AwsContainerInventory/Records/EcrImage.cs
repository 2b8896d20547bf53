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
        internal EcrImage() { }

        [SeedAttribute("UID", "Generated (repository ARN@image digest)")] public string Uid { get; internal set; } = string.Empty;
        [SeedAttribute("NAME", "Generated (repository name@image digest)")] public string Name { get; internal set; } = string.Empty;
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; internal set; } = CloudProviders.Aws;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; internal set; } = string.Empty;
        [SeedAttribute("ACCOUNT_ID", "Generated (the registry's account)")] public string? AccountId { get; internal set; }
        [SeedAttribute("REPOSITORY_NAME", "imageDetail.repositoryName")] public string RepositoryName { get; internal set; } = string.Empty;
        [SeedAttribute("REPOSITORY_ARN", "Generated (the repository's ARN)")] public string RepositoryArn { get; internal set; } = string.Empty;
        [SeedAttribute("REGISTRY_ID", "imageDetail.registryId")] public string? RegistryId { get; internal set; }
        [SeedAttribute("IMAGE_DIGEST", "imageDetail.imageDigest")] public string ImageDigest { get; internal set; } = string.Empty;
        [SeedAttribute("IMAGE_TAGS", "imageDetail.imageTags")] public ValueList<string>? ImageTags { get; internal set; }
        [SeedAttribute("IMAGE_PUSHED_AT", "imageDetail.imagePushedAt")] public DateTime? ImagePushedAt { get; internal set; }
        [SeedAttribute("IMAGE_SIZE_IN_BYTES", "imageDetail.imageSizeInBytes")] public long? ImageSizeInBytes { get; internal set; }
        [SeedAttribute("LAST_RECORDED_PULL_TIME", "imageDetail.lastRecordedPullTime")] public DateTime? LastRecordedPullTime { get; internal set; }
        [SeedAttribute("IMAGE_MANIFEST_MEDIA_TYPE", "imageDetail.imageManifestMediaType")] public string? ImageManifestMediaType { get; internal set; }
        [SeedAttribute("ARTIFACT_MEDIA_TYPE", "imageDetail.artifactMediaType")] public string? ArtifactMediaType { get; internal set; }
        [SeedAttribute("SCAN_STATUS", "imageDetail.imageScanStatus.status")] public string? ScanStatus { get; internal set; }
        [SeedAttribute("SCAN_STATUS_DESCRIPTION", "imageDetail.imageScanStatus.description")] public string? ScanStatusDescription { get; internal set; }
        [SeedAttribute("IMAGE_SCAN_COMPLETED_AT", "imageDetail.imageScanFindingsSummary.imageScanCompletedAt")] public DateTime? ImageScanCompletedAt { get; internal set; }
        /// <summary>The last completed scan's finding counts by severity (basic or enhanced scanning); null when no scan summary exists.</summary>
        [SeedAttribute("FINDING_SEVERITY_COUNTS", "imageDetail.imageScanFindingsSummary.findingSeverityCounts")] public SeverityCounts? FindingSeverityCounts { get; internal set; }
        /// <summary>CRITICAL findings of the last completed scan: 0 when it found none, null when there is no scan summary.</summary>
        [SeedAttribute("CRITICAL_FINDINGS", "findingSeverityCounts.CRITICAL")] public int? CriticalFindings { get; internal set; }
        [SeedAttribute("HIGH_FINDINGS", "findingSeverityCounts.HIGH")] public int? HighFindings { get; internal set; }
        [SeedAttribute("MEDIUM_FINDINGS", "findingSeverityCounts.MEDIUM")] public int? MediumFindings { get; internal set; }
        [SeedAttribute("LOW_FINDINGS", "findingSeverityCounts.LOW")] public int? LowFindings { get; internal set; }
        /// <summary>True when a running ECS task uses this digest (Get-EcrImage -InUse); null when not looked up.</summary>
        [SeedAttribute("IN_USE", "Generated (a RUNNING task's containers[].imageDigest)")] public bool? InUse { get; internal set; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; internal set; }

        public override string ToString() => Uid;

        internal void MarkInUse() => InUse = true;
    }
}
