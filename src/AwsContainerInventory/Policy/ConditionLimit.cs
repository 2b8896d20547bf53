namespace AwsContainerInventory.Policy
{
    /// <summary>How far a condition limits who a statement applies to, least limiting first.</summary>
    internal enum ConditionLimit { None = 0, Network = 1, Identity = 2, Nobody = 3 }
}
