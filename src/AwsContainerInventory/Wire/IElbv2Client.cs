using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// The Elastic Load Balancing (v2: Application and Network Load Balancers) calls the reachability analysis makes:
    /// query protocol, botocore's elbv2 2015-12-01 model, signing name <c>elasticloadbalancing</c>. Listings page
    /// by <c>Marker</c>/<c>NextMarker</c>.
    /// </summary>
    internal interface IElbv2Client
    {
        Task<ApiPage<LoadBalancerInfo>> DescribeLoadBalancersAsync(int pageSize, string? marker, CancellationToken cancellationToken);

        Task<ApiPage<TargetGroupInfo>> DescribeTargetGroupsAsync(int pageSize, string? marker, CancellationToken cancellationToken);

        Task<ApiPage<ListenerInfo>> DescribeListenersAsync(string loadBalancerArn, int pageSize, string? marker, CancellationToken cancellationToken);

        Task<ApiPage<ListenerRuleInfo>> DescribeRulesAsync(string listenerArn, int pageSize, string? marker, CancellationToken cancellationToken);

        /// <summary>Every registered target of the group and its state (the call does not page).</summary>
        Task<IReadOnlyList<TargetHealthInfo>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellationToken);
    }

    internal static class Elbv2Limits
    {
        /// <summary>The largest page of the Describe listings (botocore: PageSize 1 to 400).</summary>
        public const int MaxPageSize = 400;
    }

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

    /// <summary>A listener or rule action: its type and the target groups a <c>forward</c> sends to (TargetGroupArn or ForwardConfig).</summary>
    internal sealed class ListenerAction
    {
        public ListenerAction(string type, IReadOnlyList<string> targetGroupArns)
        {
            Type = type;
            TargetGroupArns = targetGroupArns;
        }

        public string Type { get; }
        public IReadOnlyList<string> TargetGroupArns { get; }
    }

    internal sealed class ListenerRuleInfo
    {
        public ListenerRuleInfo(string arn, string? priority, bool isDefault, IReadOnlyList<string> conditions, IReadOnlyList<ListenerAction> actions)
        {
            Arn = arn;
            Priority = priority;
            IsDefault = isDefault;
            Conditions = conditions;
            Actions = actions;
        }

        public string Arn { get; }
        public string? Priority { get; }
        public bool IsDefault { get; }

        /// <summary>Each condition as <c>field value,value</c> (for the evidence text).</summary>
        public IReadOnlyList<string> Conditions { get; }

        public IReadOnlyList<ListenerAction> Actions { get; }
    }

    internal sealed class TargetHealthInfo
    {
        public TargetHealthInfo(string id, int? port, string? state)
        {
            Id = id;
            Port = port;
            State = state;
        }

        /// <summary>An instance id, an IP address, a Lambda or load balancer ARN.</summary>
        public string Id { get; }

        public int? Port { get; }

        /// <summary><c>initial</c>, <c>healthy</c>, <c>unhealthy</c>, <c>unused</c>, <c>draining</c>, <c>unavailable</c>, …</summary>
        public string? State { get; }
    }
}
