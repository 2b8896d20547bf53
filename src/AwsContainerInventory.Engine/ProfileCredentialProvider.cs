using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using AwsContainerInventory.Session;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Engine
{
    /// <summary>
    /// Credentials of a named profile, or of the default chain (environment keys, then the AWS_PROFILE or
    /// default profile, then web identity, container and instance metadata). A profile's role_arn is assumed
    /// through the session's own STS client, so it honours -EndpointUrl, the cap and the module's errors; every
    /// other kind (keys, credential_process, IAM Identity Center, web identity) is AWSSDK.Core's. Resolved on the
    /// first call, so Connect-AwsInventory itself makes none. Every failure names the profile (or the default chain).
    /// </summary>
    internal sealed class ProfileCredentialProvider : ICredentialProvider, IRoleAssumingCredentials
    {
        // A source_profile chain longer than this is a loop in the config file.
        private const int MaxSourceDepth = 8;

        private readonly string? _profileName;
        private readonly int _depth;
        private readonly Lazy<ICredentialProvider> _resolved;
        private IRoleAssumer? _assumer;

        public ProfileCredentialProvider(string? profileName) : this(profileName, 0) { }

        private ProfileCredentialProvider(string? profileName, int depth)
        {
            _profileName = string.IsNullOrEmpty(profileName) ? null : profileName;
            _depth = depth;
            _resolved = new Lazy<ICredentialProvider>(Resolve, LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public string Description => _profileName == null ? "Default credential chain" : "Profile '" + _profileName + "'";

        public void UseRoleAssumer(IRoleAssumer assumer) => _assumer = assumer;

        public Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) =>
            _resolved.Value.GetCredentialsAsync(cancellationToken);

        public bool IsCurrent(AwsCredentials credentials) => !_resolved.IsValueCreated || _resolved.Value.IsCurrent(credentials);

        private ICredentialProvider Resolve()
        {
            if (_profileName != null) return ResolveProfile(_profileName);

            // The default chain, in the SDKs' order. Environment keys win; then the selected profile, which this
            // class resolves itself so that its role_arn goes through the session's STS like any -RoleArn.
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AWS_ACCESS_KEY_ID")))
                return SdkDefaultChain();
            string selected = Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } fromEnvironment ? fromEnvironment : "default";
            if (TryGetProfile(selected, selected, out CredentialProfile? profile)) return ResolveProfile(profile!);
            if (selected != "default")
                throw new CredentialsUnavailableException("AWS_PROFILE names profile '" + selected + "', which is not in " + SharedFiles.Describe() + ".", null, selected);
            return SdkDefaultChain();
        }

        private ICredentialProvider ResolveProfile(string name)
        {
            if (!TryGetProfile(name, name, out CredentialProfile? profile))
                throw new CredentialsUnavailableException("Profile '" + name + "' was not found in " + SharedFiles.Describe() + ".", null, name);
            return ResolveProfile(profile!);
        }

        private ICredentialProvider ResolveProfile(CredentialProfile profile)
        {
            CredentialProfileOptions options = profile.Options;
            string name = profile.Name;
            if (!string.IsNullOrEmpty(options.RoleArn) && string.IsNullOrEmpty(options.WebIdentityTokenFile))
                return ResolveRoleProfile(name, options);
            if (IsIdentityCenter(options))
            {
                IdentityCenterCredentials.RequireCachedToken(name, options);
                return SdkCredentials(profile, IdentityCenterCredentials.Explain(name));
            }
            return SdkCredentials(profile, options.CredentialProcess != null
                ? error => "Profile '" + name + "': its credential_process failed or printed no usable credentials."
                : (Func<Exception, string>?)null);
        }

        // role_arn with source_profile or credential_source: the source's credentials call the session's STS.
        private ICredentialProvider ResolveRoleProfile(string name, CredentialProfileOptions options)
        {
            if (!string.IsNullOrEmpty(options.MfaSerial))
                throw new CredentialsUnavailableException("Profile '" + name + "' needs an MFA code (mfa_serial), which an unattended inventory cannot ask for. "
                    + "Assume the role first (for example with the AWS CLI) and use the resulting credentials, or use a profile without mfa_serial.", null, name);
            if (_assumer == null)
                throw new CredentialsUnavailableException("Profile '" + name + "' assumes role " + options.RoleArn + ", but no session is there to assume it.", null, name);

            ICredentialProvider source;
            if (!string.IsNullOrEmpty(options.SourceProfile))
            {
                if (_depth >= MaxSourceDepth)
                    throw new CredentialsUnavailableException("Profile '" + name + "': the source_profile chain is longer than " + MaxSourceDepth + " profiles (a loop?).", null, name);
                var sourceProvider = new ProfileCredentialProvider(options.SourceProfile, _depth + 1);
                sourceProvider.UseRoleAssumer(_assumer);
                // A profile that is its own source holds the keys the role is assumed with (as the AWS CLI reads it).
                source = string.Equals(options.SourceProfile, name, StringComparison.Ordinal)
                    ? SdkSourceKeys(name) : sourceProvider;
            }
            else if (!string.IsNullOrEmpty(options.CredentialSource))
            {
                source = CredentialSource(name, options.CredentialSource);
            }
            else
            {
                throw new CredentialsUnavailableException("Profile '" + name + "' has role_arn but neither source_profile nor credential_source.", null, name);
            }
            return _assumer.AssumeRole(options.RoleArn, options.RoleSessionName, options.ExternalID, source);
        }

        private static ICredentialProvider CredentialSource(string profileName, string credentialSource)
        {
            string description = "Profile '" + profileName + "' credential_source " + credentialSource;
            AWSCredentials credentials = credentialSource switch
            {
                "Environment" => new EnvironmentVariablesAWSCredentials(),
                "Ec2InstanceMetadata" => new InstanceProfileAWSCredentials(),
                "EcsContainer" => new GenericContainerCredentials(),
                _ => throw new CredentialsUnavailableException("Profile '" + profileName + "' has credential_source '" + credentialSource
                    + "'; the allowed values are Environment, Ec2InstanceMetadata and EcsContainer.", null, profileName),
            };
            return new SdkCredentialProvider(credentials, description, profileName);
        }

        // The static keys written in a profile that names itself as its source_profile.
        private static ICredentialProvider SdkSourceKeys(string profileName)
        {
            if (!TryGetProfile(profileName, profileName, out CredentialProfile? profile) || string.IsNullOrEmpty(profile!.Options.AccessKey))
                throw new CredentialsUnavailableException("Profile '" + profileName + "' is its own source_profile but holds no access keys.", null, profileName);
            var keys = new BasicAWSCredentials(profile.Options.AccessKey, profile.Options.SecretKey);
            return new SdkCredentialProvider(keys, "Profile '" + profileName + "'", profileName);
        }

        private static ICredentialProvider SdkCredentials(CredentialProfile profile, Func<Exception, string>? explain)
        {
            AWSCredentials credentials;
            try
            {
                credentials = profile.GetAWSCredentials(SharedFiles.OpenStore());
            }
            catch (Exception error) when (!(error is OperationCanceledException))
            {
                throw new CredentialsUnavailableException("Profile '" + profile.Name + "' has no usable credentials: " + error.Message, error, profile.Name);
            }
            // Never start an interactive sign-in from an inventory: an unusable token is an error instead.
            if (credentials is SSOAWSCredentials identityCenter) identityCenter.Options.SupportsGettingNewToken = false;
            return new SdkCredentialProvider(credentials, "Profile '" + profile.Name + "'", profile.Name, explain);
        }

        private static ICredentialProvider SdkDefaultChain()
        {
            AWSCredentials credentials;
            try
            {
                credentials = Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials();
            }
            catch (Exception error) when (!(error is OperationCanceledException))
            {
                throw new CredentialsUnavailableException("Default credential chain: no credentials were found. Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, "
                    + "configure a profile, or use Connect-AwsInventory. (" + error.Message + ")", error);
            }
            return new SdkCredentialProvider(credentials, "Default credential chain", CredentialsUnavailableException.DefaultChainTarget);
        }

        private static bool IsIdentityCenter(CredentialProfileOptions options) =>
            !string.IsNullOrEmpty(options.SsoSession) || !string.IsNullOrEmpty(options.SsoStartUrl);

        private static bool TryGetProfile(string name, string target, out CredentialProfile? profile)
        {
            try
            {
                bool found = SharedFiles.OpenStore().TryGetProfile(name, out CredentialProfile candidate);
                profile = found ? candidate : null;
                return found;
            }
            catch (Exception error) when (error is AmazonClientException || error is System.IO.IOException || error is UnauthorizedAccessException)
            {
                throw new CredentialsUnavailableException("Profile '" + name + "' could not be read from " + SharedFiles.Describe() + ": " + error.Message, error, target);
            }
        }
    }
}
