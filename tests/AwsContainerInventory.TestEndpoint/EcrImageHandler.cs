using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// ECR DescribeImages and GetRegistryScanningConfiguration, as botocore's ecr model and AWS describe them:
/// DescribeImages lists a repository's images page by page (maxResults 1..1000, default 100; opaque nextToken;
/// filter.tagStatus TAGGED / UNTAGGED / ANY), or describes 1..100 imageIds (more → 400 InvalidParameterException,
/// counted in BatchLimitViolations; with maxResults or nextToken → InvalidParameterException). An imageId that is
/// not in the repository fails the whole call with 400 ImageNotFoundException naming the first such id, as AWS does:
/// the output shape has no per-image failures.
/// </summary>
internal sealed partial class EcrHandler
{
    private AwsResponse DescribeImages(AwsCall call)
    {
        var registryId = call.Json.String("registryId") ?? call.AccountId;
        var name = call.Json.RequiredString("repositoryName");
        var maxResults = call.Json.Int("maxResults");
        var nextToken = call.Json.String("nextToken");
        var imageIds = call.Json.Body["imageIds"] is null ? null : call.Json.Body["imageIds"] as JsonArray
            ?? throw AwsServiceException.InvalidParameter("imageIds must be a list.");
        var tagStatus = (call.Json.Body["filter"] as JsonObject)?["tagStatus"]?.GetValue<string>() ?? "ANY";
        if (tagStatus is not ("TAGGED" or "UNTAGGED" or "ANY"))
        {
            throw AwsServiceException.InvalidParameter($"Invalid parameter at 'filter.tagStatus' failed to satisfy constraint: 'Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]'");
        }

        if (imageIds is not null)
        {
            if (imageIds.Count > 100)
            {
                _stats.BatchLimitViolated();
            }
            if (imageIds.Count is < 1 or > 100)
            {
                throw AwsServiceException.InvalidParameter(
                    "Invalid parameter at 'imageIds' failed to satisfy constraint: 'Member must have length less than or equal to 100, Member must have length greater than or equal to 1'");
            }
            if (maxResults is not null || nextToken is not null)
            {
                throw AwsServiceException.InvalidParameter("maxResults and nextToken can not be used when imageIds are specified.");
            }
        }

        var pageSize = PageTokens.PageSize(maxResults, defaultSize: 100, max: 1000);
        var queryKey = $"DescribeImages|{registryId}|{call.Region}|{name}|{tagStatus}";
        var offset = PageTokens.ReadOffset(nextToken, queryKey);
        List<ImageEntry> page;
        string? next = null;
        lock (_estate.SyncRoot)
        {
            if (_estate.FindRegion(registryId, call.Region) is not { } region || !region.Repositories.TryGet(name, out _))
            {
                throw RepositoryNotFound(name, registryId);
            }
            var images = region.Images.GetValueOrDefault(name)?.Items ?? [];
            if (imageIds is not null)
            {
                page = [];
                foreach (var id in imageIds.Select(n => n as JsonObject ?? throw AwsServiceException.InvalidParameter("imageIds must hold ImageIdentifier objects.")))
                {
                    var digest = id["imageDigest"]?.GetValue<string>();
                    var tag = id["imageTag"]?.GetValue<string>();
                    if (digest is null && tag is null)
                    {
                        throw AwsServiceException.InvalidParameter("Invalid parameter at 'imageIds': an image id needs imageDigest or imageTag.");
                    }
                    var image = images.FirstOrDefault(i => (digest is null || i.Digest == digest) && (tag is null || i.Tags.Contains(tag)))
                        ?? throw new AwsServiceException(400, "ImageNotFoundException",
                            $"The image with imageId {{imageDigest:'{digest ?? "null"}', imageTag:'{tag ?? "null"}'}} does not exist within the repository with name '{name}' in the registry with id '{registryId}'");
                    if (!page.Contains(image))
                    {
                        page.Add(image);
                    }
                }
            }
            else
            {
                var matching = images.Where(i => tagStatus switch
                {
                    "TAGGED" => i.Tags.Count > 0,
                    "UNTAGGED" => i.Tags.Count == 0,
                    _ => true,
                }).ToList();
                page = matching.Skip(offset).Take(pageSize).ToList();
                next = PageTokens.Next(offset + page.Count, matching.Count, queryKey);
            }
        }

        var body = new JsonBodyBuilder().Raw("{").Property("imageDetails", comma: false)
            .Array(page, (b, image) => image.Json.WriteTo(b, includeTags: false));
        if (next is not null)
        {
            body.Property("nextToken").Node(next);
        }
        return body.Raw("}").ToResponse();
    }

    private AwsResponse GetRegistryScanningConfiguration(AwsCall call)
    {
        JsonObject configuration;
        lock (_estate.SyncRoot)
        {
            configuration = _estate.FindRegion(call.AccountId, call.Region)?.RegistryScanning?.ToJsonObject()
                ?? new JsonObject { ["scanType"] = "BASIC", ["rules"] = new JsonArray() };
        }
        return AwsWire.Json(new JsonObject { ["registryId"] = call.AccountId, ["scanningConfiguration"] = configuration });
    }
}
