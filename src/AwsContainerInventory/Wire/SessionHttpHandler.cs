using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// The HTTP handler given to the AWS SDK for .NET's clients (STS): each exchange goes out on the session's
    /// HTTP client and holds one of the session's ParallelRequests slots until its body has arrived, so the SDK's
    /// calls and the module's own share one cap and one connection pool.
    /// </summary>
    internal sealed class SessionHttpHandler : HttpMessageHandler
    {
        private readonly AwsTransport _transport;
        private readonly string _service;
        private readonly string _region;
        private readonly ICredentialProvider _credentials;
        private readonly ICallObserver? _observer;

        /// <param name="observer">Told of each call and each of the SDK's retries, as the module's own clients tell it (-Verbose, -Debug).</param>
        public SessionHttpHandler(AwsTransport transport, string service, string region, ICredentialProvider credentials, ICallObserver? observer)
        {
            _transport = transport;
            _service = service;
            _region = region;
            _credentials = credentials;
            _observer = observer;
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_observer != null) await ReportAsync(request).ConfigureAwait(false);
            await _transport.AcquireSlotAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // The SDK's HttpClient has marked its message as sent; the session's client needs a message of its own.
                HttpRequestMessage forwarded = Forward(request);
                HttpResponseMessage response = await _transport.Client.SendAsync(forwarded, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                // The SDK reads the body after this returns; read it while the slot is held, so the cap counts it.
                using (cancellationToken.Register(() => response.Dispose()))
                    await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                response.RequestMessage = request;
                return response;
            }
            finally
            {
                _transport.ReleaseSlot();
            }
        }

        // The SDK numbers its attempts in amz-sdk-request ("attempt=2; max=11"): the first is the call, the rest retries.
        private async Task ReportAsync(HttpRequestMessage request)
        {
            string form = request.Content == null ? string.Empty : await request.Content.ReadAsStringAsync().ConfigureAwait(false);
            string operation = form.Split('&').Select(p => p.Split('=')).Where(p => p.Length == 2 && p[0] == "Action")
                .Select(p => WebUtility.UrlDecode(p[1])).FirstOrDefault() ?? "Unknown";
            var call = new AwsRequest(_service, operation, _region, request.RequestUri!, string.Empty, null, Array.Empty<byte>(), _credentials);
            int attempt = 1;
            if (request.Headers.TryGetValues("amz-sdk-request", out var values))
            {
                string header = values.FirstOrDefault() ?? string.Empty;
                int start = header.IndexOf("attempt=", StringComparison.Ordinal);
                if (start >= 0)
                {
                    string number = new string(header.Substring(start + 8).TakeWhile(char.IsDigit).ToArray());
                    if (!int.TryParse(number, out attempt)) attempt = 1;
                }
            }
            if (attempt <= 1) _observer!.OnCall(call);
            else _observer!.OnRetry(call, attempt - 1, TimeSpan.Zero, "the AWS SDK's retry");
        }

        // The same method, URL, headers and body (the content object is shared: the SDK owns and disposes it).
        private static HttpRequestMessage Forward(HttpRequestMessage request)
        {
            var forwarded = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version };
            foreach (var header in request.Headers) forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            return forwarded;
        }
    }
}
