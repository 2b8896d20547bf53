using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>An AWS JSON 1.1 client (ECR, ECS): a JSON body, the operation named in X-Amz-Target.</summary>
    internal abstract class AwsJsonClient : AwsServiceClient
    {
        private readonly string _targetPrefix;

        protected AwsJsonClient(string service, string targetPrefix, AwsTransport transport, Uri endpoint, string region,
            ICredentialProvider credentials, ICallObserver? observer)
            : base(service, transport, endpoint, region, credentials, observer)
        {
            _targetPrefix = targetPrefix;
        }

        protected Task<T> SendAsync<T>(string operation, byte[] body, Func<JsonElement, T> read, CancellationToken cancellationToken) =>
            PostAsync(operation, JsonWire.ContentType, _targetPrefix + operation, body, bytes => JsonWire.Read(bytes, read), cancellationToken);
    }
}
