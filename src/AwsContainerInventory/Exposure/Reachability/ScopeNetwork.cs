using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Exposure.Reachability
{
    /// <summary>
    /// The network facts read for one (role × region) pair: security groups, route tables, load balancers, their
    /// listeners and rules, the target groups services use and their targets, container instances. What could not
    /// be read is kept by what it was (<see cref="Unread"/>), so a verdict that depends on it says unknown instead of
    /// "not exposed". Filled concurrently by the reader, then only read.
    /// </summary>
    internal sealed class ScopeNetwork
    {
        public const string SecurityGroupsPart = "ec2:DescribeSecurityGroups";
        public const string RouteTablesPart = "ec2:DescribeRouteTables";
        public const string LoadBalancersPart = "elasticloadbalancing:DescribeLoadBalancers";
        public const string TargetGroupsPart = "elasticloadbalancing:DescribeTargetGroups";

        private readonly ConcurrentDictionary<string, string> _unread = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        public ScopeNetwork(string region, string? accountId)
        {
            Region = region;
            AccountId = accountId;
        }

        public string Region { get; }

        /// <summary>The pair's account when known (an assumed role's); null matches any account of the region.</summary>
        public string? AccountId { get; }

        public ConcurrentDictionary<string, SecurityGroupRules> SecurityGroups { get; } = new ConcurrentDictionary<string, SecurityGroupRules>(StringComparer.Ordinal);
        public ConcurrentBag<RouteTableRoutes> RouteTables { get; } = new ConcurrentBag<RouteTableRoutes>();
        public ConcurrentDictionary<string, LoadBalancerInfo> LoadBalancers { get; } = new ConcurrentDictionary<string, LoadBalancerInfo>(StringComparer.Ordinal);
        public ConcurrentDictionary<string, TargetGroupInfo> TargetGroups { get; } = new ConcurrentDictionary<string, TargetGroupInfo>(StringComparer.Ordinal);

        /// <summary>Listeners by load balancer ARN.</summary>
        public ConcurrentDictionary<string, IReadOnlyList<ListenerInfo>> Listeners { get; } = new ConcurrentDictionary<string, IReadOnlyList<ListenerInfo>>(StringComparer.Ordinal);

        /// <summary>Rules by listener ARN (read only for ALB listeners whose default action does not already reach every group in use).</summary>
        public ConcurrentDictionary<string, IReadOnlyList<ListenerRuleInfo>> Rules { get; } = new ConcurrentDictionary<string, IReadOnlyList<ListenerRuleInfo>>(StringComparer.Ordinal);

        /// <summary>Registered targets by target group ARN.</summary>
        public ConcurrentDictionary<string, IReadOnlyList<TargetHealthInfo>> Targets { get; } = new ConcurrentDictionary<string, IReadOnlyList<TargetHealthInfo>>(StringComparer.Ordinal);

        /// <summary>EC2 instance id by container instance ARN.</summary>
        public ConcurrentDictionary<string, string> ContainerInstances { get; } = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);

        /// <summary>A network none of whose parts was read (the pair's reading failed or never ran), for the reason given.</summary>
        public static ScopeNetwork NotRead(string region, string? accountId, string reason)
        {
            var network = new ScopeNetwork(region, accountId);
            foreach (string part in new[] { SecurityGroupsPart, RouteTablesPart, LoadBalancersPart, TargetGroupsPart }) network.MarkUnread(part, reason);
            return network;
        }

        public bool Covers(string region, string? accountId) =>
            Region == region && (AccountId == null || accountId == null || AccountId == accountId);

        /// <summary>Records that <paramref name="part"/> could not be read, and why (the first reason wins).</summary>
        public void MarkUnread(string part, string reason) => _unread.TryAdd(part, reason);

        /// <summary>Why <paramref name="part"/> could not be read, or null when it was.</summary>
        public string? Unread(string part) => _unread.TryGetValue(part, out string? reason) ? reason : null;

        public static string ListenersPart(string loadBalancerArn) => "elasticloadbalancing:DescribeListeners " + loadBalancerArn;
        public static string RulesPart(string listenerArn) => "elasticloadbalancing:DescribeRules " + listenerArn;
        public static string TargetHealthPart(string targetGroupArn) => "elasticloadbalancing:DescribeTargetHealth " + targetGroupArn;
        public static string ContainerInstancePart(string containerInstanceArn) => "ecs:DescribeContainerInstances " + containerInstanceArn;
    }
}
