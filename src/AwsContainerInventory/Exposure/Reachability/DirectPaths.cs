using System.Collections.Generic;
using System.Linq;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Exposure.Reachability
{
    /// <summary>
    /// The direct path: an interface of the task with a public IPv4 or an IPv6 address, a security group of that
    /// interface admitting the internet on a port the task publishes (or all traffic), and the interface's subnet
    /// routing the default route of that family to an internet gateway.
    /// </summary>
    internal static class DirectPaths
    {
        public static void Evaluate(TaskReachability result, TaskDefinitionPorts? ports, string? portsUnknownReason, ScopeNetwork network, IInterfaceFacts interfaces)
        {
            TaskFacts task = result.Task;
            foreach (TaskInterface attachment in task.Interfaces)
            {
                string eniId = attachment.NetworkInterfaceId;
                NetworkInterfaceAddresses? eni = interfaces.Find(eniId);
                if (eni == null)
                {
                    // Absent from a successful answer: the interface is gone, so it has no address either.
                    string? why = interfaces.UnknownReason(eniId);
                    if (why != null) result.AddUnknown("the public addresses of " + eniId + " are unknown (" + why + ")");
                    continue;
                }
                var families = new List<(string Cidr, IReadOnlyList<string> Addresses)>();
                if (eni.PublicIps.Count > 0) families.Add((SecurityGroupMatch.AnyIpv4, eni.PublicIps));
                if (eni.Ipv6Addresses.Count > 0) families.Add((SecurityGroupMatch.AnyIpv6, eni.Ipv6Addresses));
                foreach (var (cidr, addresses) in families)
                {
                    foreach (string address in addresses) result.AddPublicAddress(address);
                    EvaluateFamily(result, eni, attachment, cidr, addresses, ports, portsUnknownReason, network);
                }
            }
        }

        private static void EvaluateFamily(TaskReachability result, NetworkInterfaceAddresses eni, TaskInterface attachment, string cidr,
            IReadOnlyList<string> addresses, TaskDefinitionPorts? ports, string? portsUnknownReason, ScopeNetwork network)
        {
            string where = string.Join(", ", addresses) + " (" + eni.NetworkInterfaceId + ")";
            string? groupsUnread = network.Unread(ScopeNetwork.SecurityGroupsPart);
            if (groupsUnread != null)
            {
                result.AddUnknown("the security groups " + string.Join(", ", eni.SecurityGroupIds) + " of " + where + " could not be read (" + groupsUnread + ")");
                return;
            }
            var groups = eni.SecurityGroupIds.Select(id => network.SecurityGroups.TryGetValue(id, out SecurityGroupRules? g) ? g : null)
                .Where(g => g != null).Select(g => g!).ToList();
            IReadOnlyList<string> allTraffic = SecurityGroupMatch.AdmittingAllTraffic(groups, cidr);
            var admitted = new List<(PortSpec Port, IReadOnlyList<string> Evidence)>();
            foreach (PortSpec port in ports?.Mappings ?? (IReadOnlyList<PortSpec>)new PortSpec[0])
            {
                IReadOnlyList<string> rules = SecurityGroupMatch.Admitting(groups, cidr, port.Protocol, port.From, port.To);
                if (rules.Count > 0) admitted.Add((port, rules));
            }
            if (admitted.Count == 0 && allTraffic.Count == 0)
            {
                // With the ports unknown, only groups that admit this range on no port at all settle it.
                bool admitsAnyPort = groups.Any(g => g.Ingress.Any(r => (cidr == SecurityGroupMatch.AnyIpv6 ? r.Ipv6Ranges : r.Ipv4Ranges).Contains(cidr)));
                if (ports == null && admitsAnyPort)
                {
                    result.AddUnknown("the ports " + result.Task.Name + " publishes are unknown (" + (portsUnknownReason ?? "its task definition was not read") + ")");
                    return;
                }
                string published = ports == null ? "none admits it on any port" : ports.Mappings.Count == 0 ? "it publishes none"
                    : "it publishes " + string.Join(", ", ports.Mappings.Select(p => p.ToString()).Distinct());
                result.AddNearMiss(where + ": no security group admits " + cidr + " on a port the task publishes (" + published + ")");
                return;
            }

            string? routesUnread = network.Unread(ScopeNetwork.RouteTablesPart);
            string? subnet = eni.SubnetId ?? attachment.SubnetId;
            if (routesUnread != null)
            {
                result.AddUnknown("the route table of " + subnet + " could not be read (" + routesUnread + ")");
                return;
            }
            RouteTableRoutes? table = RouteSelection.TableFor(subnet, eni.VpcId, network.RouteTables, out string how);
            if (table == null)
            {
                result.AddUnknown("no route table of " + eni.VpcId + " was found for " + subnet);
                return;
            }
            RouteEntry? route = RouteSelection.InternetRoute(table, cidr == SecurityGroupMatch.AnyIpv6);
            if (route == null)
            {
                result.AddNearMiss(where + ": subnet " + subnet + " has no route " + cidr + " to an internet gateway (route table " + table.RouteTableId + ", " + how + ")");
                return;
            }

            // All traffic admitted: every published port is open; without published ports, say so.
            var openPorts = allTraffic.Count > 0 ? (ports?.Mappings ?? (IReadOnlyList<PortSpec>)new PortSpec[0]).ToList() : admitted.Select(a => a.Port).ToList();
            string portText = openPorts.Count == 0 ? " (all ports)"
                : " :" + string.Join(",", openPorts.OrderBy(p => p.From).ThenBy(p => p.Protocol).Select(p => p.ToString()).Distinct());
            var evidence = new List<string> { "route table " + table.RouteTableId + " (" + how + ") sends " + cidr + " to " + route.GatewayId };
            evidence.AddRange(allTraffic);
            evidence.AddRange(admitted.SelectMany(a => a.Evidence));
            foreach (string address in addresses)
                result.AddPath("internet \u2192 " + route.GatewayId + " \u2192 " + address + " (" + eni.NetworkInterfaceId + ") \u2192 task " + result.Task.ShortId + portText, evidence);
        }
    }

    /// <summary>The network interfaces the run read (by id) and, for those it could not read, why.</summary>
    internal interface IInterfaceFacts
    {
        NetworkInterfaceAddresses? Find(string networkInterfaceId);

        string? UnknownReason(string networkInterfaceId);
    }
}
