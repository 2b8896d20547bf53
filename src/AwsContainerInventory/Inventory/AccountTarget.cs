namespace AwsContainerInventory.Inventory
{
    /// <summary>One account a run reads: through a role, or (RoleArn null) with the session's base credentials.</summary>
    internal sealed class AccountTarget
    {
        public AccountTarget(string? roleArn, string? accountId)
        {
            RoleArn = roleArn;
            AccountId = accountId;
        }

        public string? RoleArn { get; }

        /// <summary>Null only for the base credentials of a session without an organization (not known without a call).</summary>
        public string? AccountId { get; }
    }
}
