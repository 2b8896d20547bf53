using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// Where each service's requests go: the URL the endpoint chain configured for it, or else the endpoint its
    /// rule set gives for the region, FIPS and dual-stack settings over the partition data (botocore's rule
    /// sets and partitions.json, embedded). Resolved once per service and region.
    /// </summary>
    internal sealed class ServiceEndpoints
    {
        // Keyed by "service region" (a string, not a tuple: a struct key has the runtime compile a dictionary for it).
        private readonly ConcurrentDictionary<string, ResolvedEndpoint> _resolved = new ConcurrentDictionary<string, ResolvedEndpoint>(StringComparer.Ordinal);

        /// <summary>One override URL (moto, LocalStack, tests) for every service, or the regional endpoints.</summary>
        public ServiceEndpoints(Uri? overrideUrl) : this(EndpointSettings.ForExplicitUrl(overrideUrl)) { }

        public ServiceEndpoints(EndpointSettings settings, AwsPartitions? partitions = null)
        {
            Settings = settings;
            Partitions = partitions ?? AwsPartitions.Default;
        }

        /// <summary>Connect-AwsInventory -EndpointUrl, which serves every service; null otherwise.</summary>
        public Uri? OverrideUrl => Settings.ExplicitUrl;

        public EndpointSettings Settings { get; }
        public AwsPartitions Partitions { get; }

        public Uri Ecr(string region) => Resolve(AwsService.Ecr, region).Url;

        /// <summary>Elastic Load Balancing v2 (signing name <c>elasticloadbalancing</c>).</summary>
        public Uri ElasticLoadBalancingV2(string region) => Resolve(AwsService.ElasticLoadBalancingV2, region).Url;

        public Uri Ecs(string region) => Resolve(AwsService.Ecs, region).Url;

        public Uri Ec2(string region) => Resolve(AwsService.Ec2, region).Url;

        public Uri Sts(string region) => Resolve(AwsService.Sts, region).Url;

        /// <summary>The partition's one Organizations endpoint, with the region it signs for (us-east-1 in aws).</summary>
        public ResolvedEndpoint Organizations(string region) => Resolve(AwsService.Organizations, region);

        /// <summary>The endpoint of <paramref name="service"/> in <paramref name="region"/>; throws <see cref="EndpointResolutionException"/> saying why there is none.</summary>
        public ResolvedEndpoint Resolve(AwsService service, string region)
        {
            string key = service.ServiceId + " " + region;
            return _resolved.TryGetValue(key, out ResolvedEndpoint? known) ? known : _resolved.GetOrAdd(key, _ => Evaluate(service, region));
        }

        private ResolvedEndpoint Evaluate(AwsService service, string region)
        {
            ConfiguredEndpoint? configured = Settings.For(service);
            // As botocore: a configured URL is the rule set's Endpoint, and FIPS and dual-stack do not apply to it.
            var parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Region"] = region,
                ["UseFIPS"] = configured == null && Settings.UseFips,
                ["UseDualStack"] = configured == null && Settings.UseDualStack,
                ["UseGlobalEndpoint"] = false,
                ["Endpoint"] = configured?.Url.OriginalString,
            };
            try
            {
                ResolvedEndpoint endpoint = service.RuleSet.Resolve(parameters, Partitions);
                return configured != null && endpoint.Url.OriginalString == configured.Url.OriginalString
                    ? new ResolvedEndpoint(configured.Url, endpoint.SigningRegion)
                    : endpoint;
            }
            catch (EndpointResolutionException error)
            {
                throw new EndpointResolutionException("No " + service.ServiceId + " endpoint for region " + region + Describe(configured) + ": " + error.Message);
            }
        }

        private string Describe(ConfiguredEndpoint? configured)
        {
            if (configured != null) return " at " + configured.Url + " (" + configured.Source + ")";
            if (Settings.UseFips && Settings.UseDualStack) return " with FIPS and dual-stack endpoints";
            if (Settings.UseFips) return " with FIPS endpoints";
            return Settings.UseDualStack ? " with dual-stack endpoints" : string.Empty;
        }
    }
}
