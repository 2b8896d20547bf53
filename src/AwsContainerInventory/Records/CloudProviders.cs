namespace AwsContainerInventory
{
    /// <summary>The CLOUD_PROVIDER value every record carries.</summary>
    internal static class CloudProviders
    {
        public const string Aws = "AWS";
    }
}
