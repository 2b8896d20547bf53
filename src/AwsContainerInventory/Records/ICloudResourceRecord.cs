using System;

namespace AwsContainerInventory
{
    /// <summary>What every inventory record has, whatever its type.</summary>
    public interface ICloudResourceRecord
    {
        string Uid { get; }
        string Name { get; }
        string CloudProvider { get; }
        string Region { get; }
        string? AccountId { get; }
        DateTime LastCaptured { get; }
    }
}
