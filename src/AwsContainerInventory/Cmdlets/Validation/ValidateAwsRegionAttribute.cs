using System.Management.Automation;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>
    /// Rejects a region that no partition of the module's data lists or would serve (xx-moon-1, us-esat-1),
    /// naming the closest valid names, before any call. A region newer than the data is let through here;
    /// the cmdlet warns about it. All (or *) means every region enabled in each account.
    /// </summary>
    public sealed class ValidateAwsRegionAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            foreach (string region in RegionList.SplitCommas(new[] { element?.ToString() ?? string.Empty }))
            {
                if (RegionList.IsAll(region)) continue;
                RegionCheck check = RegionList.Check(region.ToLowerInvariant());
                if (check.Status == RegionStatus.Unknown) throw new ValidationMetadataException(check.Problem);
            }
        }
    }
}
