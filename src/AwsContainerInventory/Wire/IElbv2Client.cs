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
}
