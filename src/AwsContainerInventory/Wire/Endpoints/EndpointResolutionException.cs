using System;

namespace AwsContainerInventory.Wire.Endpoints
{
    /// <summary>No endpoint for a service in a region with these settings; the message says why (from the rule set).</summary>
    internal sealed class EndpointResolutionException : Exception
    {
        public EndpointResolutionException(string message) : base(message) { }
    }
}
