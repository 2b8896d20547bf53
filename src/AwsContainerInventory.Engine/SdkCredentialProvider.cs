using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Engine
{
    /// <summary>AWSSDK.Core's credentials (keys, credential_process, IAM Identity Center, metadata) as the module's provider.</summary>
    internal sealed class SdkCredentialProvider : ICredentialProvider
    {
        private readonly AWSCredentials _credentials;
        private readonly string _target;
        private readonly Func<Exception, string>? _explain;

        /// <param name="explain">Turns the SDK's failure into a message a user can act on; the SDK's text is kept after it.</param>
        public SdkCredentialProvider(AWSCredentials credentials, string description, string target, Func<Exception, string>? explain = null)
        {
            _credentials = credentials;
            Description = description;
            _target = target;
            _explain = explain;
        }

        public string Description { get; }

        public async Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
        {
            ImmutableCredentials resolved;
            try
            {
                resolved = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
            }
            catch (CredentialsUnavailableException)
            {
                throw;
            }
            catch (Exception error) when (!(error is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                string advice = _explain?.Invoke(error) ?? Description + ": the credentials could not be resolved.";
                throw new CredentialsUnavailableException(advice + " (" + error.GetType().Name + ": " + error.Message + ")", error, _target);
            }
            if (resolved == null || string.IsNullOrEmpty(resolved.AccessKey))
                throw new CredentialsUnavailableException(Description + " returned no credentials.", null, _target);
            return new AwsCredentials(resolved.AccessKey, resolved.SecretKey, resolved.UseToken ? resolved.Token : null);
        }

        // The SDK's own credential objects renew themselves inside GetCredentialsAsync.
        public bool IsCurrent(AwsCredentials credentials) => true;
    }
}
