using System.Text.Json;
using AwsContainerInventory.Exposure.Reachability;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Exposure.Reachability;

/// <summary>Builds reachability facts and one pair's network as the readers would fill them, for the verdict tests.</summary>
internal sealed class ReachabilityEstate
{
    public const string Account = "111111111111";
    public const string Region = "us-east-1";
    public const string Cluster = "arn:aws:ecs:us-east-1:111111111111:cluster/prod";

    public ReachabilityFacts Facts { get; } = new();
    public ScopeNetwork Network { get; } = new(Region, Account);

    public static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    public static string TaskArn(string id) => $"arn:aws:ecs:{Region}:{Account}:task/prod/{id}";

    public static string TargetGroupArn(string name) => $"arn:aws:elasticloadbalancing:{Region}:{Account}:targetgroup/{name}/0123456789abcdef";

    public static string LoadBalancerArn(string kind, string name) => $"arn:aws:elasticloadbalancing:{Region}:{Account}:loadbalancer/{kind}/{name}/fedcba9876543210";

    /// <summary>A task definition with <paramref name="mappings"/> as portMappings JSON (e.g. <c>{"containerPort":8080}</c>).</summary>
    public string TaskDefinition(string family, string networkMode, params string[] mappings)
    {
        string arn = $"arn:aws:ecs:{Region}:{Account}:task-definition/{family}:1";
        Facts.OnTaskDefinition(Json($$"""
            {"taskDefinitionArn":"{{arn}}","networkMode":"{{networkMode}}",
             "containerDefinitions":[{"name":"app","image":"nginx","portMappings":[{{string.Join(",", mappings)}}]}]}
            """));
        return arn;
    }

    /// <summary>An awsvpc task with one interface (<paramref name="eni"/>, <paramref name="privateIp"/>); its interface as EC2 describes it.</summary>
    public string AwsvpcTask(string id, string taskDefinition, string eni, string privateIp, string? publicIp, string? ipv6 = null,
        string[]? groups = null, string subnet = "subnet-public", string? service = null, string digest = "sha256:aaaa", bool described = true)
    {
        Facts.OnTask(Json($$"""
            {"taskArn":"{{TaskArn(id)}}","clusterArn":"{{Cluster}}","taskDefinitionArn":"{{taskDefinition}}","group":"{{(service == null ? "family:x" : "service:" + service)}}",
             "containers":[{"name":"app","image":"nginx","imageDigest":"{{digest}}"}],
             "attachments":[{"type":"ElasticNetworkInterface","status":"ATTACHED","details":[
               {"name":"subnetId","value":"{{subnet}}"},{"name":"networkInterfaceId","value":"{{eni}}"},{"name":"privateIPv4Address","value":"{{privateIp}}"}]}]}
            """));
        if (described) Facts.OnNetworkInterface(new NetworkInterfaceAddresses(eni, publicIp == null ? Array.Empty<string>() : new[] { publicIp },
            ipv6 == null ? Array.Empty<string>() : new[] { ipv6 }, privateIp, groups ?? new[] { "sg-task" }, subnet, "vpc-1"));
        return TaskArn(id);
    }

    /// <summary>A bridge-mode task on a container instance, with the host ports ECS bound (JSON networkBindings).</summary>
    public string BridgeTask(string id, string taskDefinition, string containerInstance, string service, params string[] bindings)
    {
        Facts.OnTask(Json($$"""
            {"taskArn":"{{TaskArn(id)}}","clusterArn":"{{Cluster}}","taskDefinitionArn":"{{taskDefinition}}","group":"service:{{service}}",
             "containerInstanceArn":"{{containerInstance}}",
             "containers":[{"name":"app","image":"nginx","networkBindings":[{{string.Join(",", bindings)}}]}]}
            """));
        return TaskArn(id);
    }

    public void Service(string name, params string[] targetGroupArns) =>
        Facts.AddService(EcsServiceMapping.FromApi(Json($$"""
            {"serviceArn":"arn:aws:ecs:{{Region}}:{{Account}}:service/prod/{{name}}","serviceName":"{{name}}","clusterArn":"{{Cluster}}",
             "loadBalancers":[{{string.Join(",", targetGroupArns.Select(a => $$"""{"targetGroupArn":"{{a}}","containerName":"app","containerPort":8080}"""))}}]}
            """), Region, DateTime.UtcNow));

    public void Group(string id, params IngressRule[] rules) => Network.SecurityGroups[id] = new SecurityGroupRules(id, null, "vpc-1", rules);

    public static IngressRule Open(string protocol, int? from, int? to, string cidr = SecurityGroupMatch.AnyIpv4) =>
        new(protocol, from, to, cidr == SecurityGroupMatch.AnyIpv6 ? Array.Empty<string>() : new[] { cidr }, cidr == SecurityGroupMatch.AnyIpv6 ? new[] { cidr } : Array.Empty<string>());

    /// <summary>The main table routes 0.0.0.0/0 and ::/0 to igw-1; subnet-private has its own table with local routes only.</summary>
    public void Routes()
    {
        Network.RouteTables.Add(new RouteTableRoutes("rtb-main", "vpc-1", true, Array.Empty<string>(), new[]
        {
            new RouteEntry("10.0.0.0/16", null, "local", "active"), new RouteEntry("0.0.0.0/0", null, "igw-1", "active"), new RouteEntry(null, "::/0", "igw-1", "active"),
        }));
        Network.RouteTables.Add(new RouteTableRoutes("rtb-private", "vpc-1", false, new[] { "subnet-private" }, new[] { new RouteEntry("10.0.0.0/16", null, "local", "active") }));
    }

    public LoadBalancerInfo Balancer(string name, string type, string scheme, string ipAddressType = "ipv4", params string[] groups)
    {
        var balancer = new LoadBalancerInfo(LoadBalancerArn(type == "application" ? "app" : "net", name), name, scheme, type, ipAddressType, "vpc-1", groups);
        Network.LoadBalancers[balancer.Arn] = balancer;
        return balancer;
    }

    public TargetGroupInfo TargetGroup(string name, string targetType, int port, LoadBalancerInfo balancer, params TargetHealthInfo[] targets)
    {
        var group = new TargetGroupInfo(TargetGroupArn(name), name, targetType, "HTTP", port, new[] { balancer.Arn });
        Network.TargetGroups[group.Arn] = group;
        Network.Targets[group.Arn] = targets;
        return group;
    }

    public ListenerInfo Listener(LoadBalancerInfo balancer, int port, string protocol, string? forwardTo, params ListenerRuleInfo[] rules)
    {
        var listener = new ListenerInfo(balancer.Arn.Replace(":loadbalancer/", ":listener/") + "/" + port, balancer.Arn, port, protocol,
            forwardTo == null ? new[] { new ListenerAction("fixed-response", Array.Empty<string>()) } : new[] { new ListenerAction("forward", new[] { forwardTo }) });
        var existing = Network.Listeners.TryGetValue(balancer.Arn, out var list) ? list : Array.Empty<ListenerInfo>();
        Network.Listeners[balancer.Arn] = existing.Append(listener).ToList();
        if (rules.Length > 0) Network.Rules[listener.Arn] = rules;
        return listener;
    }

    public TaskReachability Verdict(string taskArn)
    {
        Facts.AddNetwork(Network);
        return Facts.Evaluate().Single(v => v.Task.TaskArn == taskArn);
    }
}
