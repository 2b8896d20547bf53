using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Exposure.Reachability
{
    /// <summary>
    /// Paths through a load balancer: an internet-facing ALB or NLB whose listener forwards (default action, or an
    /// ALB rule) to a target group the task's service registers, the load balancer's security groups (when it has
    /// any) admitting the internet on the listener port, and the task registered in that group — by private IP for
    /// target type <c>ip</c>, through its container instance's EC2 instance (and host port) for type <c>instance</c>.
    /// </summary>
    internal static class BalancerPaths
    {
        // States in which the load balancer sends the target no traffic.
        private static readonly HashSet<string> NotRouted = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "unused", "draining", "unhealthy.draining" };

        public static void Evaluate(TaskReachability result, string serviceName, IReadOnlyList<string> targetGroupArns, TaskDefinitionPorts? ports,
            ScopeNetwork network, IInterfaceFacts interfaces)
        {
            foreach (string targetGroupArn in targetGroupArns.Distinct(StringComparer.Ordinal))
            {
                string? unread = network.Unread(ScopeNetwork.TargetGroupsPart) ?? network.Unread(ScopeNetwork.LoadBalancersPart);
                if (unread != null)
                {
                    result.AddUnknown("the load balancers in front of target group " + TargetGroupName(targetGroupArn) + " could not be read (" + unread + ")");
                    continue;
                }
                if (!network.TargetGroups.TryGetValue(targetGroupArn, out TargetGroupInfo? group)) continue;
                var balancers = group.LoadBalancerArns.Select(arn => network.LoadBalancers.TryGetValue(arn, out LoadBalancerInfo? lb) ? lb : null)
                    .Where(lb => lb != null).Select(lb => lb!).ToList();
                foreach (LoadBalancerInfo internalBalancer in balancers.Where(lb => !IsInternetFacing(lb)))
                    result.AddNearMiss(Label(internalBalancer) + " " + internalBalancer.Name + " in front of target group " + group.Name + " is internal");
                var internetFacing = balancers.Where(IsInternetFacing).ToList();
                if (internetFacing.Count == 0) continue;

                List<(TargetHealthInfo Target, string Via, string TaskPort)>? registered = RegisteredTargets(result, group, ports, network, interfaces);
                if (registered == null || registered.Count == 0) continue;
                foreach (LoadBalancerInfo balancer in internetFacing)
                    EvaluateBalancer(result, serviceName, group, balancer, registered, network);
            }
        }

        private static void EvaluateBalancer(TaskReachability result, string serviceName, TargetGroupInfo group, LoadBalancerInfo balancer,
            List<(TargetHealthInfo Target, string Via, string TaskPort)> registered, ScopeNetwork network)
        {
            string? listenersUnread = network.Unread(ScopeNetwork.ListenersPart(balancer.Arn));
            if (listenersUnread != null)
            {
                result.AddUnknown("the listeners of " + balancer.Name + " could not be read (" + listenersUnread + ")");
                return;
            }
            bool forwards = false;
            foreach (ListenerInfo listener in network.Listeners.TryGetValue(balancer.Arn, out var listeners) ? listeners : new ListenerInfo[0])
            {
                List<string> how = Forwarding(result, listener, group, balancer, network);
                if (how.Count == 0) continue;
                forwards = true;
                string port = listener.Port?.ToString(CultureInfo.InvariantCulture) ?? "?";
                var evidence = new List<string> { Label(balancer) + " " + balancer.Name + ": " + balancer.Scheme + " " + balancer.Type + " (" + (balancer.IpAddressType ?? "ipv4") + ")" };
                evidence.AddRange(how.Select(h => "listener :" + port + "/" + listener.Protocol + " " + h + " forwards to target group " + group.Name));
                if (balancer.SecurityGroups.Count > 0)
                {
                    string? groupsUnread = network.Unread(ScopeNetwork.SecurityGroupsPart);
                    if (groupsUnread != null)
                    {
                        result.AddUnknown("the security groups " + string.Join(", ", balancer.SecurityGroups) + " of " + balancer.Name + " could not be read (" + groupsUnread + ")");
                        continue;
                    }
                    IReadOnlyList<string> admitting = ListenerAdmits(balancer, listener, network);
                    if (admitting.Count == 0)
                    {
                        result.AddNearMiss(Label(balancer) + " " + balancer.Name + ": no security group admits " + string.Join(" or ", Families(balancer))
                            + " on listener :" + port);
                        continue;
                    }
                    evidence.AddRange(admitting);
                }
                foreach (var (target, via, taskPort) in registered)
                {
                    string text = "internet \u2192 " + Label(balancer) + " " + balancer.Name + " (" + balancer.Scheme
                        + (balancer.IpAddressType != null && balancer.IpAddressType.StartsWith("dualstack", StringComparison.Ordinal) ? ", dualstack" : string.Empty)
                        + ") :" + port + " \u2192 target group " + group.Name + " \u2192 service " + serviceName + " \u2192 " + via + "task " + result.Task.ShortId + taskPort;
                    result.AddPath(text, evidence.Concat(new[] { "target " + target.Id + (target.Port == null ? string.Empty : ":" + target.Port.Value.ToString(CultureInfo.InvariantCulture))
                        + " of " + group.Name + " is " + (target.State ?? "registered") }));
                }
            }
            if (!forwards)
                result.AddNearMiss("no listener of " + Label(balancer) + " " + balancer.Name + " forwards to target group " + group.Name);
        }

        /// <summary>How the listener reaches the group: "default action" and/or "rule N (conditions)"; empty when it does not.</summary>
        private static List<string> Forwarding(TaskReachability result, ListenerInfo listener, TargetGroupInfo group, LoadBalancerInfo balancer, ScopeNetwork network)
        {
            var how = new List<string>();
            if (ForwardsTo(listener.DefaultActions, group.Arn)) how.Add("default action");
            if (!string.Equals(balancer.Type, "application", StringComparison.OrdinalIgnoreCase)) return how;
            string? rulesUnread = network.Unread(ScopeNetwork.RulesPart(listener.Arn));
            if (rulesUnread != null)
            {
                if (how.Count == 0) result.AddUnknown("the rules of listener :" + listener.Port + " of " + balancer.Name + " could not be read (" + rulesUnread + ")");
                return how;
            }
            if (network.Rules.TryGetValue(listener.Arn, out var rules))
            {
                how.AddRange(rules.Where(r => !r.IsDefault && ForwardsTo(r.Actions, group.Arn))
                    .Select(r => "rule " + r.Priority + (r.Conditions.Count == 0 ? string.Empty : " (" + string.Join(" and ", r.Conditions) + ")")));
            }
            return how;
        }

        /// <summary>Whether an action list forwards to the group (an authenticate action before it still leads there).</summary>
        public static bool ForwardsTo(IEnumerable<ListenerAction> actions, string targetGroupArn) =>
            actions.Any(a => string.Equals(a.Type, "forward", StringComparison.OrdinalIgnoreCase) && a.TargetGroupArns.Contains(targetGroupArn, StringComparer.Ordinal));

        public static bool IsInternetFacing(LoadBalancerInfo balancer) => string.Equals(balancer.Scheme, "internet-facing", StringComparison.OrdinalIgnoreCase);

        /// <summary>The internet ranges the load balancer answers: IPv4 unless dualstack-without-public-ipv4, IPv6 when dualstack.</summary>
        public static IReadOnlyList<string> Families(LoadBalancerInfo balancer)
        {
            string type = balancer.IpAddressType ?? "ipv4";
            var families = new List<string>();
            if (type != "dualstack-without-public-ipv4") families.Add(SecurityGroupMatch.AnyIpv4);
            if (type.StartsWith("dualstack", StringComparison.Ordinal)) families.Add(SecurityGroupMatch.AnyIpv6);
            return families;
        }

        /// <summary>The rules of the load balancer's groups that admit the internet on the listener's port and protocol.</summary>
        public static IReadOnlyList<string> ListenerAdmits(LoadBalancerInfo balancer, ListenerInfo listener, ScopeNetwork network)
        {
            if (listener.Port == null) return new string[0];
            var groups = balancer.SecurityGroups.Select(id => network.SecurityGroups.TryGetValue(id, out SecurityGroupRules? g) ? g : null)
                .Where(g => g != null).Select(g => g!).ToList();
            string[] protocols = listener.Protocol?.ToUpperInvariant() switch
            {
                "UDP" => new[] { "udp" },
                "TCP_UDP" => new[] { "tcp", "udp" },
                _ => new[] { "tcp" },
            };
            return Families(balancer)
                .SelectMany(cidr => protocols.SelectMany(protocol => SecurityGroupMatch.Admitting(groups, cidr, protocol, listener.Port.Value, listener.Port.Value)))
                .Distinct(StringComparer.Ordinal).ToList();
        }

        /// <summary>
        /// The group's targets that are this task, with the hop before the task and the task's port; null (and an
        /// unknown noted) when the targets or the task's instance could not be read.
        /// </summary>
        private static List<(TargetHealthInfo, string, string)>? RegisteredTargets(TaskReachability result, TargetGroupInfo group, TaskDefinitionPorts? ports,
            ScopeNetwork network, IInterfaceFacts interfaces)
        {
            TaskFacts task = result.Task;
            string? healthUnread = network.Unread(ScopeNetwork.TargetHealthPart(group.Arn));
            if (healthUnread != null)
            {
                result.AddUnknown("the targets of " + group.Name + " could not be read (" + healthUnread + ")");
                return null;
            }
            IReadOnlyList<TargetHealthInfo> targets = network.Targets.TryGetValue(group.Arn, out var t) ? t : new TargetHealthInfo[0];
            var matches = new List<(TargetHealthInfo, string, string)>();
            if (string.Equals(group.TargetType, "ip", StringComparison.OrdinalIgnoreCase))
            {
                var addresses = new HashSet<string>(task.Interfaces.Select(i => i.PrivateIpv4).Where(ip => ip != null).Select(ip => ip!)
                    .Concat(task.Interfaces.SelectMany(i => interfaces.Find(i.NetworkInterfaceId)?.Ipv6Addresses ?? new string[0])), StringComparer.OrdinalIgnoreCase);
                matches.AddRange(targets.Where(x => addresses.Contains(x.Id))
                    .Select(x => (x, string.Empty, " :" + (x.Port ?? group.Port)?.ToString(CultureInfo.InvariantCulture))));
            }
            else if (string.Equals(group.TargetType, "instance", StringComparison.OrdinalIgnoreCase) && task.ContainerInstanceArn != null)
            {
                string? instanceUnread = network.Unread(ScopeNetwork.ContainerInstancePart(task.ContainerInstanceArn));
                if (instanceUnread != null)
                {
                    result.AddUnknown("the EC2 instance of container instance " + TaskFacts.ShortName(task.ContainerInstanceArn) + " could not be read (" + instanceUnread + ")");
                    return null;
                }
                if (!network.ContainerInstances.TryGetValue(task.ContainerInstanceArn, out string? instanceId)) return matches;
                List<PortSpec> hostPorts = HostPorts(task, ports);
                foreach (TargetHealthInfo target in targets.Where(x => x.Id == instanceId))
                {
                    int port = target.Port ?? group.Port ?? 0;
                    PortSpec? binding = hostPorts.FirstOrDefault(p => p.HostFrom <= port && p.HostTo >= port);
                    // With no host port known (dynamic, not reported), the instance target of the service's group stands for the task.
                    if (binding == null && hostPorts.Count > 0) continue;
                    string taskPort = binding == null ? string.Empty : " :" + (binding.From + (port - binding.HostFrom!.Value)).ToString(CultureInfo.InvariantCulture);
                    matches.Add((target, "instance " + instanceId + " :" + port.ToString(CultureInfo.InvariantCulture) + " \u2192 ", taskPort));
                }
            }
            var routed = matches.Where(m => !NotRouted.Contains(m.Item1.State ?? string.Empty)).ToList();
            foreach (var (target, _, _) in matches.Except(routed))
                result.AddNearMiss("target " + target.Id + " of " + group.Name + " is " + target.State + ": the load balancer sends it nothing");
            if (matches.Count == 0) result.AddNearMiss(task.Name + " is not a registered target of " + group.Name);
            return routed;
        }

        /// <summary>The host ports of a bridge or host mode task: what ECS bound, else the task definition's static host ports.</summary>
        public static List<PortSpec> HostPorts(TaskFacts task, TaskDefinitionPorts? ports)
        {
            var bound = task.BoundPorts.Where(p => p.HostFrom != null).ToList();
            if (bound.Count > 0 || ports == null) return bound;
            if (string.Equals(ports.NetworkMode, "host", StringComparison.OrdinalIgnoreCase))
                return ports.Mappings.Select(p => new PortSpec(p.From, p.To, p.Protocol, p.From, p.To)).ToList();
            return ports.Mappings.Where(p => p.HostFrom != null).ToList();
        }

        /// <summary>The name part of <c>arn:…:targetgroup/NAME/id</c>.</summary>
        public static string TargetGroupName(string arn)
        {
            string[] parts = arn.Split('/');
            return parts.Length >= 3 ? parts[parts.Length - 2] : arn;
        }

        private static string Label(LoadBalancerInfo balancer) => balancer.Type?.ToLowerInvariant() switch
        {
            "application" => "ALB",
            "network" => "NLB",
            "gateway" => "GWLB",
            _ => "load balancer",
        };
    }
}
