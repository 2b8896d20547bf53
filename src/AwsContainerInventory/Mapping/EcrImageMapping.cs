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
            return new EcrImage(
                uid: repositoryArn + "@" + digest,
                name: name + "@" + digest,
                region: region,
                accountId: registryId ?? ApiValues.AccountFromArn(repositoryArn),
                repositoryName: name,
                repositoryArn: repositoryArn,
                registryId: registryId,
                imageDigest: digest,
                imageTags: ValueList.OfOrNull(ApiValues.Strings(image, "imageTags")),
                imagePushedAt: ApiValues.Time(image, "imagePushedAt"),
                imageSizeInBytes: LongOf(ApiValues.Member(image, "imageSizeInBytes")),
                lastRecordedPullTime: ApiValues.Time(image, "lastRecordedPullTime"),
                imageManifestMediaType: ApiValues.String(image, "imageManifestMediaType"),
                artifactMediaType: ApiValues.String(image, "artifactMediaType"),
                scanStatus: scanStatus == null ? null : ApiValues.String(scanStatus.Value, "status"),
                scanStatusDescription: scanStatus == null ? null : ApiValues.String(scanStatus.Value, "description"),
                imageScanCompletedAt: summary == null ? null : ApiValues.Time(summary.Value, "imageScanCompletedAt"),
                findingSeverityCounts: counts,
                criticalFindings: counts?.CountOf("CRITICAL"),
                highFindings: counts?.CountOf("HIGH"),
                mediumFindings: counts?.CountOf("MEDIUM"),
                lowFindings: counts?.CountOf("LOW"),
                inUse: inUse,
                lastCaptured: capturedAt);
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
