using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>What an AWS JSON 1.1 client needs: where to send, how to sign, and the X-Amz-Target prefix.</summary>
    internal abstract class AwsJsonClient
    {
        private readonly string _service;
        private readonly string _targetPrefix;
        private readonly AwsTransport _transport;
        private readonly Uri _endpoint;
        private readonly string _region;
        private readonly ICredentialProvider _credentials;
        private readonly ICallObserver? _observer;

        protected AwsJsonClient(string service, string targetPrefix, AwsTransport transport, Uri endpoint, string region,
            ICredentialProvider credentials, ICallObserver? observer)
        {
            _service = service;
            _targetPrefix = targetPrefix;
            _transport = transport;
            _endpoint = endpoint;
            _region = region;
            _credentials = credentials;
            _observer = observer;
        }

        protected Task<T> SendAsync<T>(string operation, byte[] body, Func<JsonElement, T> read, CancellationToken cancellationToken)
        {
            var request = new AwsRequest(_service, operation, _region, _endpoint, JsonWire.ContentType, _targetPrefix + operation, body, _credentials);
            return _transport.SendAsync(request, bytes => JsonWire.Read(bytes, read), _observer, cancellationToken);
        }
    }
}
