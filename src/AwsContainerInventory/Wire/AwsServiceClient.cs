using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// What every AWS client of the module shares: the session's transport, the service's endpoint and region,
    /// the credentials that sign, and the observer told about calls and retries. Subclasses add the protocol (JSON 1.1 or
    /// query): how a request is written and how an answer, an error's included, is read; and the operations.
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

        /// <summary>Signs and sends one POST; <paramref name="parse"/> reads a 2xx body, <see cref="ReadError"/> any other answer.</summary>
        protected Task<T> PostAsync<T>(string operation, string contentType, string? target, byte[] body, Func<ArraySegment<byte>, T> parse, CancellationToken cancellationToken) =>
            PostAsync(operation, contentType, target, body, parse, cancellationToken, answerCode: null, answerValue: default!);

        /// <param name="answerCode">An error code that is an answer: <paramref name="answerValue"/> is returned for it (see <see cref="AwsTransport"/>).</param>
        protected Task<T> PostAsync<T>(string operation, string contentType, string? target, byte[] body, Func<ArraySegment<byte>, T> parse, CancellationToken cancellationToken,
            string? answerCode, T answerValue)
        {
            var request = new AwsRequest(_service, operation, _region, _endpoint, contentType, target, body, _credentials);
            _observer?.OnCall(request);
            Task<T> answer = _transport.SendAsync(request, parse, ReadError, _observer, cancellationToken, answerCode, answerValue);
            return _observer != null && _observer.WantsAnswers ? ToldWhenAnsweredAsync(answer, request, _observer) : answer;
        }

        private static async Task<T> ToldWhenAnsweredAsync<T>(Task<T> answer, AwsRequest request, ICallObserver observer)
        {
            try
            {
                return await answer.ConfigureAwait(false);
            }
            finally
            {
                observer.OnAnswered(request);
            }
        }

        /// <summary>The protocol's reading of an answer that is not 2xx: the AWS error code, message and request id.</summary>
        protected abstract AwsServiceException ReadError(AwsRequest request, AwsResponse response);

        /// <summary>
        /// The error as reported: the code without its namespace or URI (<c>com.amazonaws.ecs#ClusterNotFoundException:http://…</c>
        /// is <c>ClusterNotFoundException</c>), or, when the answer names none, one for its HTTP status.
        /// </summary>
        protected static AwsServiceException ServiceError(AwsRequest request, AwsResponse response, string? code, string message, string? requestId) =>
            new AwsServiceException(request.Service, request.Operation, NormalizeCode(code) ?? CodeForStatus(response.StatusCode), message, response.StatusCode, requestId);

        private static string? NormalizeCode(string? code)
        {
            if (string.IsNullOrEmpty(code)) return null;
            string value = code!;
            int colon = value.IndexOf(':');
            if (colon >= 0) value = value.Substring(0, colon);
            int hash = value.LastIndexOf('#');
            if (hash >= 0) value = value.Substring(hash + 1);
            return value.Length == 0 ? null : value;
        }

        private static string CodeForStatus(int status) => status switch
        {
            429 => "TooManyRequestsException",
            500 => "InternalFailure",
            502 => "BadGateway",
            503 => "ServiceUnavailable",
            504 => "GatewayTimeout",
            403 => "AccessDenied",
            _ => "Http" + status.ToString(CultureInfo.InvariantCulture),
        };
    }
}
