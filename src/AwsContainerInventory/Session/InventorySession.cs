using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AwsContainerInventory.Isolation;
using System.Threading;
using AwsContainerInventory.Inventory;
using AwsContainerInventory.Session;
using AwsContainerInventory.Wire;
using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory
{
    /// <summary>
    /// The settings every Get- cmdlet reads: credentials, regions, roles and the connector's tuning settings.
    /// Made by Connect-AwsInventory, or implied by the default chains. Holds no secret in any property or in ToString.
    /// </summary>
    public sealed class InventorySession : IRoleAssumer
    {
        public const int DefaultSessionDuration = 3600;
        public const int DefaultPageSize = 100;
        public const int DefaultParallelRequests = 8;
        public const int DefaultMaxRetries = 10;

        private readonly Func<IDefaultChains> _sdk;
        private readonly ConcurrentDictionary<string, AssumedRoleCredentialProvider> _roleCredentials =
            new ConcurrentDictionary<string, AssumedRoleCredentialProvider>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, byte> _failedRoles = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        private IReadOnlyList<string>? _accountIds;

        internal InventorySession(ICredentialProvider baseCredentials, string? profileName, IEnumerable<string> regions, IEnumerable<string> roleArns,
            int sessionDuration, int pageSize, int parallelRequests, int maxRetries, Uri? endpointUrl, bool isDefault,
            System.Net.Http.HttpClient? httpClient = null, EndpointSettings? endpointSettings = null, string? regionSource = null,
            Func<IDefaultChains>? sdk = null, TimeProvider? time = null, AccountSettings? accounts = null, string? homeRegion = null)
        {
            BaseCredentials = baseCredentials;
            ProfileName = profileName;
            Regions = ValueList.Of(regions);
            RoleArns = ValueList.Of(roleArns);
            SessionDuration = sessionDuration;
            PageSize = pageSize;
            ParallelRequests = parallelRequests;
            MaxRetries = maxRetries;
            EndpointUrl = endpointUrl;
            IsDefault = isDefault;
            ConnectedAt = (time ?? TimeProvider.System).GetUtcNow().UtcDateTime;
            Transport = new AwsTransport(parallelRequests, new RetryPolicy(maxRetries), httpClient, time);
            Endpoints = new ServiceEndpoints(endpointSettings ?? EndpointSettings.ForExplicitUrl(endpointUrl));
            RegionSource = regionSource;
            ConfiguredEndpoints = ValueList.Of(Endpoints.Settings.Describe());
            RoleSessionName = "AwsContainerInventory-" + ConnectedAt.ToString("yyyyMMddTHHmmss", CultureInfo.InvariantCulture);
            _sdk = sdk ?? SessionStore.DefaultChains;
            Accounts = accounts ?? AccountSettings.None;
            HomeRegion = Regions.FirstOrDefault(r => r != EnabledRegions.All) ?? homeRegion ?? "us-east-1";
            if (Accounts.OrganizationRoleName != null) Organization = new OrganizationAccounts(Accounts.OrganizationRoleName, Accounts.OrganizationalUnitIds);
            else if (RoleArns.Count > 0) _accountIds = SortedAccounts(RoleArns.Select(ApiValues.AccountFromArn).Where(Accounts.Keeps).Select(a => a!));
            (baseCredentials as IRoleAssumingCredentials)?.UseRoleAssumer(this);
        }

        /// <summary>Where the base credentials come from (a masked access key id, a profile name, or the default chain).</summary>
        public string CredentialSource => BaseCredentials.Description;

        public string? ProfileName { get; }

        /// <summary>Regions inventoried by default; each Get- cmdlet's -Region overrides them for one call.</summary>
        public ValueList<string> Regions { get; }

        /// <summary>Roles assumed for the inventory; empty means the base credentials are used directly.</summary>
        public ValueList<string> RoleArns { get; }

        /// <summary>Where <see cref="Regions"/> came from: "-Region", "AWS_REGION", "AWS_DEFAULT_REGION" or "profile 'name'"; null when none was found.</summary>
        public string? RegionSource { get; }

        /// <summary>
        /// Where the calls that need one region go (STS AssumeRole and GetCallerIdentity, Organizations, DescribeRegions for
        /// -Region All): the first region of <see cref="Regions"/>, or with -Region All the region from AWS_REGION,
        /// AWS_DEFAULT_REGION or the profile, else us-east-1.
        /// </summary>
        public string HomeRegion { get; }

        /// <summary>The role assumed in every account of the organization (-OrganizationRoleName); null without one.</summary>
        public string? OrganizationRoleName => Accounts.OrganizationRoleName;

        /// <summary>The roots and OUs whose accounts (in every OU below them) are read; empty for the whole organization.</summary>
        public ValueList<string> OrganizationalUnitIds => ValueList.Of(Accounts.OrganizationalUnitIds);

        /// <summary>Accounts never read (-ExcludeAccountId), whether listed by the organization or given by -RoleArn.</summary>
        public ValueList<string> ExcludedAccountIds => ValueList.Of(Accounts.ExcludedAccountIds);

        /// <summary>The shard of the accounts this session reads ("2/8", -Shard); null for all of them.</summary>
        public string? Shard => Accounts.Shard?.ToString();

        /// <summary>
        /// How many accounts the session reads (after exclusions and the shard): known from -RoleArn at once, and for an
        /// organization once the first Get- call has listed it; null until then, or when only the base credentials are read.
        /// </summary>
        public int? AccountCount => Volatile.Read(ref _accountIds)?.Count;

        /// <summary>The ids of those accounts, sorted; null while <see cref="AccountCount"/> is.</summary>
        public ValueList<string>? AccountIds => Volatile.Read(ref _accountIds) is IReadOnlyList<string> ids ? ValueList.Of(ids) : null;

        /// <summary>The roles whose last AssumeRole failed (each failure was reported by the run that tried it).</summary>
        public ValueList<string> FailedRoleArns => ValueList.Of(_failedRoles.Keys.OrderBy(k => k, StringComparer.Ordinal));

        public int SessionDuration { get; }
        public int PageSize { get; }
        public int ParallelRequests { get; }
        public int MaxRetries { get; }
        public Uri? EndpointUrl { get; }

        /// <summary>Requests go to AWS's FIPS endpoints (-UseFipsEndpoint, AWS_USE_FIPS_ENDPOINT or the profile's use_fips_endpoint).</summary>
        public bool UseFipsEndpoint => Endpoints.Settings.UseFips;

        /// <summary>Requests go to AWS's dual-stack (IPv6) endpoints (-UseDualStackEndpoint, AWS_USE_DUALSTACK_ENDPOINT or the profile's use_dualstack_endpoint).</summary>
        public bool UseDualStackEndpoint => Endpoints.Settings.UseDualStack;

        /// <summary>Each service whose URL is configured, and by what: "ECR=http://127.0.0.1:5000/ (AWS_ENDPOINT_URL_ECR)".</summary>
        public ValueList<string> ConfiguredEndpoints { get; }

        /// <summary>The RoleSessionName used for every AssumeRole call of this session.</summary>
        public string RoleSessionName { get; }

        /// <summary>When the session was made (UTC).</summary>
        public DateTime ConnectedAt { get; }

        /// <summary>True when no Connect-AwsInventory was run and the default chains are in use.</summary>
        public bool IsDefault { get; }

        internal ICredentialProvider BaseCredentials { get; }
        internal AwsTransport Transport { get; }
        internal ServiceEndpoints Endpoints { get; }
        internal AccountSettings Accounts { get; }

        /// <summary>The organization's accounts, listed at the first run and kept (-OrganizationRoleName); null without one.</summary>
        internal OrganizationAccounts? Organization { get; }

        /// <summary>The enabled regions of each account, asked once per session (-Region All).</summary>
        internal EnabledRegions EnabledRegions { get; } = new EnabledRegions();

        /// <summary>A role's assumption succeeded or failed, for <see cref="FailedRoleArns"/>.</summary>
        internal void RecordRoleOutcome(string roleArn, bool failed)
        {
            if (failed) _failedRoles[roleArn] = 0;
            else _failedRoles.TryRemove(roleArn, out _);
        }

        /// <summary>A run found the complete set of accounts to read (an organization's listing, with the -RoleArn accounts).</summary>
        internal void RecordAccounts(IEnumerable<string> accountIds) => Volatile.Write(ref _accountIds, SortedAccounts(accountIds));

        /// <summary>An STS client with the base credentials, for GetCallerIdentity.</summary>
        internal IStsClient CreateBaseStsClient(string region, ICallObserver? observer) => CreateStsClient(region, BaseCredentials, observer);

        /// <summary>An Organizations client with the base credentials, on the partition's endpoint and signing region.</summary>
        internal IOrganizationsClient CreateOrganizationsClient(string region, ICallObserver? observer)
        {
            ResolvedEndpoint endpoint = Endpoints.Organizations(region);
            return new OrganizationsClient(Transport, endpoint.Url, endpoint.SigningRegion ?? region, BaseCredentials, observer);
        }

        private static IReadOnlyList<string> SortedAccounts(IEnumerable<string> accountIds) =>
            accountIds.Distinct(StringComparer.Ordinal).OrderBy(a => a, StringComparer.Ordinal).ToList();

        /// <summary>One provider per role for the life of the session: assumed once, refreshed before expiry.</summary>
        /// <param name="observer">The run that first needs the role; told of its AssumeRole calls (-Verbose, -Debug).</param>
        /// <param name="sts">The run's STS client with the base credentials, shared by its roles (one AWS SDK client, not one per role); null makes one.</param>
        internal AssumedRoleCredentialProvider RoleCredentials(string roleArn, string stsRegion, ICallObserver? observer = null, Func<IStsClient>? sts = null) =>
            _roleCredentials.GetOrAdd(roleArn, arn => new AssumedRoleCredentialProvider(arn, RoleSessionName, SessionDuration,
                sts ?? (() => CreateStsClient(stsRegion, BaseCredentials, observer)), Transport.Time));

        /// <summary>A profile's role_arn: assumed in the session's first region (or us-east-1), with the profile's source credentials.</summary>
        ICredentialProvider IRoleAssumer.AssumeRole(string roleArn, string? roleSessionName, string? externalId, ICredentialProvider source)
        {
            string stsRegion = Regions.Count > 0 ? Regions[0] : "us-east-1";
            return new AssumedRoleCredentialProvider(roleArn, string.IsNullOrEmpty(roleSessionName) ? RoleSessionName : roleSessionName!, SessionDuration,
                () => CreateStsClient(stsRegion, source), Transport.Time, externalId);
        }

        // STS goes through the AWS SDK for .NET, over this session's transport: same cap, same pool, same override URL.
        private IStsClient CreateStsClient(string region, ICredentialProvider credentials, ICallObserver? observer = null) =>
            _sdk().CreateStsClient(new StsClientSettings(Endpoints.Sts(region), region, credentials,
                new SessionHttpHandler(Transport, "sts", region, credentials, observer), MaxRetries, Transport.Retry.AttemptTimeout));

        public override string ToString()
        {
            string roles = RoleArns.Count == 0 ? "no roles" : RoleArns.Count == 1 ? "1 role" : RoleArns.Count + " roles";
            string endpoint = EndpointUrl != null ? ", endpoint " + EndpointUrl
                : ConfiguredEndpoints.Count > 0 ? ", endpoints " + string.Join(", ", ConfiguredEndpoints) : string.Empty;
            string variants = (UseFipsEndpoint ? ", FIPS endpoints" : string.Empty) + (UseDualStackEndpoint ? ", dual-stack endpoints" : string.Empty);
            if (OrganizationRoleName != null)
            {
                string accounts = AccountCount is int count ? count + (count == 1 ? " account" : " accounts") : "accounts listed at the first call";
                roles += " and organization role " + OrganizationRoleName + " (" + accounts + ")";
            }
            if (Shard != null) roles += ", shard " + Shard;
            string regions = Regions.Count == 0 ? "(none)" : EnabledRegions.IsAll(Regions) ? "all enabled" : Regions.ToString();
            return CredentialSource + "; regions " + regions + "; " + roles + endpoint + variants;
        }
    }
}
