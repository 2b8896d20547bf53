using System;

namespace AwsContainerInventory.Wire
{
    /// <summary>One signed POST to an AWS endpoint: JSON 1.1 (ECR, ECS) or the query protocol (STS).</summary>
    internal sealed class AwsRequest
    {
        public AwsRequest(string service, string operation, string region, Uri endpoint, string contentType, string? target, byte[] body, ICredentialProvider credentials)
        {
            Service = service;
            Operation = operation;
            Region = region;
            Endpoint = endpoint;
            ContentType = contentType;
            Target = target;
            Body = body;
            Credentials = credentials;
        }

        public string Service { get; }
        public string Operation { get; }
        public string Region { get; }
        public Uri Endpoint { get; }
        public string ContentType { get; }
        public string? Target { get; }
        public byte[] Body { get; }
        public ICredentialProvider Credentials { get; }

        /// <summary>
        /// A call that finds the work the others do: the organization's listing (every account waits for the page
        /// that names it), served before the rest under the session's cap.
        /// </summary>
        public bool IsDiscovery => Service == "organizations";
    }
}
