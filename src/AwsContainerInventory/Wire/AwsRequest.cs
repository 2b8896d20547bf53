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
        /// How the session's cap queues this call (<see cref="CallSlots"/>): the organization's listing is discovery, served
        /// first (every account waits for the page that names it); DescribeRegions sets an account up; the rest are a pair's.
        /// </summary>
        public CallKind Kind => Service == "organizations" ? CallKind.Discovery
            : Service == "ec2" && Operation == "DescribeRegions" ? CallKind.Setup
            : CallKind.Pair;
    }
}
