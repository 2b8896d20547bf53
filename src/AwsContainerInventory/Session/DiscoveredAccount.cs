namespace AwsContainerInventory.Session
{
    /// <summary>An account that discovery found: its role in the caller's partition, or none for the caller's own account.</summary>
    internal sealed class DiscoveredAccount
    {
        public DiscoveredAccount(string id, string? name, string? roleArn)
        {
            Id = id;
            Name = name;
            RoleArn = roleArn;
        }

        public string Id { get; }
        public string? Name { get; }

        /// <summary>arn:&lt;partition&gt;:iam::&lt;id&gt;:role/&lt;name&gt;; null for the caller's own account, read with the caller's credentials.</summary>
        public string? RoleArn { get; }
    }
}
