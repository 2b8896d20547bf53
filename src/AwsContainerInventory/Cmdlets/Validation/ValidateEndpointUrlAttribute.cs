using System;
using System.Management.Automation;

namespace AwsContainerInventory.Cmdlets
{
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
