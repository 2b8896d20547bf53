namespace AwsContainerInventory.Wire
{
    internal static class Elbv2Limits
    {
        /// <summary>The largest page of the Describe listings (botocore: PageSize 1 to 400).</summary>
        public const int MaxPageSize = 400;
    }
}
