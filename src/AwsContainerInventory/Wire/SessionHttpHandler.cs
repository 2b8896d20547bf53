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

        public SessionHttpHandler(AwsTransport transport) => _transport = transport;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
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

        // The same method, URL, headers and body (the content object is shared: the SDK owns and disposes it).
        private static HttpRequestMessage Forward(HttpRequestMessage request)
        {
            var forwarded = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content, Version = request.Version };
            foreach (var header in request.Headers) forwarded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            return forwarded;
        }
    }
}
