using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Engine
{
    /// <summary>
    /// STS through the AWS SDK for .NET: the reference implementation of STS's protocol (its requests, its XML
    /// answers, its error shapes), sent over the session's transport so it shares the session's cap and pool.
    /// </summary>
    internal sealed class SdkStsClient : IStsClient
    {
        private const string Service = "sts";
        private const string AssumeRoleOperation = "AssumeRole";
        private const string GetCallerIdentityOperation = "GetCallerIdentity";
        private readonly AmazonSecurityTokenServiceClient _client;

        public SdkStsClient(StsClientSettings settings)
        {
            var config = new AmazonSecurityTokenServiceConfig
            {
                ServiceURL = settings.Endpoint.ToString(),
                AuthenticationRegion = settings.Region,
                HttpClientFactory = new SessionHttpClientFactory(settings.Handler),
                RetryMode = RequestRetryMode.Standard,
                MaxErrorRetry = settings.MaxRetries,
                Timeout = settings.AttemptTimeout,
            };
            _client = new AmazonSecurityTokenServiceClient(new ModuleCredentials(settings.Credentials), config);
        }

        public async Task<AwsCredentials> AssumeRoleAsync(string roleArn, string roleSessionName, int durationSeconds, string? externalId, CancellationToken cancellationToken)
        {
            var request = new AssumeRoleRequest
            {
                RoleArn = roleArn,
                RoleSessionName = roleSessionName,
                DurationSeconds = durationSeconds,
            };
            if (!string.IsNullOrEmpty(externalId)) request.ExternalId = externalId;
            AssumeRoleResponse response;
            try
            {
                response = await _client.AssumeRoleAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                throw Translate(error, AssumeRoleOperation);
            }
            Credentials? credentials = response.Credentials;
            if (credentials == null || string.IsNullOrEmpty(credentials.AccessKeyId) || string.IsNullOrEmpty(credentials.SecretAccessKey))
                throw new AwsServiceException(Service, AssumeRoleOperation, ClientCodes.MalformedResponse, "AssumeRole returned no credentials.", (int)response.HttpStatusCode, response.ResponseMetadata?.RequestId);
            DateTime? expiration = credentials.Expiration?.ToUniversalTime();
            return new AwsCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken, expiration);
        }

        public async Task<StsCallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
        {
            GetCallerIdentityResponse response;
            try
            {
                response = await _client.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                throw Translate(error, GetCallerIdentityOperation);
            }
            if (string.IsNullOrEmpty(response.Account) || string.IsNullOrEmpty(response.Arn))
                throw new AwsServiceException(Service, GetCallerIdentityOperation, ClientCodes.MalformedResponse, "GetCallerIdentity returned no account or ARN.", (int)response.HttpStatusCode, response.ResponseMetadata?.RequestId);
            return new StsCallerIdentity(response.Account, response.Arn, response.UserId);
        }

        /// <summary>The SDK's failure as the module's: STS's code, message, status and request id, the SDK's exception inside.</summary>
        private static Exception Translate(Exception error, string operation)
        {
            // The base credentials failed to resolve while the SDK signed: that is the real failure.
            for (Exception? inner = error; inner != null; inner = inner.InnerException)
                if (inner is CredentialsUnavailableException unavailable) return unavailable;

            if (error is AmazonServiceException service && service.StatusCode != 0)
            {
                string code = string.IsNullOrEmpty(service.ErrorCode) ? "Http" + ((int)service.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) : service.ErrorCode;
                return new AwsServiceException(Service, operation, code, service.Message, (int)service.StatusCode, service.RequestId, error);
            }
            if (error is AmazonUnmarshallingException || error is System.Xml.XmlException)
                return new AwsServiceException(Service, operation, ClientCodes.MalformedResponse, "The response body could not be read (" + error.GetType().Name + ").", 0, null, error);
            if (error is OperationCanceledException)
                return new AwsServiceException(Service, operation, ClientCodes.Timeout, "No complete answer from STS in time.", 0, null, error);
            return new AwsServiceException(Service, operation, ClientCodes.ConnectionFailure, "Could not reach STS: " + Innermost(error).Message, 0, null, error);
        }

        private static Exception Innermost(Exception error)
        {
            while (error.InnerException != null) error = error.InnerException;
            return error;
        }

        /// <summary>The module's credential provider, as the SDK's credentials type.</summary>
        private sealed class ModuleCredentials : AWSCredentials
        {
            private readonly ICredentialProvider _provider;

            public ModuleCredentials(ICredentialProvider provider) => _provider = provider;

            public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

            public override async Task<ImmutableCredentials> GetCredentialsAsync()
            {
                AwsCredentials credentials = await _provider.GetCredentialsAsync(CancellationToken.None).ConfigureAwait(false);
                return new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
            }
        }

        /// <summary>Gives the SDK an HttpClient over the session's handler; the handler outlives every client made here.</summary>
        private sealed class SessionHttpClientFactory : HttpClientFactory
        {
            private readonly HttpMessageHandler _handler;

            public SessionHttpClientFactory(HttpMessageHandler handler) => _handler = handler;

            public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
                new HttpClient(_handler, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromSeconds(20) };

            public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

            public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
        }
    }
}
