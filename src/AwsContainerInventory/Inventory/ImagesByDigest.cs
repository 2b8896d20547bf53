using System.Collections.Concurrent;
using System.Collections.Generic;

namespace AwsContainerInventory.Inventory
{
    /// <summary>What <see cref="ImageReader.DescribeByDigestAsync"/> found: the images, and (repository ARN, digest) pairs ECR does not have.</summary>
    internal sealed class ImagesByDigest
    {
        public ConcurrentQueue<EcrImage> Images { get; } = new ConcurrentQueue<EcrImage>();
        public ConcurrentQueue<KeyValuePair<string, string>> Missing { get; } = new ConcurrentQueue<KeyValuePair<string, string>>();
    }
}
