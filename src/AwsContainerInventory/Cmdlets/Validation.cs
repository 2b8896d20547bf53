using System;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>
    /// Rejects a region that no partition of the module's data lists or would serve (xx-moon-1, us-esat-1),
    /// naming the closest valid names, before any call. A region newer than the data is let through here;
    /// the cmdlet warns about it.
    /// </summary>
    public sealed class ValidateAwsRegionAttribute : ValidateEnumeratedArgumentsAttribute
    {
        protected override void ValidateElement(object element)
        {
            foreach (string region in RegionList.SplitCommas(new[] { element?.ToString() ?? string.Empty }))
            {
                RegionCheck check = RegionList.Check(region.ToLowerInvariant());
                if (check.Status == RegionStatus.Unknown) throw new ValidationMetadataException(check.Problem);
            }
        }
    }

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

    /// <summary>An absolute http or https URL.</summary>
    public sealed class ValidateEndpointUrlAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            object value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
            if (!(value is Uri uri) || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                throw new ValidationMetadataException("'" + value + "' is not an absolute http:// or https:// URL.");
        }
    }
}
