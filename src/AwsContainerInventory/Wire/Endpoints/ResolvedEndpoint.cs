using System;

namespace AwsContainerInventory.Wire.Endpoints
{
    /// <summary>An endpoint a rule set chose: its URL and, when the rule names one, the SigV4 signing region.</summary>
    internal sealed class ResolvedEndpoint
    {
        public ResolvedEndpoint(Uri url, string? signingRegion)
        {
            Url = url;
            SigningRegion = signingRegion;
        }

        public Uri Url { get; }
        public string? SigningRegion { get; }
    }
}
