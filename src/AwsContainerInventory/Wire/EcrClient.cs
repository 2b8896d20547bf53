using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>Amazon ECR over AWS JSON 1.1.</summary>
    internal sealed class EcrClient : AwsJsonClient, IEcrClient
    {
        private const string TargetPrefix = "AmazonEC2ContainerRegistry_V20150921.";

        public EcrClient(AwsTransport transport, Uri endpoint, string region, ICredentialProvider credentials, ICallObserver? observer)
            : base("ecr", TargetPrefix, transport, endpoint, region, credentials, observer)
        {
        }

        public Task<ApiPage<JsonElement>> DescribeRepositoriesAsync(int maxResults, string? nextToken, CancellationToken cancellationToken)
        {
            byte[] body = JsonWire.Body(w =>
            {
                w.WriteNumber("maxResults", maxResults);
                w.WriteOptionalString("nextToken", nextToken);
            });
            return SendAsync("DescribeRepositories", body, root =>
                new ApiPage<JsonElement>(JsonWire.Array(root, "repositories"), JsonWire.String(root, "nextToken")), cancellationToken);
        }

        /// <summary>The policy text, or null when the repository has none (RepositoryPolicyNotFoundException, read as that answer).</summary>
        public Task<string?> GetRepositoryPolicyAsync(string registryId, string repositoryName, CancellationToken cancellationToken)
        {
            byte[] body = JsonWire.Body(w =>
            {
                w.WriteString("registryId", registryId);
                w.WriteString("repositoryName", repositoryName);
            });
            return SendAsync("GetRepositoryPolicy", body, root => JsonWire.String(root, "policyText"), cancellationToken,
                answerCode: EcrLimits.RepositoryPolicyNotFound, answerValue: (string?)null);
        }

        public Task<IReadOnlyList<KeyValuePair<string, string>>> ListTagsForResourceAsync(string resourceArn, CancellationToken cancellationToken)
        {
            byte[] body = JsonWire.Body(w => w.WriteString("resourceArn", resourceArn));
            return SendAsync<IReadOnlyList<KeyValuePair<string, string>>>("ListTagsForResource", body, root =>
            {
                var tags = new List<KeyValuePair<string, string>>();
                foreach (JsonElement tag in JsonWire.Array(root, "tags"))
                    tags.Add(new KeyValuePair<string, string>(JsonWire.String(tag, "Key") ?? string.Empty, JsonWire.String(tag, "Value") ?? string.Empty));
                return tags;
            }, cancellationToken);
        }

        public Task<ApiPage<JsonElement>> DescribeImagesAsync(string? registryId, string repositoryName, int maxResults, string? nextToken, CancellationToken cancellationToken)
        {
            byte[] body = JsonWire.Body(w =>
            {
                w.WriteOptionalString("registryId", registryId);
                w.WriteString("repositoryName", repositoryName);
                w.WriteNumber("maxResults", maxResults);
                w.WriteOptionalString("nextToken", nextToken);
            });
            return SendAsync("DescribeImages", body, root =>
                new ApiPage<JsonElement>(JsonWire.Array(root, "imageDetails"), JsonWire.String(root, "nextToken")), cancellationToken);
        }

        public Task<IReadOnlyList<JsonElement>> DescribeImagesAsync(string? registryId, string repositoryName, IReadOnlyList<string> imageDigests, CancellationToken cancellationToken)
        {
            if (imageDigests.Count == 0 || imageDigests.Count > EcrLimits.DescribeImagesBatch)
                throw new ArgumentOutOfRangeException(nameof(imageDigests), imageDigests.Count, "DescribeImages takes 1 to " + EcrLimits.DescribeImagesBatch + " image ids.");
            byte[] body = JsonWire.Body(w =>
            {
                w.WriteOptionalString("registryId", registryId);
                w.WriteString("repositoryName", repositoryName);
                w.WriteStartArray("imageIds");
                foreach (string digest in imageDigests)
                {
                    w.WriteStartObject();
                    w.WriteString("imageDigest", digest);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            });
            return SendAsync("DescribeImages", body, root => JsonWire.Array(root, "imageDetails"), cancellationToken);
        }

        public Task<JsonElement> GetRegistryScanningConfigurationAsync(CancellationToken cancellationToken) =>
            SendAsync("GetRegistryScanningConfiguration", JsonWire.Body(_ => { }), root => root.Clone(), cancellationToken);
    }
}

