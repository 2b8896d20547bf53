using System;
using System.Collections.Generic;
using System.Linq;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Exposure.Reachability
{
    /// <summary>
    /// Which route table decides a subnet's traffic — its explicit association, else the VPC's main table — and
    /// whether that table sends <c>0.0.0.0/0</c> (<c>::/0</c> for IPv6) to an internet gateway (<c>igw-…</c>; an
    /// egress-only gateway or a NAT gateway lets nothing in). Pure functions over the tables as read.
    /// </summary>
    internal static class RouteSelection
    {
        /// <summary>The table for <paramref name="subnetId"/> in <paramref name="vpcId"/>, with how it was chosen; null when the VPC has none read.</summary>
        public static RouteTableRoutes? TableFor(string? subnetId, string? vpcId, IEnumerable<RouteTableRoutes> tables, out string how)
        {
            var list = tables.ToList();
            RouteTableRoutes? explicitTable = subnetId == null ? null : list.FirstOrDefault(t => t.SubnetIds.Contains(subnetId, StringComparer.Ordinal));
            if (explicitTable != null)
            {
                how = "explicit association of " + subnetId;
                return explicitTable;
            }
            RouteTableRoutes? main = list.FirstOrDefault(t => t.IsMain && string.Equals(t.VpcId, vpcId, StringComparison.Ordinal));
            how = "main table of " + vpcId;
            return main;
        }

        /// <summary>The table's active default route to an internet gateway for the address family, or null.</summary>
        public static RouteEntry? InternetRoute(RouteTableRoutes table, bool ipv6) =>
            table.Routes.FirstOrDefault(route =>
                (ipv6 ? route.DestinationIpv6 == SecurityGroupMatch.AnyIpv6 : route.DestinationIpv4 == SecurityGroupMatch.AnyIpv4)
                && route.GatewayId != null && route.GatewayId.StartsWith("igw-", StringComparison.Ordinal)
                && !string.Equals(route.State, "blackhole", StringComparison.OrdinalIgnoreCase));
    }
}
