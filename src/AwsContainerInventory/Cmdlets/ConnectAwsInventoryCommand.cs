using System;
using System.Management.Automation;
using System.Security;
using AwsContainerInventory.Inventory;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>
    /// Sets the session every Get- cmdlet reads: credentials, regions, roles and the connector's settings.
    /// Binds the parameters and hands them to <see cref="SessionBuilder"/>, which resolves and validates everything
    /// before any AWS call; no call is made here (roles are assumed on first use).
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

        /// <summary>The role to assume in every ACTIVE account of the organization (listed at the first Get- call).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateRoleName]
        public string? OrganizationRoleName { get; set; }

        /// <summary>Only the accounts in these roots or OUs, and in every OU below them (needs -OrganizationRoleName).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateOrganizationalUnitId]
        public string[]? OrganizationalUnitId { get; set; }

        /// <summary>Accounts never read, whether the organization lists them or -RoleArn names them.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateAccountId]
        public string[]? ExcludeAccountId { get; set; }

        /// <summary>k/n: only the accounts of shard k of n (stable across runs and machines), for one runner of n.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateShard]
        public string? Shard { get; set; }

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

        /// <summary>Sends requests to AWS's FIPS endpoints (as AWS_USE_FIPS_ENDPOINT=true); -UseFipsEndpoint:$false overrides the environment and profile.</summary>
        [Parameter]
        public SwitchParameter UseFipsEndpoint { get; set; }

        /// <summary>Sends requests to AWS's dual-stack (IPv4 and IPv6) endpoints (as AWS_USE_DUALSTACK_ENDPOINT=true).</summary>
        [Parameter]
        public SwitchParameter UseDualStackEndpoint { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            // The first Get- usually follows: its code is compiled in the background meanwhile (see WarmUp).
            WarmUp.StartOnce();
            var settings = new ConnectSettings
            {
                AccessKey = ParameterSetName == AccessKeySet ? AccessKey : ParameterSetName == CredentialSet ? Credential.UserName : null,
                SecretKey = ParameterSetName == AccessKeySet ? SecretKey : ParameterSetName == CredentialSet ? Credential.Password : null,
                SessionToken = SessionToken,
                ProfileName = ParameterSetName == ProfileSet ? ProfileName : null,
                Regions = Region,
                RoleArns = RoleArn,
                OrganizationRoleName = OrganizationRoleName,
                OrganizationalUnitIds = OrganizationalUnitId,
                ExcludedAccountIds = ExcludeAccountId,
                Shard = Shard,
                SessionDuration = SessionDuration,
                PageSize = PageSize,
                ParallelRequests = ParallelRequests,
                MaxRetries = MaxRetries,
                EndpointUrl = EndpointUrl,
                UseFipsEndpoint = Bound(nameof(UseFipsEndpoint), UseFipsEndpoint),
                UseDualStackEndpoint = Bound(nameof(UseDualStackEndpoint), UseDualStackEndpoint),
            };
            InventorySession session;
            try
            {
                session = SessionBuilder.FromStore().Build(settings, WriteWarning);
            }
            catch (InvalidSessionSettingsException error)
            {
                ThrowTerminatingError(error.ErrorRecord);
                return;
            }
            SessionStore.Set(session);
            if (session.RegionSource != null) WriteVerbose("Regions from " + session.RegionSource + ": " + session.Regions + ".");
            foreach (string configured in session.ConfiguredEndpoints) WriteVerbose("Endpoint " + configured + ".");
            WriteVerbose("Connected: " + session + ".");
            if (PassThru) WriteObject(session);
        }

        /// <summary>A switch's value when it was given (even as -Switch:$false), else null so the environment and profile decide.</summary>
        private bool? Bound(string name, SwitchParameter value) =>
            MyInvocation.BoundParameters.ContainsKey(name) ? value.IsPresent : (bool?)null;
    }
}
