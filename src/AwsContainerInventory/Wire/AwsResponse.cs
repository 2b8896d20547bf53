using System;
using System.Linq;
using System.Net.Http.Headers;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// What one attempt of a call brought back, unread: the HTTP status, headers and body, or the connection-level
    /// failure (no answer in time, no connection) that stopped it. Reading it is the protocol client's work.
    /// </summary>
    internal sealed class AwsResponse
    {
        private readonly HttpResponseHeaders? _headers;

        public AwsResponse(int statusCode, byte[] body, HttpResponseHeaders? headers, string? requestId, TimeSpan? retryAfter)
        {
            StatusCode = statusCode;
            Body = body;
            _headers = headers;
            RequestId = requestId;
            RetryAfter = retryAfter;
        }

        private AwsResponse(AwsServiceException connectionFailure, bool timedOut)
        {
            Body = Array.Empty<byte>();
            ConnectionFailure = connectionFailure;
            TimedOut = timedOut;
        }

        /// <summary>No answer arrived (<see cref="ClientCodes.ConnectionFailure"/> or <see cref="ClientCodes.Timeout"/>).</summary>
        public static AwsResponse Failed(AwsServiceException connectionFailure, bool timedOut) => new AwsResponse(connectionFailure, timedOut);

        /// <summary>The HTTP status, 0 when no answer arrived.</summary>
        public int StatusCode { get; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        public byte[] Body { get; }

        /// <summary>x-amzn-RequestId (or x-amz-request-id) of the answer.</summary>
        public string? RequestId { get; }

        /// <summary>The server's retry hint of a failed answer (see <see cref="AwsTransport.RetryAfterFrom"/>).</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>Set when no answer arrived.</summary>
        public AwsServiceException? ConnectionFailure { get; }

        /// <summary>The attempt ran out of time (its own timeout or the connect timeout): a retry costs a timeout's share of the quota.</summary>
        public bool TimedOut { get; }

        /// <summary>The first value of a response header, or null.</summary>
        public string? Header(string name) =>
            _headers != null && _headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }
}
