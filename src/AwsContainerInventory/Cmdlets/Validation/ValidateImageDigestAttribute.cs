using System.Management.Automation;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>An image manifest digest: <c>sha256:</c> and 64 hex digits.</summary>
    public sealed class ValidateImageDigestAttribute : ValidateEnumeratedArgumentsAttribute
    {
        private static readonly Regex Shape = new Regex("^sha256:[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant);

        protected override void ValidateElement(object element)
        {
            string digest = element?.ToString() ?? string.Empty;
            if (!Shape.IsMatch(digest))
                throw new ValidationMetadataException("'" + digest + "' is not an image digest. Expected sha256: followed by 64 hexadecimal digits (as in EcrImage.ImageDigest).");
        }
    }
}
