namespace AwsContainerInventory.Wire
{
    /// <summary>ECR's limits (botocore's ecr model).</summary>
    internal static class EcrLimits
    {
        /// <summary>ImageIdentifierList: at most 100 image ids in one DescribeImages call.</summary>
        public const int DescribeImagesBatch = 100;

        public const string ImageNotFound = "ImageNotFoundException";
        public const string RepositoryNotFound = "RepositoryNotFoundException";

        /// <summary>GetRepositoryPolicy's answer for a repository without a policy.</summary>
        public const string RepositoryPolicyNotFound = "RepositoryPolicyNotFoundException";
    }
}
