using System.Management.Automation;
using System.Text.RegularExpressions;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Each element (itself possibly comma-separated) must be a 12-digit AWS account id.</summary>
    public sealed class ValidateAccountIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        private static readonly Regex Shape = new Regex("^[0-9]{12}$", RegexOptions.CultureInvariant);

        protected override void ValidateElement(object element)
        {
            foreach (string id in RegionList.SplitCommas(new[] { element?.ToString() ?? string.Empty }))
            {
                if (!Shape.IsMatch(id))
                    throw new ValidationMetadataException("'" + id + "' is not an AWS account id. Expected 12 digits, such as 123456789012.");
            }
        }
    }
}
