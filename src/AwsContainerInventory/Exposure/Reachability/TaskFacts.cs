using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;

namespace AwsContainerInventory.Exposure.Reachability
{
    /// <summary>
    /// What reachability needs of one running task, read from its DescribeTasks object: its network interfaces
    /// (awsvpc), its container instance (EC2 launch type), the service it belongs to, and per container the image
    /// digest and the host ports ECS bound (bridge/host mode).
    /// </summary>
    internal sealed class TaskFacts
    {
        private TaskFacts(string taskArn, string? clusterArn, string? group, string? taskDefinitionArn, string? containerInstanceArn,
            IReadOnlyList<TaskInterface> interfaces, IReadOnlyList<string> imageDigests, IReadOnlyList<PortSpec> boundPorts)
        {
            TaskArn = taskArn;
            ClusterArn = clusterArn;
            Group = group;
            TaskDefinitionArn = taskDefinitionArn;
            ContainerInstanceArn = containerInstanceArn;
            Interfaces = interfaces;
            ImageDigests = imageDigests;
            BoundPorts = boundPorts;
        }

        public string TaskArn { get; }
        public string? ClusterArn { get; }
        public string? Group { get; }
        public string? TaskDefinitionArn { get; }
        public string? ContainerInstanceArn { get; }
        public IReadOnlyList<TaskInterface> Interfaces { get; }

        /// <summary>The distinct <c>containers[].imageDigest</c> values, in container order (what an image-scan join keys on).</summary>
        public IReadOnlyList<string> ImageDigests { get; }

        /// <summary><c>containers[].networkBindings</c>: the host ports ECS bound (bridge and host mode).</summary>
        public IReadOnlyList<PortSpec> BoundPorts { get; }

        public string Region => ApiValues.RegionFromArn(TaskArn) ?? string.Empty;
        public string? AccountId => ApiValues.AccountFromArn(TaskArn);

        /// <summary>The service whose task this is (<c>group</c> <c>service:NAME</c>), or null for a standalone task.</summary>
        public string? ServiceName => Group != null && Group.StartsWith("service:", StringComparison.Ordinal) ? Group.Substring(8) : null;

        /// <summary><c>cluster/taskid</c>, the name findings use.</summary>
        public string Name => ShortName(ClusterArn) + "/" + ShortName(TaskArn);

        /// <summary>The task id, cut to 8 characters and an ellipsis, as paths show it.</summary>
        public string ShortId
        {
            get
            {
                string id = ShortName(TaskArn);
                return id.Length > 8 ? id.Substring(0, 8) + "\u2026" : id;
            }
        }

        public static TaskFacts FromApi(JsonElement task)
        {
            var interfaces = ApiValues.Objects(task, "attachments")
                .Where(a => string.Equals(ApiValues.String(a, "type"), "ElasticNetworkInterface", StringComparison.OrdinalIgnoreCase)
                    && !string.Equals(ApiValues.String(a, "status"), "DELETED", StringComparison.OrdinalIgnoreCase))
                .Select(a => TaskInterface.FromDetails(ApiValues.Objects(a, "details").ToList()))
                .Where(i => i != null).Select(i => i!).ToList();
            var containers = ApiValues.Objects(task, "containers").ToList();
            var digests = containers.Select(c => ApiValues.String(c, "imageDigest")).Where(d => !string.IsNullOrEmpty(d)).Select(d => d!)
                .Distinct(StringComparer.Ordinal).ToList();
            var bound = containers.SelectMany(c => ApiValues.Objects(c, "networkBindings")).Select(PortSpec.FromBinding)
                .Where(p => p != null).Select(p => p!).ToList();
            return new TaskFacts(ApiValues.String(task, "taskArn") ?? string.Empty, ApiValues.String(task, "clusterArn"), ApiValues.String(task, "group"),
                ApiValues.String(task, "taskDefinitionArn"), ApiValues.String(task, "containerInstanceArn"), interfaces, digests, bound);
        }

        public static string ShortName(string? arn)
        {
            if (string.IsNullOrEmpty(arn)) return string.Empty;
            int slash = arn!.LastIndexOf('/');
            return slash >= 0 ? arn.Substring(slash + 1) : arn;
        }
    }

    /// <summary>One network interface attachment of a task: the interface id, its private IPv4 address and subnet.</summary>
    internal sealed class TaskInterface
    {
        public TaskInterface(string networkInterfaceId, string? privateIpv4, string? subnetId)
        {
            NetworkInterfaceId = networkInterfaceId;
            PrivateIpv4 = privateIpv4;
            SubnetId = subnetId;
        }

        public string NetworkInterfaceId { get; }
        public string? PrivateIpv4 { get; }
        public string? SubnetId { get; }

        // Attachment details are name/value pairs: [{ "name": "subnetId", "value": "subnet-…" }, …].
        internal static TaskInterface? FromDetails(IReadOnlyList<JsonElement> details)
        {
            string? Detail(string name) => details.Where(d => ApiValues.String(d, "name") == name).Select(d => ApiValues.String(d, "value")).FirstOrDefault(v => !string.IsNullOrEmpty(v));
            string? id = Detail("networkInterfaceId");
            return id == null ? null : new TaskInterface(id, Detail("privateIPv4Address"), Detail("subnetId"));
        }
    }

    /// <summary>
    /// A port or port range a container publishes, with its protocol (<c>tcp</c> or <c>udp</c>): the container side,
    /// and the host side where it differs (bridge mode; null when ECS picks a dynamic host port).
    /// </summary>
    internal sealed class PortSpec
    {
        public PortSpec(int from, int to, string protocol, int? hostFrom = null, int? hostTo = null)
        {
            From = from;
            To = to;
            Protocol = protocol;
            HostFrom = hostFrom;
            HostTo = hostTo;
        }

        public int From { get; }
        public int To { get; }
        public string Protocol { get; }
        public int? HostFrom { get; }
        public int? HostTo { get; }

        /// <summary><c>8080</c>, <c>8000-8100</c>, <c>53/udp</c>.</summary>
        public static string Label(int from, int to, string protocol) =>
            (from == to ? from.ToString(CultureInfo.InvariantCulture) : from.ToString(CultureInfo.InvariantCulture) + "-" + to.ToString(CultureInfo.InvariantCulture))
            + (protocol == "tcp" ? string.Empty : "/" + protocol);

        public override string ToString() => Label(From, To, Protocol);

        /// <summary>A task definition <c>portMappings</c> entry (<c>containerPort</c> or <c>containerPortRange</c>, <c>hostPort</c>, <c>protocol</c>).</summary>
        internal static PortSpec? FromMapping(JsonElement mapping)
        {
            string protocol = NormalizeProtocol(ApiValues.String(mapping, "protocol"));
            int? port = ApiValues.Int(mapping, "containerPort");
            int? host = ApiValues.Int(mapping, "hostPort");
            if (port != null) return new PortSpec(port.Value, port.Value, protocol, host is > 0 ? host : null, host is > 0 ? host : null);
            return ParseRange(ApiValues.String(mapping, "containerPortRange"), out int from, out int to) ? new PortSpec(from, to, protocol) : null;
        }

        /// <summary>A task's <c>networkBindings</c> entry: the host port ECS bound for a container port.</summary>
        internal static PortSpec? FromBinding(JsonElement binding)
        {
            string protocol = NormalizeProtocol(ApiValues.String(binding, "protocol"));
            int? container = ApiValues.Int(binding, "containerPort");
            int? host = ApiValues.Int(binding, "hostPort");
            if (host is > 0) return new PortSpec(container ?? host.Value, container ?? host.Value, protocol, host, host);
            if (ParseRange(ApiValues.String(binding, "hostPortRange"), out int from, out int to))
                return ParseRange(ApiValues.String(binding, "containerPortRange"), out int cFrom, out int cTo)
                    ? new PortSpec(cFrom, cTo, protocol, from, to) : new PortSpec(from, to, protocol, from, to);
            return null;
        }

        private static string NormalizeProtocol(string? protocol) => string.Equals(protocol, "udp", StringComparison.OrdinalIgnoreCase) ? "udp" : "tcp";

        private static bool ParseRange(string? text, out int from, out int to)
        {
            from = to = 0;
            if (string.IsNullOrEmpty(text)) return false;
            string[] parts = text!.Split('-');
            return int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out from)
                && int.TryParse(parts[parts.Length - 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out to) && from <= to;
        }
    }

    /// <summary>A task definition's network mode and the ports its containers publish (<c>portMappings</c>).</summary>
    internal sealed class TaskDefinitionPorts
    {
        public TaskDefinitionPorts(string taskDefinitionArn, string? networkMode, IReadOnlyList<PortSpec> mappings)
        {
            TaskDefinitionArn = taskDefinitionArn;
            NetworkMode = networkMode;
            Mappings = mappings;
        }

        public string TaskDefinitionArn { get; }

        /// <summary><c>awsvpc</c>, <c>bridge</c>, <c>host</c> or <c>none</c>.</summary>
        public string? NetworkMode { get; }

        public IReadOnlyList<PortSpec> Mappings { get; }

        public static TaskDefinitionPorts FromApi(JsonElement definition) => new TaskDefinitionPorts(
            ApiValues.String(definition, "taskDefinitionArn") ?? string.Empty,
            ApiValues.String(definition, "networkMode"),
            ApiValues.Objects(definition, "containerDefinitions").SelectMany(c => ApiValues.Objects(c, "portMappings"))
                .Select(PortSpec.FromMapping).Where(p => p != null).Select(p => p!).ToList());
    }
}
