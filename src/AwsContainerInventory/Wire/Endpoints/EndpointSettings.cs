using System;
using System.Collections.Generic;
using System.Linq;

namespace AwsContainerInventory.Wire.Endpoints
{
    /// <summary>
    /// What the endpoint chain decided for a session: the URL configured for each service (if any), and the
    /// FIPS and dual-stack choices that shape the endpoints of the services without one.
    /// </summary>
    internal sealed class EndpointSettings
    {
        public const string ExplicitSource = "-EndpointUrl";

        public static readonly EndpointSettings None = new EndpointSettings(null, new Dictionary<string, ConfiguredEndpoint>(), false, false);

        private readonly IReadOnlyDictionary<string, ConfiguredEndpoint> _configured;

        /// <param name="explicitUrl">Connect-AwsInventory -EndpointUrl: every service, whatever else is configured.</param>
        /// <param name="configured">By <see cref="AwsService.ServiceId"/>: the URLs the environment or profile set.</param>
        public EndpointSettings(Uri? explicitUrl, IReadOnlyDictionary<string, ConfiguredEndpoint> configured, bool useFips, bool useDualStack)
        {
            ExplicitUrl = explicitUrl;
            _configured = configured;
            UseFips = useFips;
            UseDualStack = useDualStack;
        }

        public static EndpointSettings ForExplicitUrl(Uri? url) =>
            url == null ? None : new EndpointSettings(url, new Dictionary<string, ConfiguredEndpoint>(), false, false);

        public Uri? ExplicitUrl { get; }
        public bool UseFips { get; }
        public bool UseDualStack { get; }

        /// <summary>The URL configured for the service, or null when its rule set decides.</summary>
        public ConfiguredEndpoint? For(AwsService service)
        {
            if (ExplicitUrl != null) return new ConfiguredEndpoint(ExplicitUrl, ExplicitSource);
            return _configured.TryGetValue(service.ServiceId, out ConfiguredEndpoint? endpoint) ? endpoint : null;
        }

        /// <summary>"ECR=http://127.0.0.1:5000/ (AWS_ENDPOINT_URL_ECR)" for each service of <see cref="AwsService.All"/> with a configured URL.</summary>
        public IEnumerable<string> Describe() =>
            AwsService.All.Select(s => (Service: s, Endpoint: For(s))).Where(p => p.Endpoint != null)
                .Select(p => p.Service.ServiceId + "=" + p.Endpoint!.Url + " (" + p.Endpoint.Source + ")");
    }
}
