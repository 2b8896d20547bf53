namespace AwsContainerInventory.Wire
{
    internal static class OrganizationsLimits
    {
        /// <summary>The largest MaxResults the Organizations listings take (botocore: MaxResults 1..20).</summary>
        public const int MaxResults = 20;

        /// <summary>The account state (State, or the older Status) of an account that can be inventoried.</summary>
        public const string Active = "ACTIVE";
    }
}
