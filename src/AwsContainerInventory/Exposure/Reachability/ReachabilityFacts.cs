using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Exposure.Reachability
{
    /// <summary>
    /// Everything one Get-ContainerExposure run learns for reachability, from every (role × region) pair and every
    /// worker thread: the running tasks, their interfaces, services and task definitions, and each pair's network.
    /// A pair asks it what to read (<see cref="NeedsFor"/>); verdicts are made once the run has read everything
    /// (<see cref="Evaluate"/>), because a task definition may have been described by another pair.
    /// </summary>
    internal sealed class ReachabilityFacts : ITaskNetworkObserver, IInterfaceFacts
    {
        private readonly ConcurrentDictionary<string, TaskFacts> _tasks = new ConcurrentDictionary<string, TaskFacts>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, NetworkInterfaceAddresses> _interfaces = new ConcurrentDictionary<string, NetworkInterfaceAddresses>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> _interfacesUnread = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, TaskDefinitionPorts> _ports = new ConcurrentDictionary<string, TaskDefinitionPorts>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _serviceTargetGroups = new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        private readonly ConcurrentQueue<ScopeNetwork> _networks = new ConcurrentQueue<ScopeNetwork>();

        public void OnTask(JsonElement task)
        {
            TaskFacts facts = TaskFacts.FromApi(task);
            if (facts.TaskArn.Length > 0) _tasks.TryAdd(facts.TaskArn, facts);
        }

        public void OnTaskDefinition(JsonElement taskDefinition)
        {
            TaskDefinitionPorts ports = TaskDefinitionPorts.FromApi(taskDefinition);
            if (ports.TaskDefinitionArn.Length > 0) _ports.TryAdd(ports.TaskDefinitionArn, ports);
        }

        public void OnNetworkInterface(NetworkInterfaceAddresses networkInterface) => _interfaces[networkInterface.NetworkInterfaceId] = networkInterface;

        public void OnNetworkInterfacesUnread(IReadOnlyList<string> networkInterfaceIds, string reason)
        {
            foreach (string id in networkInterfaceIds) _interfacesUnread.TryAdd(id, reason);
        }

        public void AddService(EcsService service)
        {
            if (service.ClusterArn != null && service.ServiceName != null && service.TargetGroupArns != null && service.TargetGroupArns.Count > 0)
                _serviceTargetGroups[ServiceKey(service.ClusterArn, service.ServiceName)] = service.TargetGroupArns;
        }

        public void AddNetwork(ScopeNetwork network) => _networks.Enqueue(network);

        public NetworkInterfaceAddresses? Find(string networkInterfaceId) =>
            _interfaces.TryGetValue(networkInterfaceId, out NetworkInterfaceAddresses? found) ? found : null;

        public string? UnknownReason(string networkInterfaceId) =>
            _interfacesUnread.TryGetValue(networkInterfaceId, out string? reason) ? reason : null;

        /// <summary>What the pair of <paramref name="region"/> (and <paramref name="accountId"/>, when known) must read to judge its tasks.</summary>
        public ReachabilityNeeds NeedsFor(string region, string? accountId)
        {
            var tasks = TasksOf(region, accountId).ToList();
            var exposedInterfaces = tasks.SelectMany(t => t.Interfaces).Select(i => Find(i.NetworkInterfaceId))
                .Where(i => i != null && (i.PublicIps.Count > 0 || i.Ipv6Addresses.Count > 0)).Select(i => i!).ToList();
            var balanced = tasks.Select(t => (Task: t, Groups: TargetGroupsOf(t))).Where(x => x.Groups.Count > 0).ToList();
            return new ReachabilityNeeds(
                exposedInterfaces.SelectMany(i => i.SecurityGroupIds).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToList(),
                exposedInterfaces.Select(i => i.VpcId).Where(v => v != null).Select(v => v!).Distinct(StringComparer.Ordinal).OrderBy(id => id, StringComparer.Ordinal).ToList(),
                balanced.SelectMany(x => x.Groups).Distinct(StringComparer.Ordinal).OrderBy(arn => arn, StringComparer.Ordinal).ToList(),
                balanced.Where(x => x.Task.ContainerInstanceArn != null && x.Task.ClusterArn != null)
                    .Select(x => new InstanceNeed(x.Task.ClusterArn!, x.Task.ContainerInstanceArn!, x.Groups)).ToList());
        }

        /// <summary>The verdict of every running task the run read, in task ARN order.</summary>
        public IReadOnlyList<TaskReachability> Evaluate()
        {
            var verdicts = new List<TaskReachability>();
            foreach (TaskFacts task in _tasks.Values.OrderBy(t => t.TaskArn, StringComparer.Ordinal))
            {
                var result = new TaskReachability(task);
                // A pair whose network reading did not run (it failed, or the run was stopped) decides nothing that needs it.
                ScopeNetwork network = _networks.FirstOrDefault(n => n.Covers(task.Region, task.AccountId))
                    ?? ScopeNetwork.NotRead(task.Region, task.AccountId, "the network of " + task.Region + " was not read");
                TaskDefinitionPorts? ports = task.TaskDefinitionArn != null && _ports.TryGetValue(task.TaskDefinitionArn, out var p) ? p : null;
                string? portsUnknown = ports == null ? "task definition " + TaskFacts.ShortName(task.TaskDefinitionArn) + " could not be read" : null;
                DirectPaths.Evaluate(result, ports, portsUnknown, network, this);
                IReadOnlyList<string> groups = TargetGroupsOf(task);
                if (groups.Count > 0) BalancerPaths.Evaluate(result, task.ServiceName!, groups, ports, network, this);
                verdicts.Add(result);
            }
            return verdicts;
        }

        private IEnumerable<TaskFacts> TasksOf(string region, string? accountId) =>
            _tasks.Values.Where(t => t.Region == region && (accountId == null || t.AccountId == accountId));

        private IReadOnlyList<string> TargetGroupsOf(TaskFacts task) =>
            task.ServiceName != null && task.ClusterArn != null && _serviceTargetGroups.TryGetValue(ServiceKey(task.ClusterArn, task.ServiceName), out var groups)
                ? groups : (IReadOnlyList<string>)new string[0];

        private static string ServiceKey(string clusterArn, string serviceName) => clusterArn + "|" + serviceName;
    }

    /// <summary>The ids one pair must look up: groups and VPCs of exposed interfaces, target groups in use, container instances behind them.</summary>
    internal sealed class ReachabilityNeeds
    {
        public ReachabilityNeeds(IReadOnlyList<string> securityGroupIds, IReadOnlyList<string> vpcIds, IReadOnlyList<string> targetGroupArns, IReadOnlyList<InstanceNeed> instances)
        {
            SecurityGroupIds = securityGroupIds;
            VpcIds = vpcIds;
            TargetGroupArns = targetGroupArns;
            Instances = instances;
        }

        /// <summary>The security groups of the task interfaces that have a public IPv4 or an IPv6 address.</summary>
        public IReadOnlyList<string> SecurityGroupIds { get; }

        /// <summary>The VPCs of those interfaces (their subnets' route tables).</summary>
        public IReadOnlyList<string> VpcIds { get; }

        /// <summary>The target groups the pair's services register their tasks in.</summary>
        public IReadOnlyList<string> TargetGroupArns { get; }

        /// <summary>Tasks on container instances whose service uses target groups.</summary>
        public IReadOnlyList<InstanceNeed> Instances { get; }

        public bool IsEmpty => SecurityGroupIds.Count == 0 && VpcIds.Count == 0 && TargetGroupArns.Count == 0;
    }

    internal sealed class InstanceNeed
    {
        public InstanceNeed(string clusterArn, string containerInstanceArn, IReadOnlyList<string> targetGroupArns)
        {
            ClusterArn = clusterArn;
            ContainerInstanceArn = containerInstanceArn;
            TargetGroupArns = targetGroupArns;
        }

        public string ClusterArn { get; }
        public string ContainerInstanceArn { get; }
        public IReadOnlyList<string> TargetGroupArns { get; }
    }
}
