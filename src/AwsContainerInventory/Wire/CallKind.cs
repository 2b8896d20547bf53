namespace AwsContainerInventory.Wire
{
    /// <summary>What a call is for, as <see cref="CallSlots"/> queues it under the session's cap.</summary>
    internal enum CallKind
    {
        /// <summary>A call of one (credentials × region) pair's inventory: its first call, or a later one.</summary>
        Pair,

        /// <summary>A call that sets an account up: AssumeRole, GetCallerIdentity, DescribeRegions.</summary>
        Setup,

        /// <summary>A call that finds the accounts: the organization's listing.</summary>
        Discovery,
    }
}
