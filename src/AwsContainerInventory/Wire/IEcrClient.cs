using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// The Amazon ECR calls the inventory makes, in the API's own JSON shapes (botocore's ecr 2015-09-21
    /// model), so an AWSSDK.ECR-backed client can replace the hand-written one.
    /// </summary>
    internal interface IEcrClient
    {
        /// <summary>One page of <c>DescribeRepositories</c>; items are <c>Repository</c> objects.</summary>
        Task<ApiPage<JsonElement>> DescribeRepositoriesAsync(int maxResults, string? nextToken, CancellationToken cancellationToken);

        /// <summary><c>GetRepositoryPolicy</c>'s policyText, or null when the repository has no policy.</summary>
        Task<string?> GetRepositoryPolicyAsync(string registryId, string repositoryName, CancellationToken cancellationToken);

        /// <summary><c>ListTagsForResource</c>'s tags, in the order returned.</summary>
        Task<IReadOnlyList<KeyValuePair<string, string>>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken);

        /// <summary>
        /// One page of <c>DescribeImages</c> over every image of a repository; items are <c>ImageDetail</c> objects.
        /// <paramref name="registryId"/> null means the caller's own registry.
        /// </summary>
        Task<ApiPage<JsonElement>> DescribeImagesAsync(string? registryId, string repositoryName, int maxResults, string? nextToken, CancellationToken cancellationToken);

        /// <summary>
        /// <c>DescribeImages</c> for at most <see cref="EcrLimits.DescribeImagesBatch"/> digests (<c>imageIds</c>); the
        /// answer has no next page. ECR answers <c>ImageNotFoundException</c> for the whole call when any digest is
        /// not in the repository (the output shape has no per-image failures).
        /// </summary>
        Task<IReadOnlyList<JsonElement>> DescribeImagesAsync(string? registryId, string repositoryName, IReadOnlyList<string> imageDigests, CancellationToken cancellationToken);

        /// <summary><c>GetRegistryScanningConfiguration</c>'s whole answer: <c>registryId</c> and <c>scanningConfiguration</c>.</summary>
        Task<JsonElement> GetRegistryScanningConfigurationAsync(CancellationToken cancellationToken);
    }
}
