using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// Sends signed requests for one session: one pooled HttpClient for the process, one cap on in-flight
    /// calls (ParallelRequests) for all roles and regions together, and the standard retry mode.
    /// </summary>
    internal sealed class AwsTransport : IDisposable
    {
        private readonly CallSlots _slots;
        private readonly HttpClient _client;

        /// <param name="time">The one clock of the session's calls: signing dates, attempt timeouts, backoff, the
        /// connection budget; tests pass a fake one and move it instead of waiting.</param>
        public AwsTransport(int parallelRequests, RetryPolicy retryPolicy, HttpClient? client = null, TimeProvider? time = null)
        {
            Time = time ?? TimeProvider.System;
            if (parallelRequests < 1) throw new ArgumentOutOfRangeException(nameof(parallelRequests));
            ParallelRequests = parallelRequests;
            _slots = new CallSlots(parallelRequests);
            Retry = retryPolicy;
            _client = client ?? ConnectionPool.SharedClient;
        }

        public int ParallelRequests { get; }

        public RetryPolicy Retry { get; }

        /// <summary>The HTTP client every request of the session goes out on (the process's pool, or a test's handler).</summary>
        internal HttpClient Client => _client;

        /// <summary>Takes one of the session's ParallelRequests slots, for a call the module does not send itself (the AWS SDK's).</summary>
        internal Task AcquireSlotAsync(CancellationToken cancellationToken) => _slots.WaitAsync(null, null, cancellationToken);

        internal void ReleaseSlot() => _slots.Release();

        /// <summary>Keeps a few slots for calls that follow up on an answer until disposed (<see cref="CallSlots.KeepForFollowUps"/>): a run holds it until its first record.</summary>
        internal IDisposable KeepSlotsForFollowUps() => _slots.KeepForFollowUps();

        /// <summary>The session's clock.</summary>
        public TimeProvider Time { get; }

        /// <summary>
        /// Sends the request, retrying what can succeed on a later try (<see cref="RetryLoop"/>), and parses a 2xx body
        /// with <paramref name="parse"/>; any other answer is read by <paramref name="readError"/>, the protocol client's
        /// error reader. A 2xx body that does not parse is MalformedResponse, retried at most
        /// <see cref="RetryPolicy.MalformedResponseRetries"/> times. An error whose code is <paramref name="answerCode"/> is
        /// an answer, not a failure (GetRepositoryPolicy's RepositoryPolicyNotFoundException: the repository has no
        /// policy): it returns <paramref name="answerValue"/> without an exception being thrown through every await of
        /// the call, which for most repositories of an estate would be the costliest part of the call.
        /// </summary>
        public Task<T> SendAsync<T>(AwsRequest request, Func<ArraySegment<byte>, T> parse, Func<AwsRequest, AwsResponse, AwsServiceException> readError,
            ICallObserver? observer, CancellationToken cancellationToken) =>
            SendAsync(request, parse, readError, observer, cancellationToken, answerCode: null, answerValue: default!);

        /// <summary><see cref="SendAsync{T}(AwsRequest, Func{ArraySegment{byte}, T}, Func{AwsRequest, AwsResponse, AwsServiceException}, ICallObserver?, CancellationToken)"/>, with an error code that is an answer.</summary>
        public async Task<T> SendAsync<T>(AwsRequest request, Func<ArraySegment<byte>, T> parse, Func<AwsRequest, AwsResponse, AwsServiceException> readError,
            ICallObserver? observer, CancellationToken cancellationToken, string? answerCode, T answerValue)
        {
            var retries = new RetryLoop(Retry, request, Time);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                AwsResponse response = await SendOnceAsync(request, retries.AttemptTimeout, cancellationToken).ConfigureAwait(false);
                AwsServiceException failure;
                try
                {
                    if (response.ConnectionFailure != null)
                    {
                        failure = response.ConnectionFailure;
                    }
                    else if (response.IsSuccess)
                    {
                        try
                        {
                            T result = parse(response.Body);
                            retries.Succeeded();
                            return result;
                        }
                        catch (Exception parseError) when (parseError is JsonException || parseError is FormatException || parseError is InvalidOperationException || parseError is KeyNotFoundException || parseError is System.Xml.XmlException)
                        {
                            failure = new AwsServiceException(request.Service, request.Operation, ClientCodes.MalformedResponse,
                                "The response body could not be read (" + parseError.GetType().Name + ").", response.StatusCode, response.RequestId, parseError);
                        }
                    }
                    else
                    {
                        failure = readError(request, response);
                        // Quota as for any error answer: nothing taken, nothing given back (botocore releases on 2xx only).
                        if (answerCode != null && string.Equals(failure.ErrorCode, answerCode, StringComparison.Ordinal)) return answerValue;
                    }
                }
                finally
                {
                    response.ReturnBody();
                }

                if (!retries.ShouldRetry(failure, response.ConnectionFailure != null, response.TimedOut, response.RetryAfter, out TimeSpan delay))
                    throw failure;
                observer?.OnRetry(request, retries.Attempt, delay, failure.ErrorCode);
#if NET8_0_OR_GREATER
                await Task.Delay(delay, Time, cancellationToken).ConfigureAwait(false);
#else
                await Time.Delay(delay, cancellationToken).ConfigureAwait(false);
#endif
            }
        }

        /// <summary>
        /// One attempt: takes a slot, signs with current credentials, sends, and brings back the status, headers and
        /// body, or the connection-level failure (no complete answer within <paramref name="attemptTimeout"/>, no
        /// connection). Credential failures and the caller's cancellation are thrown.
        /// </summary>
        internal async Task<AwsResponse> SendOnceAsync(AwsRequest request, TimeSpan attemptTimeout, CancellationToken cancellationToken)
        {
            // Credentials are fetched outside the slot (an AssumeRole needs a slot of its own) and checked
            // again once a slot is held, since the wait for it can outlast short-lived credentials.
            AwsCredentials credentials = await request.Credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
            await _slots.WaitAsync(request.Credentials, request.Region, cancellationToken, request.Kind).ConfigureAwait(false);
            while (!request.Credentials.IsCurrent(credentials))
            {
                _slots.Release();
                credentials = await request.Credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
                await _slots.WaitAsync(request.Credentials, request.Region, cancellationToken, request.Kind).ConfigureAwait(false);
            }
            try
            {
#if NET8_0_OR_GREATER
                using var attemptTimer = new CancellationTokenSource(attemptTimeout, Time);
#else
                using CancellationTokenSource attemptTimer = Time.CreateCancellationTokenSource(attemptTimeout);
#endif
                using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attemptTimer.Token);
                try
                {
                    if (ConnectionPool.RecyclesByServicePoint && ReferenceEquals(_client, ConnectionPool.SharedClient)) ConnectionPool.LeaseConnections(request.Endpoint);
                    using HttpRequestMessage message = BuildMessage(request, credentials);
                    using HttpResponseMessage response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, attemptCancellation.Token).ConfigureAwait(false);
                    (ArraySegment<byte> body, bool pooled) = await ReadBodyAsync(response, attemptCancellation.Token).ConfigureAwait(false);
                    int status = (int)response.StatusCode;
                    TimeSpan? retryAfter = status >= 200 && status < 300 ? null : RetryAfterFrom(response, Time.GetUtcNow());
                    return new AwsResponse(status, body, pooled, response.Headers, RequestIdFrom(response), retryAfter);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return AwsResponse.Failed(new AwsServiceException(request.Service, request.Operation, ClientCodes.Timeout,
                        "No complete answer from " + request.Endpoint.Authority + " in time (attempt timeout " + Retry.AttemptTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s).", 0, null),
                        timedOut: true);
                }
                catch (Exception networkError) when (networkError is HttpRequestException || networkError is IOException || networkError is WebException)
                {
                    return AwsResponse.Failed(new AwsServiceException(request.Service, request.Operation, ClientCodes.ConnectionFailure,
                        "Could not reach " + request.Endpoint.Authority + ": " + InnermostMessage(networkError), 0, null, networkError),
                        timedOut: IsConnectTimeout(networkError));
                }
            }
            finally
            {
                _slots.Release();
            }
        }

        private HttpRequestMessage BuildMessage(AwsRequest request, AwsCredentials credentials)
        {
            var headers = new List<KeyValuePair<string, string>> { new KeyValuePair<string, string>("Content-Type", request.ContentType) };
            if (request.Target != null) headers.Add(new KeyValuePair<string, string>("X-Amz-Target", request.Target));
            var signed = SigV4Signer.Sign("POST", request.Endpoint, headers, request.Body, credentials, request.Region, request.Service, Time.GetUtcNow().UtcDateTime);

            var message = new HttpRequestMessage(HttpMethod.Post, request.Endpoint);
            var content = new ByteArrayContent(request.Body);
            // Sent as signed, without parsing it into a MediaTypeHeaderValue on every call.
            content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            message.Content = content;
            if (request.Target != null) message.Headers.TryAddWithoutValidation("X-Amz-Target", request.Target);
            foreach (var header in signed) message.Headers.TryAddWithoutValidation(header.Key, header.Value);
            // No Accept header, as botocore sends none: given Accept: application/json, STS answers in JSON.
            return message;
        }

        /// <summary>The body, in an array of the declared size rented from the pool (see <see cref="AwsResponse.ReturnBody"/>) when the size is declared.</summary>
        private static async Task<(ArraySegment<byte> Body, bool Pooled)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            long? declared = response.Content.Headers.ContentLength;
            using (cancellationToken.Register(() => stream.Dispose()))
            {
                if (declared.HasValue && declared.Value <= int.MaxValue)
                {
                    int length = (int)declared.Value;
                    // One array of the declared size, from the pool: no growing buffer, no final copy, and for large pages
                    // no large-object-heap allocation per call.
                    byte[] body = length == 0 ? Array.Empty<byte>() : ArrayPool<byte>.Shared.Rent(length);
                    try
                    {
                        int read = 0;
                        while (read < length)
                        {
                            int n = await stream.ReadAsync(body, read, length - read, cancellationToken).ConfigureAwait(false);
                            if (n == 0) break;
                            read += n;
                        }
                        cancellationToken.ThrowIfCancellationRequested();
                        if (read != length) throw new IOException("The response ended after " + read + " of " + length + " bytes.");
                        return (new ArraySegment<byte>(body, 0, length), length > 0);
                    }
                    catch
                    {
                        if (length > 0) ArrayPool<byte>.Shared.Return(body);
                        throw;
                    }
                }
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, 81920, cancellationToken).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return (new ArraySegment<byte>(buffer.ToArray()), false);
            }
        }

        private static string? RequestIdFrom(HttpResponseMessage response)
        {
            foreach (string name in new[] { "x-amzn-RequestId", "x-amz-request-id", "x-amzn-requestid" })
                if (response.Headers.TryGetValues(name, out var values)) return values.FirstOrDefault();
            return null;
        }

        /// <summary>
        /// The server's retry hint: <c>x-amz-retry-after</c> in milliseconds (what botocore reads), else the HTTP
        /// <c>Retry-After</c> in seconds or as a date. A value that is not a non-negative number is ignored.
        /// </summary>
        internal static TimeSpan? RetryAfterFrom(HttpResponseMessage response, DateTimeOffset? now = null)
        {
            if (response.Headers.TryGetValues("x-amz-retry-after", out var amzValues)
                && long.TryParse(amzValues.FirstOrDefault()?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds))
            {
                return TimeSpan.FromMilliseconds(Math.Min(milliseconds, int.MaxValue));
            }
            RetryConditionHeaderValue? header = response.Headers.RetryAfter;
            if (header?.Delta != null) return header.Delta;
            if (header?.Date != null) return header.Date.Value - (now ?? DateTimeOffset.UtcNow);
            return null;
        }

        private static string InnermostMessage(Exception exception)
        {
            while (exception.InnerException != null) exception = exception.InnerException;
            return exception.Message;
        }

        /// <summary>A connect timeout (the OS's, or the handler's) costs a retry what a timeout does.</summary>
        private static bool IsConnectTimeout(Exception error)
        {
            for (Exception? e = error; e != null; e = e.InnerException)
                if (e is TimeoutException || (e is SocketException socket && socket.SocketErrorCode == SocketError.TimedOut)) return true;
            return false;
        }

        // The slots hold no operating-system handle; the HTTP client is the process's (or the test's) to dispose.
        public void Dispose()
        {
        }
    }
}
