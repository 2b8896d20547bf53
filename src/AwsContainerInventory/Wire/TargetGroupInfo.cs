using System.Collections.Generic;

namespace AwsContainerInventory.Wire
{
    internal sealed class TargetGroupInfo
    {
        public TargetGroupInfo(string arn, string name, string? targetType, string? protocol, int? port, IReadOnlyList<string> loadBalancerArns)
        {
            Arn = arn;
            Name = name;
            TargetType = targetType;
            Protocol = protocol;
            Port = port;
            LoadBalancerArns = loadBalancerArns;
        }

        public string Arn { get; }
        public string Name { get; }

        /// <summary><c>instance</c>, <c>ip</c>, <c>lambda</c> or <c>alb</c>.</summary>
        public string? TargetType { get; }

        public string? Protocol { get; }
        public int? Port { get; }
        public IReadOnlyList<string> LoadBalancerArns { get; }
    }
}
