using System.Management.Automation;
using System.Text.RegularExpressions;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Each element (itself possibly comma-separated) must be an organization root (r-…) or OU (ou-…) id, as Organizations defines them.</summary>
    public sealed class ValidateOrganizationalUnitIdAttribute : ValidateEnumeratedArgumentsAttribute
    {
        // botocore's ParentId pattern (organizations 2016-11-28).
        private static readonly Regex Shape = new Regex("^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$", RegexOptions.CultureInvariant);

        protected override void ValidateElement(object element)
        {
            foreach (string id in RegionList.SplitCommas(new[] { element?.ToString() ?? string.Empty }))
            {
                if (!Shape.IsMatch(id))
                    throw new ValidationMetadataException("'" + id + "' is not an organizational unit or root id. Expected ou-<root>-<8 to 32 characters> (ou-ab12-cd34ef56) or r-<4 to 32 characters> (r-ab12), lower case.");
            }
        }
    }
}
