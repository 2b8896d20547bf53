using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AwsContainerInventory.TestEndpoint;

namespace AwsContainerInventory.Tests.Support;

/// <summary>
/// Images of the WithRepositories repositories, served by the endpoint's ecr:DescribeImages as ECR answers it: a
/// repository's images page by page (maxResults 1..1000), or 1..100 imageIds (more, or maxResults beside them, is
/// InvalidParameterException); one id the repository lacks fails the whole call with ImageNotFoundException naming it.
/// </summary>
public static class FakeEcrImages
{
    /// <summary>The digest of image <paramref name="index"/> of <paramref name="repository"/>.</summary>
    public static string Digest(string repository, int index) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repository + "#" + index)));

    /// <param name="imageCount">Images of a repository by name; null: the repository does not exist.</param>
    /// <param name="namesMissingImage">False: ImageNotFoundException's message names no image (so the module must split the batch).</param>
    public static FakeAwsHandler WithImages(this FakeAwsHandler handler, Func<string, int?> imageCount, bool namesMissingImage = true)
    {
        if (handler.Repositories.Count == 0) throw new InvalidOperationException("WithImages needs WithRepositories first.");
        foreach (var (account, region, repository) in handler.Repositories)
        {
            if (imageCount(repository) is not int count)
            {
                handler.Estate.RemoveRepository(account, region, repository);
                continue;
            }
            for (int i = 0; i < count; i++)
            {
                handler.Estate.AddImage(account, region, repository, new JsonObject
                {
                    ["registryId"] = account,
                    ["repositoryName"] = repository,
                    ["imageDigest"] = Digest(repository, i),
                    ["imageTags"] = new JsonArray("v" + i),
                    ["imageSizeInBytes"] = 1_000_000L + i,
                    ["imagePushedAt"] = 1700000000 + i,
                });
            }
        }
        if (!namesMissingImage)
        {
            handler.Around("DescribeImages", (call, next) =>
            {
                try { return next(call); }
                catch (TestEndpoint.AwsServiceException e) when (e.Code == "ImageNotFoundException")
                {
                    throw new TestEndpoint.AwsServiceException(400, e.Code, "The image requested does not exist in the specified repository.");
                }
            });
        }
        return handler;
    }

    public static IEnumerable<JsonObject> DescribeImagesCalls(this FakeAwsHandler handler) => handler.Bodies("DescribeImages");

    public static int IdCount(this JsonObject body) => body["imageIds"] is JsonArray ids ? ids.Count : 0;
}
