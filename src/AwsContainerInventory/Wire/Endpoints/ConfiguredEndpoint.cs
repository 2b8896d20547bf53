using System;

namespace AwsContainerInventory.Wire.Endpoints
{
    /// <summary>A URL set for a service by the user, and where it was set (-EndpointUrl, AWS_ENDPOINT_URL_ECR, a profile).</summary>
    internal sealed class ConfiguredEndpoint
    {
        public ConfiguredEndpoint(Uri url, string source)
        {
            Url = url;
            Source = source;
        }

        public Uri Url { get; }
        public string Source { get; }
    }
}
