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
    }
}
