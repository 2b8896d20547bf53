using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AwsContainerInventory.Isolation;
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

        internal InventorySession(ICredentialProvider baseCredentials, string? profileName, IEnumerable<string> regions, IEnumerable<string> roleArns,
            int sessionDuration, int pageSize, int parallelRequests, int maxRetries, Uri? endpointUrl, bool isDefault,
            System.Net.Http.HttpClient? httpClient = null, EndpointSettings? endpointSettings = null, string? regionSource = null,
            Func<IDefaultChains>? sdk = null, TimeProvider? time = null)
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

        /// <summary>One provider per role for the life of the session: assumed once, refreshed before expiry.</summary>
        /// <param name="observer">The run that first needs the role; told of its AssumeRole calls (-Verbose, -Debug).</param>
        internal AssumedRoleCredentialProvider RoleCredentials(string roleArn, string stsRegion, ICallObserver? observer = null) =>
            _roleCredentials.GetOrAdd(roleArn, arn => new AssumedRoleCredentialProvider(arn, RoleSessionName, SessionDuration,
                () => CreateStsClient(stsRegion, BaseCredentials, observer), Transport.Time));

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
            return CredentialSource + "; regions " + (Regions.Count == 0 ? "(none)" : Regions.ToString()) + "; " + roles + endpoint + variants;
        }
    }
}
