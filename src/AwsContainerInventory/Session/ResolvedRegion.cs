namespace AwsContainerInventory.Session
{
    /// <summary>A default region and where it came from: "AWS_REGION", "AWS_DEFAULT_REGION" or "profile 'name'".</summary>
    internal sealed class ResolvedRegion
    {
        public ResolvedRegion(string region, string source)
        {
            Region = region;
            Source = source;
        }

        public string Region { get; }
        public string Source { get; }
    }
}
