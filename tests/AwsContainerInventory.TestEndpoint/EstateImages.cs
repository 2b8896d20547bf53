using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>ECR images (<c>ImageDetail</c>s) and the registry scanning configuration of an account and region.</summary>
public sealed partial class Estate
{
    /// <summary>
    /// Adds (or replaces, by <c>imageDigest</c>) an image of an existing repository, given as a botocore
    /// <c>ImageDetail</c> (see <see cref="EcrImageShapes.ImageDetail"/>). Images are listed in the order added.
    /// </summary>
    /// <returns>The image digest.</returns>
    public string AddImage(string accountId, string region, string repositoryName, JsonObject imageDetail)
    {
        ArgumentNullException.ThrowIfNull(imageDetail);
        var digest = RequiredMember(imageDetail, "imageDigest", "ImageDetail");
        var tags = (imageDetail["imageTags"] as JsonArray)?.Select(t => t!.GetValue<string>()).ToList() ?? [];
        var entry = new ImageEntry(digest, tags, StoredJson.Capture(imageDetail, tagsMember: null));
        lock (_sync)
        {
            var resources = FindRegion(accountId, region);
            if (resources is null || !resources.Repositories.TryGet(repositoryName, out _))
            {
                throw new InvalidOperationException($"Repository '{repositoryName}' does not exist in {accountId}/{region}; add the repository first.");
            }
            if (!resources.Images.TryGetValue(repositoryName, out var images))
            {
                resources.Images[repositoryName] = images = new OrderedStore<ImageEntry>();
            }
            images.Upsert(digest, entry);
        }
        return digest;
    }

    /// <summary>Adds an image built by <see cref="EcrImageShapes.ImageDetail"/>; returns its digest.</summary>
    public string AddImage(string accountId, string region, string repositoryName, string seed, IEnumerable<string>? tags = null,
        IReadOnlyDictionary<string, int>? findingSeverityCounts = null, string? scanStatus = null) =>
        AddImage(accountId, region, repositoryName,
            EcrImageShapes.ImageDetail(accountId, repositoryName, EcrImageShapes.Digest(seed), tags, findingSeverityCounts: findingSeverityCounts, scanStatus: scanStatus));

    /// <summary>Copies of a repository's images, in order; empty when it has none.</summary>
    public IReadOnlyList<JsonObject> GetImages(string accountId, string region, string repositoryName)
    {
        lock (_sync)
        {
            return FindRegion(accountId, region)?.Images.GetValueOrDefault(repositoryName)?.Items.Select(i => i.Json.ToJsonObject()).ToList() ?? [];
        }
    }

    /// <summary>Sets the registry's <c>RegistryScanningConfiguration</c> (<c>{"scanType": …, "rules": […]}</c>); null restores the default.</summary>
    public void SetRegistryScanningConfiguration(string accountId, string region, JsonObject? scanningConfiguration)
    {
        lock (_sync)
        {
            Region(accountId, region).RegistryScanning = scanningConfiguration is null ? null : StoredJson.Capture(scanningConfiguration, tagsMember: null);
        }
    }

    public JsonObject? GetRegistryScanningConfiguration(string accountId, string region)
    {
        lock (_sync) { return FindRegion(accountId, region)?.RegistryScanning?.ToJsonObject(); }
    }

}

/// <summary>Realistic ECR image details, scan summaries included (moto produces none).</summary>
public static class EcrImageShapes
{
    /// <summary>A stable <c>sha256:</c> digest derived from <paramref name="seed"/>.</summary>
    public static string Digest(string seed) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed)));

    /// <summary>
    /// An <c>ImageDetail</c>. With <paramref name="findingSeverityCounts"/> the image has a completed scan summary
    /// (status COMPLETE unless <paramref name="scanStatus"/> says otherwise); without, and without a status, no scan at all.
    /// </summary>
    public static JsonObject ImageDetail(string accountId, string repositoryName, string digest, IEnumerable<string>? tags = null,
        DateTimeOffset? pushedAt = null, long sizeInBytes = 31_457_280, DateTimeOffset? lastRecordedPullTime = null,
        IReadOnlyDictionary<string, int>? findingSeverityCounts = null, string? scanStatus = null)
    {
        var pushed = pushedAt ?? AwsShapes.ReferenceTime.AddDays(-3);
        var image = new JsonObject
        {
            ["registryId"] = accountId,
            ["repositoryName"] = repositoryName,
            ["imageDigest"] = digest,
            ["imageSizeInBytes"] = sizeInBytes,
            ["imagePushedAt"] = AwsShapes.EpochSeconds(pushed),
            ["imageManifestMediaType"] = "application/vnd.docker.distribution.manifest.v2+json",
            ["artifactMediaType"] = "application/vnd.docker.container.image.v1+json",
            ["lastRecordedPullTime"] = AwsShapes.EpochSeconds(lastRecordedPullTime ?? pushed.AddHours(2)),
        };
        var tagList = (tags ?? []).ToList();
        if (tagList.Count > 0)
        {
            image["imageTags"] = new JsonArray(tagList.Select(t => (JsonNode?)t).ToArray());
        }
        if (scanStatus is not null || findingSeverityCounts is not null)
        {
            var status = scanStatus ?? "COMPLETE";
            image["imageScanStatus"] = new JsonObject
            {
                ["status"] = status,
                ["description"] = status == "COMPLETE" ? "The scan was completed successfully." : $"Scan status {status}.",
            };
        }
        if (findingSeverityCounts is not null)
        {
            image["imageScanFindingsSummary"] = new JsonObject
            {
                ["imageScanCompletedAt"] = AwsShapes.EpochSeconds(pushed.AddMinutes(4)),
                ["vulnerabilitySourceUpdatedAt"] = AwsShapes.EpochSeconds(pushed.AddHours(-1)),
                ["findingSeverityCounts"] = new JsonObject(findingSeverityCounts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value))),
            };
        }
        return image;
    }
}
