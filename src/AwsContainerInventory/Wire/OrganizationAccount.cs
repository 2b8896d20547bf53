namespace AwsContainerInventory.Wire
{
    /// <summary>An account as Organizations lists it: its 12-digit id, name and lifecycle state.</summary>
    internal sealed class OrganizationAccount
    {
        public OrganizationAccount(string id, string? name, string? state)
        {
            Id = id;
            Name = name;
            State = state;
        }

        public string Id { get; }
        public string? Name { get; }

        /// <summary>State (PENDING_ACTIVATION, ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED), or Status where State is absent.</summary>
        public string? State { get; }

        public bool IsActive => State == OrganizationsLimits.Active;
    }
}
