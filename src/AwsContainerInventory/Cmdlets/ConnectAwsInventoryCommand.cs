using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using AwsContainerInventory.Inventory;
using AwsContainerInventory.Session;
using AwsContainerInventory.Wire;
using AwsContainerInventory.Wire.Endpoints;

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

            ErrorRecord? badSelection = CheckAccountSelection();
            if (badSelection != null) ThrowTerminatingError(badSelection);

            string? profileName = ParameterSetName == ProfileSet ? ProfileName : null;
            Func<string, string?> environment = SessionStore.EnvironmentVariable;
            IReadOnlyList<string> regions;
            string? regionSource;
            string? homeRegion = null;
            if (Region != null)
            {
                regions = RegionList.Normalize(Region);
                regionSource = "-Region";
                // Every enabled region: the calls that need one region go to the region chain's, else us-east-1.
                if (EnabledRegions.IsAll(regions)) homeRegion = RegionChain.Resolve(profileName, environment, SessionStore.DefaultChains())?.Region.ToLowerInvariant();
            }
            else
            {
                ResolvedRegion? resolved = RegionChain.Resolve(profileName, environment, SessionStore.DefaultChains());
                regions = resolved == null ? Array.Empty<string>() : RegionList.Normalize(new[] { resolved.Region });
                regionSource = resolved?.Source;
            }
            if (regions.Count == 0)
            {
                WriteWarning("No region was given and none was found in AWS_REGION, AWS_DEFAULT_REGION or the region of profile '" +
                    SharedConfigFile.ProfileName(profileName, environment) + "'; pass -Region here or to each Get- cmdlet.");
            }
            ErrorRecord? badRegion = SessionChecks.CheckRegions(regions, Region != null ? null : regionSource, WriteWarning)
                ?? (homeRegion == null ? null : SessionChecks.CheckRegions(new[] { homeRegion }, "the region chain (where -Region All sends its STS, Organizations and DescribeRegions calls)", WriteWarning));
            if (badRegion != null) ThrowTerminatingError(badRegion);

            EndpointSettings endpoints;
            try
            {
                endpoints = EndpointChain.Resolve(EndpointUrl, Bound(nameof(UseFipsEndpoint), UseFipsEndpoint), Bound(nameof(UseDualStackEndpoint), UseDualStackEndpoint),
                    profileName, environment);
            }
            catch (EndpointConfigurationException error)
            {
                ThrowTerminatingError(SessionChecks.EndpointConfiguration(error));
                return;
            }

            IReadOnlyList<string> roles = RoleArn == null ? Array.Empty<string>() : RegionList.SplitCommas(RoleArn).Distinct(StringComparer.Ordinal).ToList();
            var accounts = new AccountSettings(OrganizationRoleName, RegionList.SplitCommas(OrganizationalUnitId ?? Array.Empty<string>()),
                RegionList.SplitCommas(ExcludeAccountId ?? Array.Empty<string>()), Shard == null ? null : Inventory.Shard.Parse(Shard));
            var session = new InventorySession(credentials, profileName, regions, roles,
                SessionDuration, PageSize, ParallelRequests, MaxRetries, EndpointUrl, isDefault: false,
                endpointSettings: endpoints, regionSource: regionSource, accounts: accounts, homeRegion: homeRegion);
            ErrorRecord? noEndpoint = SessionChecks.CheckEndpoints(session.Endpoints, regions.Concat(new[] { session.HomeRegion }))
                ?? (OrganizationRoleName != null ? SessionChecks.CheckOrganizationsEndpoint(session.Endpoints, session.HomeRegion) : null);
            if (noEndpoint != null) ThrowTerminatingError(noEndpoint);
            SessionStore.Set(session);
            if (regionSource != null) WriteVerbose("Regions from " + regionSource + ": " + session.Regions + ".");
            foreach (string configured in session.ConfiguredEndpoints) WriteVerbose("Endpoint " + configured + ".");
            WriteVerbose("Connected: " + session + ".");
            if (PassThru) WriteObject(session);
        }

        /// <summary>The error for account options that need others: OUs need the organization role; exclusions and shards need accounts.</summary>
        private ErrorRecord? CheckAccountSelection()
        {
            string? problem = null, parameter = null;
            if (OrganizationalUnitId != null && OrganizationRoleName == null)
            {
                parameter = nameof(OrganizationalUnitId);
                problem = "-OrganizationalUnitId chooses which accounts of the organization are read; it needs -OrganizationRoleName, the role to assume in them.";
            }
            else if (OrganizationRoleName == null && RoleArn == null && (ExcludeAccountId != null || Shard != null))
            {
                parameter = ExcludeAccountId != null ? nameof(ExcludeAccountId) : nameof(Shard);
                problem = "-" + parameter + " chooses among several accounts; it needs -OrganizationRoleName or -RoleArn (the base credentials alone are one account).";
            }
            if (problem == null) return null;
            return new ErrorRecord(new PSArgumentException(problem, parameter), InventoryErrors.InvalidAccountSelection, ErrorCategory.InvalidArgument, parameter)
            {
                ErrorDetails = new ErrorDetails(problem),
            };
        }

        /// <summary>A switch's value when it was given (even as -Switch:$false), else null so the environment and profile decide.</summary>
        private bool? Bound(string name, SwitchParameter value) =>
            MyInvocation.BoundParameters.ContainsKey(name) ? value.IsPresent : (bool?)null;

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
