using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>An authenticated call, ready for a service handler.</summary>
internal sealed record AwsCall(
    AwsService Service,
    string Operation,
    CallerIdentity Caller,
    JsonInput Json,
    IReadOnlyDictionary<string, string> Form,
    string RequestId)
{
    public string AccountId => Caller.AccountId;

    public string Region => Caller.Region;
}

internal interface IServiceHandler
{
    AwsResponse Handle(AwsCall call);
}

/// <summary>
/// Amazon ECR (AmazonEC2ContainerRegistry_V20150921): DescribeRepositories, GetRepositoryPolicy, ListTagsForResource,
/// and (in EcrImageHandler.cs) DescribeImages and GetRegistryScanningConfiguration.
/// </summary>
internal sealed partial class EcrHandler(Estate estate, EndpointStats stats) : IServiceHandler
{
    public const string TargetPrefix = "AmazonEC2ContainerRegistry_V20150921";

    public static readonly IReadOnlySet<string> Operations =
        new HashSet<string> { "DescribeRepositories", "GetRepositoryPolicy", "ListTagsForResource", "DescribeImages", "GetRegistryScanningConfiguration" };

    private readonly Estate _estate = estate;
    private readonly EndpointStats _stats = stats;

    public AwsResponse Handle(AwsCall call) => call.Operation switch
    {
        "DescribeRepositories" => DescribeRepositories(call),
        "GetRepositoryPolicy" => GetRepositoryPolicy(call),
        "ListTagsForResource" => ListTagsForResource(call),
        "DescribeImages" => DescribeImages(call),
        "GetRegistryScanningConfiguration" => GetRegistryScanningConfiguration(call),
        _ => throw new AwsServiceException(400, "UnknownOperationException", $"Unknown operation {call.Operation}"),
    };

    private AwsResponse DescribeRepositories(AwsCall call)
    {
        var registryId = call.Json.String("registryId") ?? call.AccountId;
        var names = call.Json.StringList("repositoryNames");
        var maxResults = call.Json.Int("maxResults");
        var nextToken = call.Json.String("nextToken");

        if (names is not null)
        {
            if (maxResults is not null)
            {
                throw AwsServiceException.InvalidParameter(
                    "maxResults can not be used when repositoryNames are specified.");
            }
            if (names.Count is < 1 or > 100)
            {
                throw AwsServiceException.InvalidParameter(
                    "Invalid parameter at 'repositoryNames' failed to satisfy constraint: 'Member must have length between 1 and 100'");
            }
        }

        var pageSize = PageTokens.PageSize(maxResults, defaultSize: 100, max: 1000);
        var queryKey = $"DescribeRepositories|{registryId}|{call.Region}";
        var offset = PageTokens.ReadOffset(nextToken, queryKey);

        List<RepositoryEntry> page;
        string? next = null;
        lock (_estate.SyncRoot)
        {
            var repositories = _estate.FindRegion(registryId, call.Region)?.Repositories;
            if (names is not null)
            {
                page = [];
                foreach (var name in names)
                {
                    if (repositories is null || !repositories.TryGet(name, out var entry))
                    {
                        throw RepositoryNotFound(name, registryId);
                    }
                    page.Add(entry);
                }
            }
            else
            {
                var all = repositories?.Items ?? [];
                page = all.Skip(offset).Take(pageSize).ToList();
                next = PageTokens.Next(offset + page.Count, all.Count, queryKey);
            }
        }

        var body = new JsonBodyBuilder().Raw("{").Property("repositories", comma: false)
            .Array(page, (b, e) => e.Json.WriteTo(b, includeTags: false));
        if (next is not null)
        {
            body.Property("nextToken").Node(next);
        }
        return body.Raw("}").ToResponse();
    }

    private AwsResponse GetRepositoryPolicy(AwsCall call)
    {
        var registryId = call.Json.String("registryId") ?? call.AccountId;
        var name = call.Json.RequiredString("repositoryName");
        var entry = FindRepository(registryId, call.Region, name);
        if (entry.PolicyText is null)
        {
            throw new AwsServiceException(400, "RepositoryPolicyNotFoundException",
                $"Repository policy does not exist for the repository with name '{name}' in the registry with id '{registryId}'");
        }

        return AwsWire.Json(new JsonObject
        {
            ["registryId"] = registryId,
            ["repositoryName"] = name,
            ["policyText"] = entry.PolicyText,
        });
    }

    private AwsResponse ListTagsForResource(AwsCall call)
    {
        var arn = call.Json.RequiredString("resourceArn");
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "ecr" || !parts[5].StartsWith("repository/", StringComparison.Ordinal))
        {
            throw AwsServiceException.InvalidParameter(
                $"Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN: {arn}'");
        }

        var entry = FindRepository(parts[4], parts[3], parts[5]["repository/".Length..]);
        return AwsWire.Json(new JsonObject { ["tags"] = AwsShapes.EcrTags(entry.Tags) });
    }

    private RepositoryEntry FindRepository(string registryId, string region, string name)
    {
        lock (_estate.SyncRoot)
        {
            return _estate.FindRegion(registryId, region) is { } r && r.Repositories.TryGet(name, out var entry)
                ? entry
                : throw RepositoryNotFound(name, registryId);
        }
    }

    private static AwsServiceException RepositoryNotFound(string name, string registryId) =>
        new(400, "RepositoryNotFoundException",
            $"The repository with name '{name}' does not exist in the registry with id '{registryId}'");
}
