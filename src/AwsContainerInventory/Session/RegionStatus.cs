namespace AwsContainerInventory.Session
{
    /// <summary>What the module's partition data says of a region name.</summary>
    internal enum RegionStatus
    {
        /// <summary>A partition of the module's data lists it.</summary>
        Listed,

        /// <summary>Not listed, but shaped like a region and claimed by a partition's pattern: used, with a warning.</summary>
        New,

        /// <summary>No partition has it: rejected before any call.</summary>
        Unknown,
    }
}
