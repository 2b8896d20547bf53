using System.Management.Automation;
using System.Text.RegularExpressions;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Each element (itself possibly comma-separated) must be an IAM role ARN.</summary>
    public sealed class ValidateRoleArnAttribute : ValidateEnumeratedArgumentsAttribute
    {
        private static readonly Regex Shape = new Regex(@"^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/[\w+=,.@/-]{1,512}$", RegexOptions.CultureInvariant);

        protected override void ValidateElement(object element)
        {
            foreach (string arn in RegionList.SplitCommas(new[] { element?.ToString() ?? string.Empty }))
            {
                if (!Shape.IsMatch(arn))
                    throw new ValidationMetadataException("'" + arn + "' is not an IAM role ARN. Expected arn:aws:iam::<12-digit account>:role/<name>.");
            }
        }
    }
}
