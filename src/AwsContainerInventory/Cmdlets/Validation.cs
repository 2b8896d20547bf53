using System;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Rejects anything that is not shaped like an AWS region name (us-east-1, us-gov-west-1, …), before any call.</summary>
    public sealed class ValidateAwsRegionAttribute : ValidateEnumeratedArgumentsAttribute
    {
        private static readonly Regex Shape = new Regex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", RegexOptions.CultureInvariant);

        protected override void ValidateElement(object element)
        {
            foreach (string region in RegionList.SplitCommas(new[] { element?.ToString() ?? string.Empty }))
            {
                if (!Shape.IsMatch(region.ToLowerInvariant()))
                    throw new ValidationMetadataException("'" + region + "' is not an AWS region name. Use a name such as us-east-1 or eu-west-1 (Tab completes them).");
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
