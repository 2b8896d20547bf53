using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AwsContainerInventory.Exposure.Reachability;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// The load-balancer half of a pair's reachability reading (see <see cref="ReachabilityReader"/>): only the target
    /// groups services use, the internet-facing load balancers in front of them, and what decides whether those
    /// forward to the pair's tasks.
    /// </summary>
    internal sealed class BalancerReader
    {
        private readonly ScopeNetworkReader _reader;
        private readonly ScopeNetwork _network;
        private readonly int _pageSize;

        public BalancerReader(ScopeNetworkReader reader, ScopeNetwork network)
        {
            _reader = reader;
            _network = network;
            _pageSize = Math.Min(reader.Context.PageSize, Elbv2Limits.MaxPageSize);
        }

        /// <summary>Reads what the groups in use need; returns the security groups of the internet-facing load balancers in front of them.</summary>
        public async Task<IReadOnlyList<string>> ReadAsync(ReachabilityNeeds needs)
        {
            var used = new HashSet<string>(needs.TargetGroupArns, StringComparer.Ordinal);
            IElbv2Client elbv2 = _reader.Context.Elbv2;
            await Task.WhenAll(
                _reader.GuardedAsync("elasticloadbalancing:DescribeTargetGroups", new[] { ScopeNetwork.TargetGroupsPart }, async () =>
                {
                    foreach (TargetGroupInfo group in await Paging.AllPagesAsync(marker => elbv2.DescribeTargetGroupsAsync(_pageSize, marker, _reader.Context.CancellationToken)).ConfigureAwait(false))
                        if (used.Contains(group.Arn)) _network.TargetGroups[group.Arn] = group;
                }),
                _reader.GuardedAsync("elasticloadbalancing:DescribeLoadBalancers", new[] { ScopeNetwork.LoadBalancersPart }, async () =>
                {
                    foreach (LoadBalancerInfo balancer in await Paging.AllPagesAsync(marker => elbv2.DescribeLoadBalancersAsync(_pageSize, marker, _reader.Context.CancellationToken)).ConfigureAwait(false))
                        _network.LoadBalancers[balancer.Arn] = balancer;
                })).ConfigureAwait(false);
            if (_network.Unread(ScopeNetwork.TargetGroupsPart) != null || _network.Unread(ScopeNetwork.LoadBalancersPart) != null) return new string[0];

            // Only internet-facing load balancers can make a path; only groups behind one need their targets read.
            var balancers = _network.TargetGroups.Values.SelectMany(g => g.LoadBalancerArns).Distinct(StringComparer.Ordinal)
                .Select(arn => _network.LoadBalancers.TryGetValue(arn, out LoadBalancerInfo? lb) ? lb : null)
                .Where(lb => lb != null && BalancerPaths.IsInternetFacing(lb)).Select(lb => lb!)
                .OrderBy(lb => lb.Arn, StringComparer.Ordinal).ToList();
            var facing = new HashSet<string>(balancers.Select(lb => lb.Arn), StringComparer.Ordinal);
            var groups = _network.TargetGroups.Values.Where(g => g.LoadBalancerArns.Any(facing.Contains)).OrderBy(g => g.Arn, StringComparer.Ordinal).ToList();

            var work = new List<Task>();
            work.AddRange(balancers.Select(ListenersAndRulesAsync));
            work.AddRange(groups.Select(group => _reader.GuardedAsync("elasticloadbalancing:DescribeTargetHealth", new[] { ScopeNetwork.TargetHealthPart(group.Arn) }, async () =>
                _network.Targets[group.Arn] = await elbv2.DescribeTargetHealthAsync(group.Arn, _reader.Context.CancellationToken).ConfigureAwait(false))));
            var instanceGroups = new HashSet<string>(groups.Where(g => string.Equals(g.TargetType, "instance", StringComparison.OrdinalIgnoreCase)).Select(g => g.Arn), StringComparer.Ordinal);
            work.AddRange(needs.Instances.Where(n => n.TargetGroupArns.Any(instanceGroups.Contains))
                .GroupBy(n => n.ClusterArn, StringComparer.Ordinal)
                .Select(cluster => _reader.ContainerInstancesAsync(cluster.Key,
                    cluster.Select(n => n.ContainerInstanceArn).Distinct(StringComparer.Ordinal).OrderBy(a => a, StringComparer.Ordinal).ToList())));
            await Task.WhenAll(work).ConfigureAwait(false);
            return balancers.SelectMany(lb => lb.SecurityGroups).Distinct(StringComparer.Ordinal).ToList();
        }

        private async Task ListenersAndRulesAsync(LoadBalancerInfo balancer)
        {
            IElbv2Client elbv2 = _reader.Context.Elbv2;
            await _reader.GuardedAsync("elasticloadbalancing:DescribeListeners", new[] { ScopeNetwork.ListenersPart(balancer.Arn) }, async () =>
                _network.Listeners[balancer.Arn] = await Paging.AllPagesAsync(marker =>
                    elbv2.DescribeListenersAsync(balancer.Arn, _pageSize, marker, _reader.Context.CancellationToken)).ConfigureAwait(false)).ConfigureAwait(false);
            if (!string.Equals(balancer.Type, "application", StringComparison.OrdinalIgnoreCase) || !_network.Listeners.TryGetValue(balancer.Arn, out var listeners)) return;

            // Rules matter only where the default action does not already forward to every group in use behind this load balancer.
            var groupsHere = _network.TargetGroups.Values.Where(g => g.LoadBalancerArns.Contains(balancer.Arn, StringComparer.Ordinal)).Select(g => g.Arn).ToList();
            await Task.WhenAll(listeners.Where(l => groupsHere.Any(g => !BalancerPaths.ForwardsTo(l.DefaultActions, g))).Select(listener =>
                _reader.GuardedAsync("elasticloadbalancing:DescribeRules", new[] { ScopeNetwork.RulesPart(listener.Arn) }, async () =>
                    _network.Rules[listener.Arn] = await Paging.AllPagesAsync(marker =>
                        elbv2.DescribeRulesAsync(listener.Arn, _pageSize, marker, _reader.Context.CancellationToken)).ConfigureAwait(false)))).ConfigureAwait(false);
        }
    }
}
