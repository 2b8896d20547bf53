using System;
using System.Collections.Generic;
using System.Linq;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Exposure.Reachability
{
    /// <summary>
    /// Whether security groups admit the internet (<c>0.0.0.0/0</c> or <c>::/0</c>) on a port: a rule of protocol
    /// <c>-1</c> admits every port, a <c>tcp</c>/<c>udp</c> rule (or its protocol number) the ports in FromPort..ToPort.
    /// Source groups and prefix lists never stand for the internet. Pure functions over the groups as read.
    /// </summary>
    internal static class SecurityGroupMatch
    {
        public const string AnyIpv4 = "0.0.0.0/0";
        public const string AnyIpv6 = "::/0";

        /// <summary>
        /// The rules of <paramref name="groups"/> that admit <paramref name="cidr"/> (<see cref="AnyIpv4"/> or
        /// <see cref="AnyIpv6"/>) on <paramref name="protocol"/> ports <paramref name="from"/>..<paramref name="to"/>
        /// (any overlap), each as evidence text; empty when none does.
        /// </summary>
        public static IReadOnlyList<string> Admitting(IEnumerable<SecurityGroupRules> groups, string cidr, string protocol, int from, int to) =>
            groups.SelectMany(group => group.Ingress
                    .Where(rule => ProtocolCovers(rule.Protocol, protocol) && PortsOverlap(rule, from, to) && Ranges(rule, cidr).Contains(cidr))
                    .Select(rule => "security group " + group + " admits " + RuleLabel(rule) + " from " + cidr))
                .Distinct(StringComparer.Ordinal).ToList();

        /// <summary>The rules that admit <paramref name="cidr"/> on every protocol and port (<c>-1</c>).</summary>
        public static IReadOnlyList<string> AdmittingAllTraffic(IEnumerable<SecurityGroupRules> groups, string cidr) =>
            groups.SelectMany(group => group.Ingress
                    .Where(rule => IsAllTraffic(rule.Protocol) && Ranges(rule, cidr).Contains(cidr))
                    .Select(rule => "security group " + group + " admits " + RuleLabel(rule) + " from " + cidr))
                .Distinct(StringComparer.Ordinal).ToList();

        public static bool ProtocolCovers(string ruleProtocol, string protocol)
        {
            if (IsAllTraffic(ruleProtocol)) return true;
            string rule = ruleProtocol.ToLowerInvariant();
            return protocol == "tcp" ? rule == "tcp" || rule == "6" : protocol == "udp" && (rule == "udp" || rule == "17");
        }

        public static bool IsAllTraffic(string ruleProtocol) => ruleProtocol == "-1" || string.Equals(ruleProtocol, "all", StringComparison.OrdinalIgnoreCase);

        /// <summary>A rule without ports (protocol -1) covers every port; otherwise FromPort..ToPort must overlap from..to.</summary>
        public static bool PortsOverlap(IngressRule rule, int from, int to)
        {
            if (IsAllTraffic(rule.Protocol) || rule.FromPort == null || rule.ToPort == null) return true;
            // tcp/udp with -1 as ports (allowed by the API for "all ports") covers them all too.
            if (rule.FromPort == -1 && rule.ToPort == -1) return true;
            return rule.FromPort.Value <= to && rule.ToPort.Value >= from;
        }

        /// <summary><c>all traffic</c>, <c>tcp 443</c>, <c>tcp 8000-8100</c>, <c>udp 53</c>.</summary>
        public static string RuleLabel(IngressRule rule)
        {
            if (IsAllTraffic(rule.Protocol)) return "all traffic";
            string protocol = rule.Protocol == "6" ? "tcp" : rule.Protocol == "17" ? "udp" : rule.Protocol.ToLowerInvariant();
            if (rule.FromPort == null || rule.ToPort == null || (rule.FromPort == -1 && rule.ToPort == -1)) return protocol + " all ports";
            return protocol + " " + (rule.FromPort == rule.ToPort ? rule.FromPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : rule.FromPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + rule.ToPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        private static IReadOnlyList<string> Ranges(IngressRule rule, string cidr) => cidr == AnyIpv6 ? rule.Ipv6Ranges : rule.Ipv4Ranges;
    }
}
