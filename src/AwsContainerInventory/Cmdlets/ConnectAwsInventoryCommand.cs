using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using AwsContainerInventory.Inventory;
using AwsContainerInventory.Session;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>
    /// Sets the session every Get- cmdlet reads: credentials, regions, roles and the connector's settings.
    /// Validates everything before any AWS call; makes no call itself (roles are assumed on first use).
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "AwsInventory", DefaultParameterSetName = DefaultChainSet)]
    [OutputType(typeof(InventorySession))]
    public sealed class ConnectAwsInventoryCommand : PSCmdlet
    {
        private const string AccessKeySet = "AccessKey";
        private const string CredentialSet = "Credential";
        private const string ProfileSet = "Profile";
        private const string DefaultChainSet = "DefaultChain";

        [Parameter(Mandatory = true, ParameterSetName = AccessKeySet)]
        [ValidateNotNullOrEmpty]
        public string AccessKey { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = AccessKeySet)]
        [ValidateNotNull]
        public SecureString SecretKey { get; set; } = null!;

        [Parameter(ParameterSetName = AccessKeySet)]
        [Parameter(ParameterSetName = CredentialSet)]
        public SecureString? SessionToken { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [ValidateNotNull]
        [Credential]
        public PSCredential Credential { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = ProfileSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ProfileCompleter))]
        public string ProfileName { get; set; } = string.Empty;

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateAwsRegion]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? Region { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateRoleArn]
        public string[]? RoleArn { get; set; }

        [Parameter]
        [ValidateRange(900, 43200)]
        public int SessionDuration { get; set; } = InventorySession.DefaultSessionDuration;

        [Parameter]
        [ValidateRange(1, 100)]
        public int PageSize { get; set; } = InventorySession.DefaultPageSize;

        [Parameter]
        [ValidateRange(1, 64)]
        public int ParallelRequests { get; set; } = InventorySession.DefaultParallelRequests;

        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetries { get; set; } = InventorySession.DefaultMaxRetries;

        [Parameter]
        [ValidateNotNull]
        [ValidateEndpointUrl]
        public Uri? EndpointUrl { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            // The shared files are local: an unknown profile is an error now, not at the first Get- call.
            if (ParameterSetName == ProfileSet && !SessionStore.DefaultChains().ProfileExists(ProfileName, out string searched))
            {
                string message = "Profile '" + ProfileName + "' was not found in " + searched + ". Check the name (Tab completes it) or the AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE variables.";
                ThrowTerminatingError(new ErrorRecord(new ItemNotFoundException(message), InventoryErrors.ProfileNotFound, ErrorCategory.ObjectNotFound, ProfileName));
            }

            ICredentialProvider credentials = ParameterSetName switch
            {
                AccessKeySet => StaticKeys(AccessKey, SecretKey, SessionToken),
                CredentialSet => StaticKeys(Credential.UserName, Credential.Password, SessionToken),
                ProfileSet => SessionStore.DefaultChains().CreateCredentialProvider(ProfileName),
                _ => SessionStore.DefaultChains().CreateCredentialProvider(null),
            };

            IReadOnlyList<string> regions = Region != null
                ? RegionList.Normalize(Region)
                : RegionList.Normalize(new[] { SessionStore.DefaultChains().ResolveRegion(ParameterSetName == ProfileSet ? ProfileName : null) }.Where(r => r != null).Select(r => r!));
            if (regions.Count == 0)
            {
                WriteWarning("No region was given and none was found in AWS_REGION, AWS_DEFAULT_REGION or the profile; pass -Region here or to each Get- cmdlet.");
            }

            IReadOnlyList<string> roles = RoleArn == null ? Array.Empty<string>() : RegionList.SplitCommas(RoleArn).Distinct(StringComparer.Ordinal).ToList();
            var session = new InventorySession(credentials, ParameterSetName == ProfileSet ? ProfileName : null, regions, roles,
                SessionDuration, PageSize, ParallelRequests, MaxRetries, EndpointUrl, isDefault: false);
            SessionStore.Set(session);
            WriteVerbose("Connected: " + session + ".");
            if (PassThru) WriteObject(session);
        }

        private static ICredentialProvider StaticKeys(string accessKey, SecureString secretKey, SecureString? sessionToken)
        {
            string secret = new NetworkCredential(string.Empty, secretKey).Password;
            string? token = sessionToken == null ? null : new NetworkCredential(string.Empty, sessionToken).Password;
            if (string.IsNullOrEmpty(secret))
                throw new PSArgumentException("The secret key is empty.", nameof(SecretKey));
            return new StaticCredentialProvider(new AwsCredentials(accessKey, secret, token),
                "AccessKey " + AwsCredentials.MaskKeyId(accessKey) + (token == null ? string.Empty : " with session token"));
        }
    }
}
