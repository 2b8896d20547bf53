using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace AwsContainerInventory
{
    /// <summary>
    /// An image in a private Amazon ECR repository (one <c>ImageDetail</c> of <c>ecr:DescribeImages</c>), identified by
    /// its manifest digest, with its tags, push and pull times, size and scan state. The connector has no image type:
    /// the attribute names (for ConvertTo-CloudResource) follow the connector records' style.
    /// </summary>
    public sealed class EcrImage : ICloudResourceRecord
    {
        private EcrImage() { }

        [SeedAttribute("UID", "Generated (repository ARN@image digest)")] public string Uid { get; private set; } = string.Empty;
        [SeedAttribute("NAME", "Generated (repository name@image digest)")] public string Name { get; private set; } = string.Empty;
        [SeedAttribute("CLOUD_PROVIDER", "Generated (constant AWS)")] public string CloudProvider { get; private set; } = ApiValues.AwsProvider;
        [SeedAttribute("REGION", "Generated (sync region)")] public string Region { get; private set; } = string.Empty;
        [SeedAttribute("ACCOUNT_ID", "Generated (the registry's account)")] public string? AccountId { get; private set; }
        [SeedAttribute("REPOSITORY_NAME", "imageDetail.repositoryName")] public string RepositoryName { get; private set; } = string.Empty;
        [SeedAttribute("REPOSITORY_ARN", "Generated (the repository's ARN)")] public string RepositoryArn { get; private set; } = string.Empty;
        [SeedAttribute("REGISTRY_ID", "imageDetail.registryId")] public string? RegistryId { get; private set; }
        [SeedAttribute("IMAGE_DIGEST", "imageDetail.imageDigest")] public string ImageDigest { get; private set; } = string.Empty;
        [SeedAttribute("IMAGE_TAGS", "imageDetail.imageTags")] public ValueList<string>? ImageTags { get; private set; }
        [SeedAttribute("IMAGE_PUSHED_AT", "imageDetail.imagePushedAt")] public DateTime? ImagePushedAt { get; private set; }
        [SeedAttribute("IMAGE_SIZE_IN_BYTES", "imageDetail.imageSizeInBytes")] public long? ImageSizeInBytes { get; private set; }
        [SeedAttribute("LAST_RECORDED_PULL_TIME", "imageDetail.lastRecordedPullTime")] public DateTime? LastRecordedPullTime { get; private set; }
        [SeedAttribute("IMAGE_MANIFEST_MEDIA_TYPE", "imageDetail.imageManifestMediaType")] public string? ImageManifestMediaType { get; private set; }
        [SeedAttribute("ARTIFACT_MEDIA_TYPE", "imageDetail.artifactMediaType")] public string? ArtifactMediaType { get; private set; }
        [SeedAttribute("SCAN_STATUS", "imageDetail.imageScanStatus.status")] public string? ScanStatus { get; private set; }
        [SeedAttribute("SCAN_STATUS_DESCRIPTION", "imageDetail.imageScanStatus.description")] public string? ScanStatusDescription { get; private set; }
        [SeedAttribute("IMAGE_SCAN_COMPLETED_AT", "imageDetail.imageScanFindingsSummary.imageScanCompletedAt")] public DateTime? ImageScanCompletedAt { get; private set; }
        /// <summary>The last completed scan's finding counts by severity (basic or enhanced scanning); null when no scan summary exists.</summary>
        [SeedAttribute("FINDING_SEVERITY_COUNTS", "imageDetail.imageScanFindingsSummary.findingSeverityCounts")] public SeverityCounts? FindingSeverityCounts { get; private set; }
        /// <summary>CRITICAL findings of the last completed scan: 0 when it found none, null when there is no scan summary.</summary>
        [SeedAttribute("CRITICAL_FINDINGS", "findingSeverityCounts.CRITICAL")] public int? CriticalFindings { get; private set; }
        [SeedAttribute("HIGH_FINDINGS", "findingSeverityCounts.HIGH")] public int? HighFindings { get; private set; }
        [SeedAttribute("MEDIUM_FINDINGS", "findingSeverityCounts.MEDIUM")] public int? MediumFindings { get; private set; }
        [SeedAttribute("LOW_FINDINGS", "findingSeverityCounts.LOW")] public int? LowFindings { get; private set; }
        /// <summary>True when a running ECS task uses this digest (Get-EcrImage -InUse); null when not looked up.</summary>
        [SeedAttribute("IN_USE", "Generated (a RUNNING task's containers[].imageDigest)")] public bool? InUse { get; private set; }
        [SeedAttribute("LAST_CAPTURED", "Generated (sync timestamp)")] public DateTime LastCaptured { get; private set; }

        public override string ToString() => Uid;

        /// <summary>
        /// Maps a DescribeImages <c>ImageDetail</c> of the repository <paramref name="repositoryArn"/>, which the caller
        /// knows from the listing or the name it asked for (the image detail carries only the name and registry).
        /// </summary>
        internal static EcrImage FromApi(JsonElement image, string repositoryArn, string region, DateTime capturedAt, bool? inUse = null)
        {
            string digest = ApiValues.String(image, "imageDigest") ?? string.Empty;
            string name = ApiValues.String(image, "repositoryName") ?? RepositoryNameFromArn(repositoryArn);
            string? registryId = ApiValues.String(image, "registryId");
            JsonElement? scanStatus = ApiValues.Member(image, "imageScanStatus");
            JsonElement? summary = ApiValues.Member(image, "imageScanFindingsSummary");
            SeverityCounts? counts = summary == null ? null : Counts(ApiValues.Member(summary.Value, "findingSeverityCounts"));
            return new EcrImage
            {
                Uid = repositoryArn + "@" + digest,
                Name = name + "@" + digest,
                Region = region,
                AccountId = registryId ?? ApiValues.AccountFromArn(repositoryArn),
                RepositoryName = name,
                RepositoryArn = repositoryArn,
                RegistryId = registryId,
                ImageDigest = digest,
                ImageTags = ValueList.OfOrNull(ApiValues.Strings(image, "imageTags")),
                ImagePushedAt = ApiValues.Time(image, "imagePushedAt"),
                ImageSizeInBytes = LongOf(ApiValues.Member(image, "imageSizeInBytes")),
                LastRecordedPullTime = ApiValues.Time(image, "lastRecordedPullTime"),
                ImageManifestMediaType = ApiValues.String(image, "imageManifestMediaType"),
                ArtifactMediaType = ApiValues.String(image, "artifactMediaType"),
                ScanStatus = scanStatus == null ? null : ApiValues.String(scanStatus.Value, "status"),
                ScanStatusDescription = scanStatus == null ? null : ApiValues.String(scanStatus.Value, "description"),
                ImageScanCompletedAt = summary == null ? null : ApiValues.Time(summary.Value, "imageScanCompletedAt"),
                FindingSeverityCounts = counts,
                CriticalFindings = counts?.CountOf("CRITICAL"),
                HighFindings = counts?.CountOf("HIGH"),
                MediumFindings = counts?.CountOf("MEDIUM"),
                LowFindings = counts?.CountOf("LOW"),
                InUse = inUse,
                LastCaptured = capturedAt,
            };
        }

        internal void MarkInUse() => InUse = true;

        /// <summary><c>arn:&lt;partition&gt;:ecr:&lt;region&gt;:&lt;registry&gt;:repository/&lt;name&gt;</c>, as ECR writes repository ARNs.</summary>
        internal static string RepositoryArnOf(string region, string registryId, string repositoryName) =>
            "arn:" + PartitionOf(region) + ":ecr:" + region + ":" + registryId + ":repository/" + repositoryName;

        /// <summary>The name part of a repository ARN (it may contain '/'), or the input when it is not an ARN.</summary>
        internal static string RepositoryNameFromArn(string repositoryArnOrName)
        {
            const string marker = ":repository/";
            int at = repositoryArnOrName.IndexOf(marker, StringComparison.Ordinal);
            return repositoryArnOrName.StartsWith("arn:", StringComparison.Ordinal) && at >= 0
                ? repositoryArnOrName.Substring(at + marker.Length) : repositoryArnOrName;
        }

        private static string PartitionOf(string region)
        {
            if (region.StartsWith("cn-", StringComparison.Ordinal)) return "aws-cn";
            if (region.StartsWith("us-gov-", StringComparison.Ordinal)) return "aws-us-gov";
            if (region.StartsWith("us-isob-", StringComparison.Ordinal)) return "aws-iso-b";
            if (region.StartsWith("us-iso-", StringComparison.Ordinal)) return "aws-iso";
            return "aws";
        }

        // findingSeverityCounts is a map: severity → count; an absent map on a summary means the scan found nothing.
        private static SeverityCounts Counts(JsonElement? map)
        {
            var counts = new List<KeyValuePair<string, int>>();
            if (map != null && map.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (JsonProperty severity in map.Value.EnumerateObject())
                {
                    if (severity.Value.ValueKind == JsonValueKind.Number && severity.Value.TryGetInt32(out int count))
                        counts.Add(new KeyValuePair<string, int>(severity.Name, count));
                }
            }
            return new SeverityCounts(counts);
        }

        private static long? LongOf(JsonElement? value)
        {
            if (value == null) return null;
            if (value.Value.ValueKind == JsonValueKind.Number && value.Value.TryGetInt64(out long number)) return number;
            if (value.Value.ValueKind == JsonValueKind.String && long.TryParse(value.Value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number)) return number;
            return null;
        }
    }
}
