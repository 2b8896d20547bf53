using System.Collections.Generic;

namespace AwsContainerInventory.Wire
{
    internal sealed class LoadBalancerInfo
    {
        public LoadBalancerInfo(string arn, string name, string? scheme, string? type, string? ipAddressType, string? vpcId, IReadOnlyList<string> securityGroups)
        {
            Arn = arn;
            Name = name;
            Scheme = scheme;
            Type = type;
            IpAddressType = ipAddressType;
            VpcId = vpcId;
            SecurityGroups = securityGroups;
        }

        public string Arn { get; }
        public string Name { get; }

        /// <summary><c>internet-facing</c> or <c>internal</c>.</summary>
        public string? Scheme { get; }

        /// <summary><c>application</c>, <c>network</c> or <c>gateway</c>.</summary>
        public string? Type { get; }

        /// <summary><c>ipv4</c>, <c>dualstack</c> or <c>dualstack-without-public-ipv4</c>.</summary>
        public string? IpAddressType { get; }

        public string? VpcId { get; }
        public IReadOnlyList<string> SecurityGroups { get; }
    }
}
