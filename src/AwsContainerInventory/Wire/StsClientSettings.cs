using System;
using System.Net.Http;

namespace AwsContainerInventory.Wire
{
    /// <summary>What an STS client of the session needs: where to send, who signs, and the session's HTTP path and retry limit.</summary>
    internal sealed class StsClientSettings
    {
        public StsClientSettings(Uri endpoint, string region, ICredentialProvider credentials, HttpMessageHandler handler, int maxRetries, TimeSpan attemptTimeout)
        {
            Endpoint = endpoint;
            Region = region;
            Credentials = credentials;
            Handler = handler;
            MaxRetries = maxRetries;
            AttemptTimeout = attemptTimeout;
        }

        /// <summary>The regional STS endpoint, or the session's override URL.</summary>
        public Uri Endpoint { get; }

        /// <summary>The region the requests are signed for.</summary>
        public string Region { get; }

        /// <summary>The credentials that call AssumeRole (the session's base credentials, or a profile's source).</summary>
        public ICredentialProvider Credentials { get; }

        /// <summary>Sends through the session's transport, holding one of its ParallelRequests slots per exchange.</summary>
        public HttpMessageHandler Handler { get; }

        public int MaxRetries { get; }

        public TimeSpan AttemptTimeout { get; }
    }
}
