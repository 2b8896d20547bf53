namespace AwsContainerInventory.Wire
{
    /// <summary>Error codes for failures that happen before or instead of an AWS answer.</summary>
    internal static class ClientCodes
    {
        public const string ConnectionFailure = "ConnectionFailure";
        public const string Timeout = "Timeout";
        public const string MalformedResponse = "MalformedResponse";
    }
}
