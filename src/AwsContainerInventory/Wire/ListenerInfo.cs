using System.Collections.Generic;

namespace AwsContainerInventory.Wire
{
    internal sealed class ListenerInfo
    {
        public ListenerInfo(string arn, string loadBalancerArn, int? port, string? protocol, IReadOnlyList<ListenerAction> defaultActions)
        {
            Arn = arn;
            LoadBalancerArn = loadBalancerArn;
            Port = port;
            Protocol = protocol;
            DefaultActions = defaultActions;
        }

        public string Arn { get; }
        public string LoadBalancerArn { get; }
        public int? Port { get; }
        public string? Protocol { get; }
        public IReadOnlyList<ListenerAction> DefaultActions { get; }
    }
}
