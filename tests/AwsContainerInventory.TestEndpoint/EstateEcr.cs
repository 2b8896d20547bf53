using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>ECR repositories (their images and registry scanning are in EstateImages.cs).</summary>
public sealed partial class Estate
{
    /// <summary>Adds (or replaces, by name) a repository given as a botocore <c>Repository</c> object.</summary>
    /// <returns>The repository ARN.</returns>
    public string AddRepository(
        string accountId,
        string region,
        JsonObject repository,
        string? policyText = null,
        IEnumerable<KeyValuePair<string, string>>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(repository);
        var name = RequiredMember(repository, "repositoryName", "Repository");
        var arn = OptionalMember(repository, "repositoryArn") ?? AwsShapes.RepositoryArn(accountId, region, name);
        var entry = new RepositoryEntry(name, arn, StoredJson.Capture(repository, tagsMember: null), policyText,
            (tags ?? []).ToList());
        lock (_sync)
        {
            Region(accountId, region).Repositories.Upsert(name, entry);
        }
        return arn;
    }

    /// <summary>Adds a repository built by <see cref="AwsShapes.Repository"/>.</summary>
    public string AddRepository(
        string accountId,
        string region,
        string repositoryName,
        string? policyText = null,
        IEnumerable<KeyValuePair<string, string>>? tags = null) =>
        AddRepository(accountId, region, AwsShapes.Repository(accountId, region, repositoryName), policyText, tags);

    public JsonObject? GetRepository(string accountId, string region, string repositoryName)
    {
        lock (_sync)
        {
            return FindRegion(accountId, region) is { } r && r.Repositories.TryGet(repositoryName, out var e)
                ? e.Json.ToJsonObject()
                : null;
        }
    }

    /// <summary>Removes a repository and its images; true when there was one.</summary>
    public bool RemoveRepository(string accountId, string region, string repositoryName)
    {
        lock (_sync)
        {
            if (FindRegion(accountId, region) is not { } resources)
            {
                return false;
            }
            resources.Images.Remove(repositoryName);
            return resources.Repositories.Remove(repositoryName);
        }
    }
}
