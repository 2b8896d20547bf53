using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// What decides reachability, per account × region: EC2 security groups and route tables (EC2 wire vocabulary,
/// like ENIs: <c>groupId</c>, <c>ipPermissions</c>, <c>routeTableId</c>, <c>associationSet</c>, <c>routeSet</c>, …),
/// ELBv2 load balancers, target groups, listeners, rules and target health (botocore's elbv2 member names:
/// <c>LoadBalancerArn</c>, <c>Scheme</c>, <c>DefaultActions</c>, …), and ECS container instances by cluster.
/// Entities are held as copies; getters are not needed by the handlers, which read under the estate lock.
/// </summary>
internal sealed class NetworkResources
{
    public OrderedStore<JsonObject> SecurityGroups { get; } = new();
    public OrderedStore<JsonObject> RouteTables { get; } = new();
    public OrderedStore<JsonObject> LoadBalancers { get; } = new();
    public OrderedStore<JsonObject> TargetGroups { get; } = new();
    public OrderedStore<JsonObject> Listeners { get; } = new();

    /// <summary>Rules by rule ARN; each carries the <c>ListenerArn</c> it belongs to (not a wire member: stripped when served).</summary>
    public OrderedStore<JsonObject> Rules { get; } = new();

    /// <summary><c>TargetHealthDescriptions</c> by target group ARN.</summary>
    public Dictionary<string, JsonArray> TargetHealth { get; } = new(StringComparer.Ordinal);

    /// <summary>Container instances by ARN; each carries the <c>clusterName</c> it is registered in (stripped when served).</summary>
    public OrderedStore<JsonObject> ContainerInstances { get; } = new();

    public int Count => SecurityGroups.Count + RouteTables.Count + LoadBalancers.Count + TargetGroups.Count + Listeners.Count + Rules.Count
        + TargetHealth.Count + ContainerInstances.Count;
}

public sealed partial class Estate
{
    /// <summary>Adds (or replaces, by <c>groupId</c>) a security group in EC2's wire vocabulary (see <see cref="NetworkShapes.SecurityGroup"/>).</summary>
    public string AddSecurityGroup(string accountId, string region, JsonObject group) =>
        AddNetwork(accountId, region, group, "groupId", n => n.SecurityGroups);

    /// <summary>Adds (or replaces, by <c>routeTableId</c>) a route table in EC2's wire vocabulary (see <see cref="NetworkShapes.RouteTable"/>).</summary>
    public string AddRouteTable(string accountId, string region, JsonObject table) =>
        AddNetwork(accountId, region, table, "routeTableId", n => n.RouteTables);

    /// <summary>Adds (or replaces, by <c>LoadBalancerArn</c>) an ELBv2 load balancer (see <see cref="NetworkShapes.LoadBalancer"/>).</summary>
    public string AddLoadBalancer(string accountId, string region, JsonObject balancer) =>
        AddNetwork(accountId, region, balancer, "LoadBalancerArn", n => n.LoadBalancers);

    /// <summary>Adds (or replaces, by <c>TargetGroupArn</c>) a target group; its <c>LoadBalancerArns</c> say which balancers use it.</summary>
    public string AddTargetGroup(string accountId, string region, JsonObject group) =>
        AddNetwork(accountId, region, group, "TargetGroupArn", n => n.TargetGroups);

    /// <summary>Adds (or replaces, by <c>ListenerArn</c>) a listener of the load balancer named by its <c>LoadBalancerArn</c>.</summary>
    public string AddListener(string accountId, string region, JsonObject listener) =>
        AddNetwork(accountId, region, listener, "ListenerArn", n => n.Listeners);

    /// <summary>Adds (or replaces, by <c>RuleArn</c>) a rule of <paramref name="listenerArn"/>.</summary>
    public string AddRule(string accountId, string region, string listenerArn, JsonObject rule)
    {
        var copy = rule.DeepClone().AsObject();
        copy["ListenerArn"] = listenerArn;
        return AddNetwork(accountId, region, copy, "RuleArn", n => n.Rules, capture: false);
    }

    /// <summary>Sets the registered targets of a target group (<c>TargetHealthDescriptions</c>, see <see cref="NetworkShapes.Target"/>).</summary>
    public void SetTargetHealth(string accountId, string region, string targetGroupArn, IEnumerable<JsonObject> descriptions)
    {
        lock (_sync)
        {
            Region(accountId, region).Network.TargetHealth[targetGroupArn] = new JsonArray(descriptions.Select(d => (JsonNode?)d.DeepClone()).ToArray());
        }
    }

    /// <summary>Registers a container instance (<c>containerInstanceArn</c>, <c>ec2InstanceId</c>, …) in cluster <paramref name="clusterName"/>.</summary>
    public string AddContainerInstance(string accountId, string region, string clusterName, JsonObject instance)
    {
        var copy = instance.DeepClone().AsObject();
        copy["clusterName"] = clusterName;
        return AddNetwork(accountId, region, copy, "containerInstanceArn", n => n.ContainerInstances, capture: false);
    }

    private string AddNetwork(string accountId, string region, JsonObject entity, string key, Func<NetworkResources, OrderedStore<JsonObject>> store, bool capture = true)
    {
        var id = entity[key] is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0
            ? text : throw new ArgumentException($"The entity needs '{key}'.", nameof(entity));
        lock (_sync)
        {
            store(Region(accountId, region).Network).Upsert(id, capture ? entity.DeepClone().AsObject() : entity);
        }
        return id;
    }

    private void LoadNetwork(string accountId, string region, JsonObject json)
    {
        foreach (var group in NetworkItems(json, "securityGroups")) AddSecurityGroup(accountId, region, group);
        foreach (var table in NetworkItems(json, "routeTables")) AddRouteTable(accountId, region, table);
        foreach (var balancer in NetworkItems(json, "loadBalancers")) AddLoadBalancer(accountId, region, balancer);
        foreach (var group in NetworkItems(json, "targetGroups")) AddTargetGroup(accountId, region, group);
        foreach (var listener in NetworkItems(json, "listeners")) AddListener(accountId, region, listener);
        foreach (var rule in NetworkItems(json, "rules"))
            AddRule(accountId, region, rule["ListenerArn"]?.GetValue<string>() ?? throw new ArgumentException("A rule needs 'ListenerArn'."), rule);
        foreach (var health in NetworkItems(json, "targetHealth"))
            SetTargetHealth(accountId, region, health["targetGroupArn"]!.GetValue<string>(), NetworkItems(health, "targets"));
        foreach (var instance in NetworkItems(json, "containerInstances"))
            AddContainerInstance(accountId, region, instance["clusterName"]?.GetValue<string>() ?? "default", instance);
    }

    private static void NetworkToJson(RegionResources r, JsonObject json)
    {
        var n = r.Network;
        json["securityGroups"] = Copies(n.SecurityGroups.Items);
        json["routeTables"] = Copies(n.RouteTables.Items);
        json["loadBalancers"] = Copies(n.LoadBalancers.Items);
        json["targetGroups"] = Copies(n.TargetGroups.Items);
        json["listeners"] = Copies(n.Listeners.Items);
        json["rules"] = Copies(n.Rules.Items);
        json["targetHealth"] = new JsonArray(n.TargetHealth.Select(p => (JsonNode?)new JsonObject
        {
            ["targetGroupArn"] = p.Key,
            ["targets"] = p.Value.DeepClone(),
        }).ToArray());
        json["containerInstances"] = Copies(n.ContainerInstances.Items);
    }

    private static JsonArray Copies(IEnumerable<JsonObject> items) => new(items.Select(i => (JsonNode?)i.DeepClone()).ToArray());

    private static IEnumerable<JsonObject> NetworkItems(JsonObject parent, string member) =>
        (parent[member] as JsonArray ?? []).Select(n => n as JsonObject ?? throw new ArgumentException($"'{member}' holds a non-object."));
}

/// <summary>Realistic reachability entities, in the shapes the estate holds (see <see cref="NetworkResources"/>).</summary>
public static class NetworkShapes
{
    public static string LoadBalancerArn(string accountId, string region, string type, string name) =>
        $"arn:aws:elasticloadbalancing:{region}:{accountId}:loadbalancer/{(type == "network" ? "net" : "app")}/{name}/{Hex(name)}";

    public static string TargetGroupArn(string accountId, string region, string name) =>
        $"arn:aws:elasticloadbalancing:{region}:{accountId}:targetgroup/{name}/{Hex(name)}";

    public static string ListenerArn(string loadBalancerArn, int port) =>
        loadBalancerArn.Replace(":loadbalancer/", ":listener/", StringComparison.Ordinal) + "/" + Hex(port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A security group; <paramref name="openings"/> are (protocol, from, to, cidr) inbound rules (a <c>:</c> in the CIDR makes it IPv6).</summary>
    public static JsonObject SecurityGroup(string accountId, string groupId, string vpcId, string name, params (string Protocol, int? From, int? To, string Cidr)[] openings) => new()
    {
        ["ownerId"] = accountId, ["groupId"] = groupId, ["groupName"] = name, ["groupDescription"] = name, ["vpcId"] = vpcId,
        ["ipPermissions"] = new JsonArray(openings.Select(o =>
        {
            var permission = new JsonObject { ["ipProtocol"] = o.Protocol };
            if (o.From is not null) { permission["fromPort"] = o.From.Value.ToString(System.Globalization.CultureInfo.InvariantCulture); permission["toPort"] = o.To!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture); }
            permission["groups"] = new JsonArray();
            permission["ipRanges"] = o.Cidr.Contains(':') ? new JsonArray() : new JsonArray(new JsonObject { ["cidrIp"] = o.Cidr });
            permission["ipv6Ranges"] = o.Cidr.Contains(':') ? new JsonArray(new JsonObject { ["cidrIpv6"] = o.Cidr }) : new JsonArray();
            permission["prefixListIds"] = new JsonArray();
            return (JsonNode?)permission;
        }).ToArray()),
        ["ipPermissionsEgress"] = new JsonArray(new JsonObject { ["ipProtocol"] = "-1", ["groups"] = new JsonArray(), ["ipRanges"] = new JsonArray(new JsonObject { ["cidrIp"] = "0.0.0.0/0" }) }),
    };

    /// <summary>A route table; the main table of its VPC when <paramref name="main"/>, explicitly associated with <paramref name="subnets"/>; routes are (destination, gateway).</summary>
    public static JsonObject RouteTable(string accountId, string routeTableId, string vpcId, bool main, string[] subnets, params (string Destination, string Gateway)[] routes) => new()
    {
        ["routeTableId"] = routeTableId, ["vpcId"] = vpcId, ["ownerId"] = accountId,
        ["associationSet"] = new JsonArray((main ? new[] { (JsonNode?)Association(routeTableId, null) } : []).Concat(subnets.Select(s => (JsonNode?)Association(routeTableId, s))).ToArray()),
        ["routeSet"] = new JsonArray(routes.Select(r => (JsonNode?)new JsonObject
        {
            [r.Destination.Contains(':') ? "destinationIpv6CidrBlock" : "destinationCidrBlock"] = r.Destination,
            ["gatewayId"] = r.Gateway, ["state"] = "active", ["origin"] = r.Gateway == "local" ? "CreateRouteTable" : "CreateRoute",
        }).ToArray()),
        ["tagSet"] = new JsonArray(),
    };

    public static JsonObject LoadBalancer(string accountId, string region, string name, string type, string scheme, string ipAddressType = "ipv4", params string[] securityGroups)
    {
        var balancer = new JsonObject
        {
            ["LoadBalancerArn"] = LoadBalancerArn(accountId, region, type, name), ["DNSName"] = $"{name}-1.{region}.elb.amazonaws.com",
            ["CanonicalHostedZoneId"] = "Z35SXDOTRQ7X7K", ["CreatedTime"] = "2026-01-01T00:00:00Z", ["LoadBalancerName"] = name, ["Scheme"] = scheme,
            ["VpcId"] = "vpc-0reach", ["State"] = new JsonObject { ["Code"] = "active" }, ["Type"] = type, ["IpAddressType"] = ipAddressType,
        };
        if (securityGroups.Length > 0) balancer["SecurityGroups"] = new JsonArray(securityGroups.Select(g => (JsonNode?)g).ToArray());
        return balancer;
    }

    public static JsonObject TargetGroup(string accountId, string region, string name, string targetType, int port, params string[] loadBalancerArns) => new()
    {
        ["TargetGroupArn"] = TargetGroupArn(accountId, region, name), ["TargetGroupName"] = name, ["Protocol"] = "HTTP", ["Port"] = port,
        ["VpcId"] = "vpc-0reach", ["HealthCheckProtocol"] = "HTTP", ["HealthCheckPort"] = "traffic-port", ["HealthCheckEnabled"] = true,
        ["LoadBalancerArns"] = new JsonArray(loadBalancerArns.Select(a => (JsonNode?)a).ToArray()), ["TargetType"] = targetType, ["IpAddressType"] = "ipv4",
    };

    /// <summary>A listener whose default action forwards to <paramref name="forwardTo"/> (or answers 404 when null).</summary>
    public static JsonObject Listener(string loadBalancerArn, int port, string protocol, string? forwardTo) => new()
    {
        ["ListenerArn"] = ListenerArn(loadBalancerArn, port), ["LoadBalancerArn"] = loadBalancerArn, ["Port"] = port, ["Protocol"] = protocol,
        ["DefaultActions"] = new JsonArray(forwardTo is null
            ? new JsonObject { ["Type"] = "fixed-response", ["FixedResponseConfig"] = new JsonObject { ["StatusCode"] = "404" } }
            : new JsonObject { ["Type"] = "forward", ["TargetGroupArn"] = forwardTo }),
    };

    /// <summary>A non-default rule forwarding requests matching a path pattern to one group (ForwardConfig form).</summary>
    public static JsonObject PathRule(string listenerArn, int priority, string pattern, string forwardTo) => new()
    {
        ["RuleArn"] = listenerArn.Replace(":listener/", ":listener-rule/", StringComparison.Ordinal) + "/" + Hex(pattern), ["Priority"] = priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Conditions"] = new JsonArray(new JsonObject { ["Field"] = "path-pattern", ["Values"] = new JsonArray(pattern) }),
        ["Actions"] = new JsonArray(new JsonObject { ["Type"] = "forward", ["ForwardConfig"] = new JsonObject
        {
            ["TargetGroups"] = new JsonArray(new JsonObject { ["TargetGroupArn"] = forwardTo, ["Weight"] = 1 }),
        } }),
        ["IsDefault"] = false,
    };

    public static JsonObject Target(string id, int port, string state = "healthy") => new()
    {
        ["Target"] = new JsonObject { ["Id"] = id, ["Port"] = port }, ["HealthCheckPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["TargetHealth"] = new JsonObject { ["State"] = state },
    };

    public static JsonObject ContainerInstance(string accountId, string region, string cluster, string id, string ec2InstanceId) => new()
    {
        ["containerInstanceArn"] = $"arn:aws:ecs:{region}:{accountId}:container-instance/{cluster}/{id}", ["ec2InstanceId"] = ec2InstanceId,
        ["status"] = "ACTIVE", ["agentConnected"] = true, ["runningTasksCount"] = 1, ["pendingTasksCount"] = 0,
    };

    private static JsonObject Association(string routeTableId, string? subnet)
    {
        var association = new JsonObject { ["main"] = subnet is null, ["routeTableAssociationId"] = "rtbassoc-" + Hex(routeTableId + subnet)[..17], ["routeTableId"] = routeTableId };
        if (subnet is not null) association["subnetId"] = subnet;
        association["associationState"] = new JsonObject { ["state"] = "associated" };
        return association;
    }

    private static string Hex(string seed) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(seed)))[..16].PadRight(17, '0');
}
