using System;

namespace AwsContainerInventory.Wire
{
    /// <summary>Regional endpoints, unless one override URL (moto, LocalStack, tests) serves every service.</summary>
    internal sealed class ServiceEndpoints
    {
        public ServiceEndpoints(Uri? overrideUrl) => OverrideUrl = overrideUrl;

        public Uri? OverrideUrl { get; }

        public Uri Ecr(string region) => OverrideUrl ?? new Uri("https://api.ecr." + region + "." + DnsSuffix(region) + "/");

        public Uri Ecs(string region) => OverrideUrl ?? new Uri("https://ecs." + region + "." + DnsSuffix(region) + "/");

        public Uri Ec2(string region) => OverrideUrl ?? new Uri("https://ec2." + region + "." + DnsSuffix(region) + "/");

        /// <summary>Elastic Load Balancing v2 (signing name <c>elasticloadbalancing</c>).</summary>
        public Uri ElasticLoadBalancingV2(string region) => OverrideUrl ?? new Uri("https://elasticloadbalancing." + region + "." + DnsSuffix(region) + "/");

        public Uri Sts(string region) => OverrideUrl ?? new Uri("https://sts." + region + "." + DnsSuffix(region) + "/");

        private static string DnsSuffix(string region) =>
            region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
    }
}
