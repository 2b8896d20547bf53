using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;
using AwsContainerInventory.Isolation;
using AwsContainerInventory.Wire;
using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory.Session
{
    /// <summary>
    /// Resolves settings into a session without any AWS call. Credentials: explicit keys, else the profile, else the
    /// default chain. Regions: -Region, else AWS_REGION, AWS_DEFAULT_REGION, the profile's region (<see cref="RegionChain"/>).
    /// Endpoints: <see cref="EndpointChain"/>. Everything is checked here, so a bad setting stops Connect-AwsInventory,
    /// not the first Get- call: each failure is an <see cref="InvalidSessionSettingsException"/> with its ErrorRecord.
    /// </summary>
    internal sealed class SessionBuilder
    {
        private readonly Func<IDefaultChains> _chains;
        private readonly Func<string, string?> _environment;

        /// <param name="chains">AWSSDK.Core's chains, asked only when needed (loading the engine has a cost).</param>
        public SessionBuilder(Func<IDefaultChains> chains, Func<string, string?> environment)
        {
            _chains = chains;
            _environment = environment;
        }

        /// <summary>The builder over the process's chains and environment (or the replacements tests put in <see cref="SessionStore"/>).</summary>
        public static SessionBuilder FromStore() => new SessionBuilder(SessionStore.DefaultChains, SessionStore.EnvironmentVariable);

        /// <param name="warn">Told of a region newer than the partition data, and of a session without any region.</param>
        public InventorySession Build(ConnectSettings settings, Action<string> warn)
        {
            string? profileName = settings.ProfileName;
            // The shared files are local: an unknown profile is an error now, not at the first Get- call.
            if (profileName != null && !_chains().ProfileExists(profileName, out string searched))
            {
                string message = "Profile '" + profileName + "' was not found in " + searched + ". Check the name (Tab completes it) or the AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE variables.";
                throw Invalid(new ErrorRecord(new ItemNotFoundException(message), SessionChecks.ProfileNotFound, ErrorCategory.ObjectNotFound, profileName));
            }
            ICredentialProvider credentials = Credentials(settings);
            ErrorRecord? badSelection = CheckAccountSelection(settings);
            if (badSelection != null) throw Invalid(badSelection);

            IReadOnlyList<string> regions;
            string? regionSource;
            string? homeRegion = null;
            if (settings.Regions != null)
            {
                regions = RegionList.Normalize(settings.Regions);
                regionSource = "-Region";
                // Every enabled region: the calls that need one region go to the region chain's, else us-east-1.
                if (RegionList.IsAllEnabled(regions)) homeRegion = RegionChain.Resolve(profileName, _environment, _chains())?.Region.ToLowerInvariant();
            }
            else
            {
                ResolvedRegion? resolved = RegionChain.Resolve(profileName, _environment, _chains());
                regions = resolved == null ? Array.Empty<string>() : RegionList.Normalize(new[] { resolved.Region });
                regionSource = resolved?.Source;
            }
            if (regions.Count == 0)
            {
                warn("No region was given and none was found in AWS_REGION, AWS_DEFAULT_REGION or the region of profile '" +
                    SharedConfigFile.ProfileName(profileName, _environment) + "'; pass -Region here or to each Get- cmdlet.");
            }
            ErrorRecord? badRegion = SessionChecks.CheckRegions(regions, settings.Regions != null ? null : regionSource, warn)
                ?? (homeRegion == null ? null : SessionChecks.CheckRegions(new[] { homeRegion }, "the region chain (where -Region All sends its STS, Organizations and DescribeRegions calls)", warn));
            if (badRegion != null) throw Invalid(badRegion);

            EndpointSettings endpoints = Endpoints(settings.EndpointUrl, settings.UseFipsEndpoint, settings.UseDualStackEndpoint, profileName);
            IReadOnlyList<string> roles = RegionList.SplitCommas(settings.RoleArns ?? Array.Empty<string>()).Distinct(StringComparer.Ordinal).ToList();
            AccountSettings accounts = AccountSettings.FromParameters(settings.OrganizationRoleName,
                RegionList.SplitCommas(settings.OrganizationalUnitIds ?? Array.Empty<string>()),
                RegionList.SplitCommas(settings.ExcludedAccountIds ?? Array.Empty<string>()), settings.Shard);
            var session = new InventorySession(credentials, profileName, regions, roles,
                settings.SessionDuration, settings.PageSize, settings.ParallelRequests, settings.MaxRetries, settings.EndpointUrl, isDefault: false,
                endpointSettings: endpoints, regionSource: regionSource, sdk: _chains, accounts: accounts, homeRegion: homeRegion);
            ErrorRecord? noEndpoint = SessionChecks.CheckEndpoints(session.Endpoints, regions.Concat(new[] { session.HomeRegion }))
                ?? (settings.OrganizationRoleName != null ? SessionChecks.CheckOrganizationsEndpoint(session.Endpoints, session.HomeRegion) : null);
            if (noEndpoint != null) throw Invalid(noEndpoint);
            return session;
        }

        /// <summary>
        /// The session of the default chains with the connector's defaults, when nobody has connected. Unchecked: each
        /// Get- cmdlet checks the regions it reads. Throws <see cref="EndpointConfigurationException"/> for an endpoint setting that cannot be used.
        /// </summary>
        public InventorySession BuildDefault()
        {
            IDefaultChains chains = _chains();
            ResolvedRegion? region = RegionChain.Resolve(null, _environment, chains);
            EndpointSettings endpoints = EndpointChain.Resolve(null, null, null, null, _environment);
            return new InventorySession(chains.CreateCredentialProvider(null), null,
                region == null ? Enumerable.Empty<string>() : new[] { region.Region }, Enumerable.Empty<string>(),
                InventorySession.DefaultSessionDuration, InventorySession.DefaultPageSize,
                InventorySession.DefaultParallelRequests, InventorySession.DefaultMaxRetries, null, isDefault: true,
                endpointSettings: endpoints, regionSource: region?.Source, sdk: _chains);
        }

        /// <summary>Explicit keys, else the profile's credentials, else the default chain's.</summary>
        private ICredentialProvider Credentials(ConnectSettings settings)
        {
            if (settings.AccessKey != null) return StaticKeys(settings.AccessKey, settings.SecretKey, settings.SessionToken);
            return _chains().CreateCredentialProvider(settings.ProfileName);
        }

        private EndpointSettings Endpoints(Uri? endpointUrl, bool? useFips, bool? useDualStack, string? profileName)
        {
            try
            {
                return EndpointChain.Resolve(endpointUrl, useFips, useDualStack, profileName, _environment);
            }
            catch (EndpointConfigurationException error)
            {
                throw Invalid(SessionChecks.EndpointConfiguration(error));
            }
        }

        /// <summary>The error for account options that need others: OUs need the organization role; exclusions and shards need accounts.</summary>
        private static ErrorRecord? CheckAccountSelection(ConnectSettings settings)
        {
            string? problem = null, parameter = null;
            if (settings.OrganizationalUnitIds != null && settings.OrganizationRoleName == null)
            {
                parameter = "OrganizationalUnitId";
                problem = "-OrganizationalUnitId chooses which accounts of the organization are read; it needs -OrganizationRoleName, the role to assume in them.";
            }
            else if (settings.OrganizationRoleName == null && settings.RoleArns == null && (settings.ExcludedAccountIds != null || settings.Shard != null))
            {
                parameter = settings.ExcludedAccountIds != null ? "ExcludeAccountId" : "Shard";
                problem = "-" + parameter + " chooses among several accounts; it needs -OrganizationRoleName or -RoleArn (the base credentials alone are one account).";
            }
            if (problem == null) return null;
            return new ErrorRecord(new PSArgumentException(problem, parameter), SessionChecks.InvalidAccountSelection, ErrorCategory.InvalidArgument, parameter)
            {
                ErrorDetails = new ErrorDetails(problem),
            };
        }

        private static ICredentialProvider StaticKeys(string accessKey, SecureString? secretKey, SecureString? sessionToken)
        {
            string secret = secretKey == null ? string.Empty : new NetworkCredential(string.Empty, secretKey).Password;
            string? token = sessionToken == null ? null : new NetworkCredential(string.Empty, sessionToken).Password;
            if (string.IsNullOrEmpty(secret))
                throw new PSArgumentException("The secret key is empty.", "SecretKey");
            return new StaticCredentialProvider(new AwsCredentials(accessKey, secret, token),
                "AccessKey " + AwsCredentials.MaskKeyId(accessKey) + (token == null ? string.Empty : " with session token"));
        }

        private static InvalidSessionSettingsException Invalid(ErrorRecord error) => new InvalidSessionSettingsException(error);
    }
}
