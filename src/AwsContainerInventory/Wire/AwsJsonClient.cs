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

        /// <param name="answerCode">An error code that is an answer, not a failure: <paramref name="answerValue"/> is returned for it.</param>
        protected Task<T> SendAsync<T>(string operation, byte[] body, Func<JsonElement, T> read, CancellationToken cancellationToken,
            string answerCode, T answerValue) =>
            PostAsync(operation, JsonWire.ContentType, _targetPrefix + operation, body, bytes => JsonWire.Read(bytes, read), cancellationToken, answerCode, answerValue);

        /// <summary>
        /// A JSON 1.1 error: the code from <c>x-amzn-ErrorType</c>, else the body's <c>__type</c> (or <c>code</c>), and its
        /// <c>message</c>. A body that is not JSON is read as the query protocol's XML: JSON services answer signature
        /// failures in XML.
        /// </summary>
        protected override AwsServiceException ReadError(AwsRequest request, AwsResponse response)
        {
            string? code = response.Header("x-amzn-ErrorType");
            string message = string.Empty;
            string? requestId = response.RequestId;
            if (!TryReadJsonError(response.Body, ref code, ref message))
                AwsQueryClient.TryReadXmlError(response.Body, ref code, ref message, ref requestId);
            return ServiceError(request, response, code, message, requestId);
        }

        /// <summary>Reads <c>__type</c>/<c>code</c> (unless <paramref name="code"/> is known) and <c>message</c>; false when the body is not JSON.</summary>
        internal static bool TryReadJsonError(ArraySegment<byte> body, ref string? code, ref string message)
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object) return true;
                foreach (JsonProperty property in document.RootElement.EnumerateObject())
                {
                    if ((property.Name == "__type" || property.Name == "code") && property.Value.ValueKind == JsonValueKind.String && code == null)
                        code = property.Value.GetString();
                    else if (string.Equals(property.Name, "message", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                        message = property.Value.GetString() ?? string.Empty;
                }
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }
    }
}
