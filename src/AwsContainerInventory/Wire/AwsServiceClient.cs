using System;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// What every AWS client of the module shares: the session's transport, the service's endpoint and region,
    /// the credentials that sign, and the observer told about calls and retries. Subclasses add the protocol (JSON 1.1 or
    /// query) and the operations.
    /// </summary>
    internal abstract class AwsServiceClient
    {
        private readonly string _service;
        private readonly AwsTransport _transport;
        private readonly Uri _endpoint;
        private readonly string _region;
        private readonly ICredentialProvider _credentials;
        private readonly ICallObserver? _observer;

        protected AwsServiceClient(string service, AwsTransport transport, Uri endpoint, string region, ICredentialProvider credentials, ICallObserver? observer)
        {
            _service = service;
            _transport = transport;
            _endpoint = endpoint;
            _region = region;
            _credentials = credentials;
            _observer = observer;
        }

        /// <summary>Signs and sends one POST; <paramref name="parse"/> reads a 2xx body.</summary>
        protected Task<T> PostAsync<T>(string operation, string contentType, string? target, byte[] body, Func<byte[], T> parse, CancellationToken cancellationToken)
        {
            var request = new AwsRequest(_service, operation, _region, _endpoint, contentType, target, body, _credentials);
            _observer?.OnCall(request);
            return _transport.SendAsync(request, parse, _observer, cancellationToken);
        }
    }
}
