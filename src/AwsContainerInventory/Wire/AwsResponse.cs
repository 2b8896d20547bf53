using System;
using System.Buffers;
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
        private byte[]? _pooled;

        /// <param name="pooled">Whether <paramref name="body"/>'s array was rented from <see cref="ArrayPool{T}.Shared"/>
        /// (see <see cref="ReturnBody"/>).</param>
        public AwsResponse(int statusCode, ArraySegment<byte> body, bool pooled, HttpResponseHeaders? headers, string? requestId, TimeSpan? retryAfter)
        {
            StatusCode = statusCode;
            Body = body;
            _pooled = pooled ? body.Array : null;
            _headers = headers;
            RequestId = requestId;
            RetryAfter = retryAfter;
        }

        private AwsResponse(AwsServiceException connectionFailure, bool timedOut)
        {
            Body = new ArraySegment<byte>(Array.Empty<byte>());
            ConnectionFailure = connectionFailure;
            TimedOut = timedOut;
        }

        /// <summary>No answer arrived (<see cref="ClientCodes.ConnectionFailure"/> or <see cref="ClientCodes.Timeout"/>).</summary>
        public static AwsResponse Failed(AwsServiceException connectionFailure, bool timedOut) => new AwsResponse(connectionFailure, timedOut);

        /// <summary>The HTTP status, 0 when no answer arrived.</summary>
        public int StatusCode { get; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        /// <summary>The body as it arrived; valid until <see cref="ReturnBody"/>, so whatever is read from it must be copied out.</summary>
        public ArraySegment<byte> Body { get; }

        /// <summary>x-amzn-RequestId (or x-amz-request-id) of the answer.</summary>
        public string? RequestId { get; }

        /// <summary>The server's retry hint of a failed answer (see <see cref="AwsTransport.RetryAfterFrom"/>).</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>Set when no answer arrived.</summary>
        public AwsServiceException? ConnectionFailure { get; }

        /// <summary>The attempt ran out of time (its own timeout or the connect timeout): a retry costs a timeout's share of the quota.</summary>
        public bool TimedOut { get; }

        /// <summary>
        /// Gives a pooled body's array back once the answer has been read: a page of 100 tasks or interfaces is hundreds of
        /// kilobytes, and one new array a call would land on the large object heap and bring on full collections.
        /// </summary>
        public void ReturnBody()
        {
            byte[]? pooled = _pooled;
            _pooled = null;
            if (pooled != null) ArrayPool<byte>.Shared.Return(pooled);
        }

        /// <summary>The first value of a response header, or null.</summary>
        public string? Header(string name) =>
            _headers != null && _headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }
}
