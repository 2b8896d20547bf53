using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AwsContainerInventory.Tests.Support;

/// <summary>
/// ecr:DescribeImages for FakeAwsHandler, as ECR answers it: a repository's images page by page (maxResults 1..1000),
/// or 1..100 imageIds (more, or maxResults beside them, is InvalidParameterException); one id the repository lacks
/// fails the whole call with ImageNotFoundException, naming it in the message unless told otherwise.
/// </summary>
public static class FakeEcrImages
{
    /// <summary>The digest of image <paramref name="index"/> of <paramref name="repository"/>.</summary>
    public static string Digest(string repository, int index) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repository + "#" + index)));

    /// <param name="imageCount">Images of a repository by name; null when the repository does not exist.</param>
    /// <param name="namesMissingImage">False: ImageNotFoundException's message names no image (so the module must split the batch).</param>
    public static FakeAwsHandler WithImages(this FakeAwsHandler handler, Func<string, int?> imageCount, bool namesMissingImage = true)
    {
        List<JsonObject> Images(string repository) => Enumerable.Range(0, imageCount(repository) ?? 0).Select(i => new JsonObject
        {
            ["registryId"] = FakeEstate.Account,
            ["repositoryName"] = repository,
            ["imageDigest"] = Digest(repository, i),
            ["imageTags"] = new JsonArray("v" + i),
            ["imageSizeInBytes"] = 1_000_000L + i,
            ["imagePushedAt"] = 1700000000 + i,
        }).ToList();

        return handler.On("DescribeImages", body =>
        {
            string repository = body["repositoryName"]!.GetValue<string>();
            if (imageCount(repository) == null)
                return FakeResponse.Error(400, "RepositoryNotFoundException", $"The repository with name '{repository}' does not exist in the registry with id '{FakeEstate.Account}'");
            List<JsonObject> images = Images(repository);
            if (body["imageIds"] is not JsonArray ids)
                return FakeResponse.Json(FakeEstate.Page(body, images, "imageDetails", 1000));
            if (ids.Count is < 1 or > 100 || body["maxResults"] != null || body["nextToken"] != null)
                return FakeResponse.Error(400, "InvalidParameterException", "imageIds must have 1 to 100 members, without maxResults or nextToken");
            var found = new List<JsonObject>();
            foreach (string digest in ids.Select(id => id!["imageDigest"]!.GetValue<string>()))
            {
                JsonObject? image = images.FirstOrDefault(i => i["imageDigest"]!.GetValue<string>() == digest);
                if (image == null)
                {
                    return FakeResponse.Error(400, "ImageNotFoundException", namesMissingImage
                        ? $"The image with imageId {{imageDigest:'{digest}', imageTag:'null'}} does not exist within the repository with name '{repository}' in the registry with id '{FakeEstate.Account}'"
                        : "The image requested does not exist in the specified repository.");
                }
                if (!found.Contains(image)) found.Add(image);
            }
            return FakeResponse.Json(new JsonObject { ["imageDetails"] = new JsonArray(found.Select(i => (JsonNode)i.DeepClone()).ToArray()) }.ToJsonString());
        });
    }

    public static IEnumerable<JsonObject> DescribeImagesCalls(this FakeAwsHandler handler) => handler.Bodies("DescribeImages");

    public static int IdCount(this JsonObject body) => body["imageIds"] is JsonArray ids ? ids.Count : 0;
}
