using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace AwsContainerInventory
{
    /// <summary>EcrImage from DescribeImages' JSON, and the repository ARN and name helpers the image readers share.</summary>
    internal static class EcrImageMapping
    {
        /// <summary>
        /// Maps a DescribeImages <c>ImageDetail</c> of the repository <paramref name="repositoryArn"/>, which the caller
        /// knows from the listing or the name it asked for (the image detail carries only the name and registry).
        /// </summary>
        public static EcrImage FromApi(JsonElement image, string repositoryArn, string region, DateTime capturedAt, bool? inUse = null)
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
