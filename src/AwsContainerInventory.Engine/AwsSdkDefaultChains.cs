using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using AwsContainerInventory.Session;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Engine
{
    /// <summary>AWSSDK.Core's credential chain, region chain and profile store behind the module's own interface.</summary>
    public sealed class AwsSdkDefaultChains : IDefaultChains
    {
        ICredentialProvider IDefaultChains.CreateCredentialProvider(string? profileName) =>
            new SdkCredentialProvider(profileName);

        // The order is the module's (RegionChain), not FallbackRegionFactory's, which caches its first answer.
        string? IDefaultChains.ResolveRegion(string? profileName) =>
            RegionChain.Resolve(profileName, Environment.GetEnvironmentVariable, this)?.Region;

        string? IDefaultChains.ProfileRegion(string profileName)
        {
            try
            {
                var chain = new CredentialProfileStoreChain();
                return chain.TryGetProfile(profileName, out CredentialProfile profile) ? profile.Region?.SystemName : null;
            }
            catch (Exception error) when (error is AmazonClientException || error is System.IO.IOException || error is UnauthorizedAccessException)
            {
                return null;
            }
        }

        IReadOnlyList<string> IDefaultChains.ListProfileNames()
        {
            try
            {
                return new CredentialProfileStoreChain().ListProfiles()
                    .Select(p => p.Name).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
            }
            catch (Exception error) when (error is AmazonClientException || error is System.IO.IOException || error is UnauthorizedAccessException)
            {
                return Array.Empty<string>();
            }
        }

        /// <summary>Resolves lazily, on the first call, so Connect-AwsInventory itself makes no call.</summary>
        private sealed class SdkCredentialProvider : ICredentialProvider
        {
            private readonly string? _profileName;
            private readonly Lazy<AWSCredentials> _credentials;

            public SdkCredentialProvider(string? profileName)
            {
                _profileName = profileName;
                _credentials = new Lazy<AWSCredentials>(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);
            }

            public string Description => string.IsNullOrEmpty(_profileName) ? "Default credential chain" : "Profile '" + _profileName + "'";

            public async Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
            {
                ImmutableCredentials resolved;
                try
                {
                    resolved = await _credentials.Value.GetCredentialsAsync().ConfigureAwait(false);
                }
                catch (CredentialsUnavailableException)
                {
                    throw;
                }
                catch (Exception error) when (error is AmazonClientException || error is AmazonServiceException || error is InvalidOperationException)
                {
                    throw new CredentialsUnavailableException(Description + ": the credentials could not be resolved. " + error.Message);
                }
                if (resolved == null || string.IsNullOrEmpty(resolved.AccessKey))
                    throw new CredentialsUnavailableException(Description + " returned no credentials.");
                return new AwsCredentials(resolved.AccessKey, resolved.SecretKey, resolved.UseToken ? resolved.Token : null);
            }

            // The SDK's own credential objects renew themselves inside GetCredentialsAsync.
            public bool IsCurrent(AwsCredentials credentials) => true;

            private AWSCredentials Resolve()
            {
                try
                {
                    if (!string.IsNullOrEmpty(_profileName))
                    {
                        var chain = new CredentialProfileStoreChain();
                        if (!chain.TryGetAWSCredentials(_profileName, out AWSCredentials credentials))
                            throw new CredentialsUnavailableException("Profile '" + _profileName + "' was not found in the shared config or credentials file, or has no usable credentials.");
                        return credentials;
                    }
                    return Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials();
                }
                catch (AmazonClientException error)
                {
                    throw new CredentialsUnavailableException(Description + ": no credentials were found. Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, configure a profile, or use Connect-AwsInventory. (" + error.Message + ")");
                }
            }
        }
    }
}
