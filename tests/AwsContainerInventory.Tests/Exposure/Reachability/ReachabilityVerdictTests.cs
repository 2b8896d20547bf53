using AwsContainerInventory.Exposure.Reachability;
using AwsContainerInventory.Wire;
using static AwsContainerInventory.Tests.Exposure.Reachability.ReachabilityEstate;

namespace AwsContainerInventory.Tests.Exposure.Reachability;

/// <summary>Verdicts per task from facts and one pair's network: direct paths, load-balancer paths, near misses and unknowns.</summary>
public class ReachabilityVerdictTests
{
    private readonly ReachabilityEstate _estate = new();

    private string Web(string id = "1a2b3c4d5e6f", string? publicIp = "203.0.113.10", string? ipv6 = null, string subnet = "subnet-public", string? service = null) =>
        _estate.AwsvpcTask(id, _estate.TaskDefinition("web", "awsvpc", """{"containerPort":8080,"protocol":"tcp"}"""), "eni-1", "10.0.1.5", publicIp, ipv6, subnet: subnet, service: service);

    [Fact]
    public void A_public_IP_an_open_group_and_an_internet_route_make_a_direct_path_with_its_evidence()
    {
        string task = Web();
        _estate.Group("sg-task", Open("tcp", 8000, 8100));
        _estate.Routes();

        TaskReachability verdict = _estate.Verdict(task);

        Assert.Equal(ReachabilityVerdict.Reachable, verdict.Verdict);
        ReachPath path = Assert.Single(verdict.Paths);
        Assert.Equal("internet \u2192 igw-1 \u2192 203.0.113.10 (eni-1) \u2192 task 1a2b3c4d\u2026 :8080", path.Text);
        Assert.Equal(new[] { "route table rtb-main (main table of vpc-1) sends 0.0.0.0/0 to igw-1", "security group sg-task admits tcp 8000-8100 from 0.0.0.0/0" }, path.Evidence);
        Assert.Equal(new[] { "sha256:aaaa" }, verdict.Task.ImageDigests);
    }

    [Fact]
    public void A_group_closed_on_the_container_port_drops_to_a_near_miss()
    {
        string task = Web();
        _estate.Group("sg-task", Open("tcp", 443, 443), Open("tcp", 8080, 8080, "10.0.0.0/8"));
        _estate.Routes();

        TaskReachability verdict = _estate.Verdict(task);

        Assert.Equal(ReachabilityVerdict.PublicAddressNotReachable, verdict.Verdict);
        Assert.Equal("203.0.113.10 (eni-1): no security group admits 0.0.0.0/0 on a port the task publishes (it publishes 8080)", Assert.Single(verdict.NearMisses));
    }

    [Fact]
    public void A_subnet_without_an_internet_route_drops_to_a_near_miss_naming_its_table()
    {
        string task = Web(subnet: "subnet-private");
        _estate.Group("sg-task", Open("-1", null, null));
        _estate.Routes();

        TaskReachability verdict = _estate.Verdict(task);

        Assert.Equal(ReachabilityVerdict.PublicAddressNotReachable, verdict.Verdict);
        Assert.Equal("203.0.113.10 (eni-1): subnet subnet-private has no route 0.0.0.0/0 to an internet gateway (route table rtb-private, explicit association of subnet-private)",
            Assert.Single(verdict.NearMisses));
    }

    [Fact]
    public void An_IPv6_only_opening_reaches_the_IPv6_address_and_not_the_IPv4_one()
    {
        string task = Web(ipv6: "2600:1f18::10");
        _estate.Group("sg-task", Open("tcp", 8080, 8080, SecurityGroupMatch.AnyIpv6));
        _estate.Routes();

        TaskReachability verdict = _estate.Verdict(task);

        Assert.Equal("internet \u2192 igw-1 \u2192 2600:1f18::10 (eni-1) \u2192 task 1a2b3c4d\u2026 :8080", Assert.Single(verdict.Paths).Text);
        Assert.Contains(verdict.NearMisses, m => m.StartsWith("203.0.113.10 (eni-1): no security group admits 0.0.0.0/0", StringComparison.Ordinal));
        Assert.Equal(new[] { "203.0.113.10", "2600:1f18::10" }, verdict.PublicAddresses);
    }

    [Fact]
    public void All_traffic_admits_every_published_port_and_a_task_without_ports_is_open_on_all()
    {
        string withPorts = Web();
        string without = _estate.AwsvpcTask("99887766", _estate.TaskDefinition("bare", "awsvpc"), "eni-2", "10.0.1.6", "203.0.113.11");
        _estate.Group("sg-task", Open("-1", null, null));
        _estate.Routes();

        Assert.EndsWith(":8080", Assert.Single(_estate.Verdict(withPorts).Paths).Text);
        Assert.Equal("internet \u2192 igw-1 \u2192 203.0.113.11 (eni-2) \u2192 task 99887766 (all ports)",
            Assert.Single(_estate.Facts.Evaluate().Single(v => v.Task.TaskArn == without).Paths).Text);
    }

    [Fact]
    public void An_unreadable_group_or_route_table_makes_the_verdict_unknown_never_not_exposed()
    {
        string task = Web();
        _estate.Network.MarkUnread(ScopeNetwork.SecurityGroupsPart, "ec2:DescribeSecurityGroups was denied");

        TaskReachability verdict = _estate.Verdict(task);

        Assert.Equal(ReachabilityVerdict.Unknown, verdict.Verdict);
        Assert.Equal("the security groups sg-task of 203.0.113.10 (eni-1) could not be read (ec2:DescribeSecurityGroups was denied)", Assert.Single(verdict.Unknowns));
    }

    [Fact]
    public void An_interface_EC2_would_not_describe_is_unknown_and_a_private_task_without_load_balancer_is_not_exposed()
    {
        string hidden = _estate.AwsvpcTask("hidden01", _estate.TaskDefinition("web", "awsvpc"), "eni-1", "10.0.1.5", null, described: false);
        _estate.Facts.OnNetworkInterfacesUnread(new[] { "eni-1" }, "ec2:DescribeNetworkInterfaces was denied");
        string quiet = _estate.AwsvpcTask("quiet001", _estate.TaskDefinition("quiet", "awsvpc"), "eni-3", "10.0.1.7", null);

        _estate.Facts.AddNetwork(_estate.Network);
        var verdicts = _estate.Facts.Evaluate();

        Assert.Equal(ReachabilityVerdict.Unknown, verdicts.Single(v => v.Task.TaskArn == hidden).Verdict);
        Assert.Equal(ReachabilityVerdict.NotExposed, verdicts.Single(v => v.Task.TaskArn == quiet).Verdict);
    }

    [Fact]
    public void An_internet_facing_ALB_default_action_reaches_a_private_task_by_its_IP()
    {
        string task = Web(publicIp: null, service: "web");
        var alb = _estate.Balancer("web-prod", "application", "internet-facing", "ipv4", "sg-alb");
        var group = _estate.TargetGroup("web-tg", "ip", 8080, alb, new TargetHealthInfo("10.0.1.5", 8080, "healthy"));
        _estate.Listener(alb, 443, "HTTPS", group.Arn);
        _estate.Group("sg-alb", Open("tcp", 443, 443));
        _estate.Service("web", group.Arn);

        TaskReachability verdict = _estate.Verdict(task);

        ReachPath path = Assert.Single(verdict.Paths);
        Assert.Equal("internet \u2192 ALB web-prod (internet-facing) :443 \u2192 target group web-tg \u2192 service web \u2192 task 1a2b3c4d\u2026 :8080", path.Text);
        Assert.Equal(new[]
        {
            "ALB web-prod: internet-facing application (ipv4)",
            "listener :443/HTTPS default action forwards to target group web-tg",
            "security group sg-alb admits tcp 443 from 0.0.0.0/0",
            "target 10.0.1.5:8080 of web-tg is healthy",
        }, path.Evidence);
    }

    [Fact]
    public void An_ALB_rule_forwarding_to_the_group_is_a_path_and_names_its_conditions()
    {
        string task = Web(publicIp: null, service: "api");
        var alb = _estate.Balancer("web-prod", "application", "internet-facing", "ipv4", "sg-alb");
        var group = _estate.TargetGroup("api-tg", "ip", 8080, alb, new TargetHealthInfo("10.0.1.5", 8080, "unhealthy"));
        _estate.Listener(alb, 80, "HTTP", forwardTo: null,
            new ListenerRuleInfo("arn:rule/10", "10", false, new[] { "path-pattern /api/*", "host-header shop.example.com" }, new[] { new ListenerAction("authenticate-oidc", Array.Empty<string>()), new ListenerAction("forward", new[] { group.Arn }) }),
            new ListenerRuleInfo("arn:rule/default", "default", true, Array.Empty<string>(), new[] { new ListenerAction("fixed-response", Array.Empty<string>()) }));
        _estate.Group("sg-alb", Open("tcp", 0, 65535));
        _estate.Service("api", group.Arn);

        ReachPath path = Assert.Single(_estate.Verdict(task).Paths);

        // No ";" inside an evidence item: Evidence exports as "a;b;c".
        Assert.Contains("listener :80/HTTP rule 10 (path-pattern /api/* and host-header shop.example.com) forwards to target group api-tg", path.Evidence);
        Assert.Contains("target 10.0.1.5:8080 of api-tg is unhealthy", path.Evidence);
    }

    [Fact]
    public void Internal_balancers_closed_balancer_groups_and_unregistered_or_draining_targets_are_near_misses()
    {
        string task = Web(publicIp: null, service: "web");
        var inside = _estate.Balancer("inside", "application", "internal", "ipv4", "sg-alb");
        var closed = _estate.Balancer("closed", "application", "internet-facing", "ipv4", "sg-closed");
        var insideGroup = _estate.TargetGroup("inside-tg", "ip", 8080, inside, new TargetHealthInfo("10.0.1.5", 8080, "healthy"));
        var closedGroup = _estate.TargetGroup("closed-tg", "ip", 8080, closed, new TargetHealthInfo("10.0.1.5", 8080, "healthy"));
        var nlb = _estate.Balancer("edge-nlb", "network", "internet-facing");
        var drained = _estate.TargetGroup("drained-tg", "ip", 8080, nlb, new TargetHealthInfo("10.0.1.5", 8080, "draining"), new TargetHealthInfo("10.0.9.9", 8080, "healthy"));
        _estate.Listener(inside, 443, "HTTPS", insideGroup.Arn);
        _estate.Listener(closed, 443, "HTTPS", closedGroup.Arn);
        _estate.Listener(nlb, 443, "TCP", drained.Arn);
        _estate.Group("sg-alb", Open("tcp", 443, 443));
        _estate.Group("sg-closed", Open("tcp", 80, 80), Open("tcp", 443, 443, SecurityGroupMatch.AnyIpv6));
        _estate.Service("web", insideGroup.Arn, closedGroup.Arn, drained.Arn);

        TaskReachability verdict = _estate.Verdict(task);

        Assert.Equal(ReachabilityVerdict.NotExposed, verdict.Verdict);
        Assert.Equal(new[]
        {
            "ALB inside in front of target group inside-tg is internal",
            "ALB closed: no security group admits 0.0.0.0/0 on listener :443",
            "target 10.0.1.5 of drained-tg is draining: the load balancer sends it nothing",
        }, verdict.NearMisses);
    }

    [Fact]
    public void A_dualstack_balancer_counts_an_IPv6_opening_and_an_NLB_without_groups_needs_none()
    {
        string task = Web(publicIp: null, service: "web");
        var dual = _estate.Balancer("dual", "application", "internet-facing", "dualstack", "sg-v6");
        var nlb = _estate.Balancer("edge-nlb", "network", "internet-facing");
        var dualGroup = _estate.TargetGroup("dual-tg", "ip", 8080, dual, new TargetHealthInfo("10.0.1.5", 8080, "healthy"));
        var nlbGroup = _estate.TargetGroup("nlb-tg", "ip", 8080, nlb, new TargetHealthInfo("10.0.1.5", 8080, "initial"));
        _estate.Listener(dual, 443, "HTTPS", dualGroup.Arn);
        _estate.Listener(nlb, 8443, "TLS", nlbGroup.Arn);
        _estate.Group("sg-v6", Open("tcp", 443, 443, SecurityGroupMatch.AnyIpv6));
        _estate.Service("web", dualGroup.Arn, nlbGroup.Arn);

        var paths = _estate.Verdict(task).Paths.Select(p => p.Text).ToList();

        Assert.Equal(new[]
        {
            "internet \u2192 ALB dual (internet-facing, dualstack) :443 \u2192 target group dual-tg \u2192 service web \u2192 task 1a2b3c4d\u2026 :8080",
            "internet \u2192 NLB edge-nlb (internet-facing) :8443 \u2192 target group nlb-tg \u2192 service web \u2192 task 1a2b3c4d\u2026 :8080",
        }, paths);
    }

    [Fact]
    public void An_instance_target_reaches_a_bridge_task_through_its_container_instance_and_host_port()
    {
        const string instance = "arn:aws:ecs:us-east-1:111111111111:container-instance/prod/ci-1";
        string definition = _estate.TaskDefinition("legacy", "bridge", """{"containerPort":80,"hostPort":0,"protocol":"tcp"}""");
        string task = _estate.BridgeTask("bridge01", definition, instance, "legacy", """{"containerPort":80,"hostPort":32768,"protocol":"tcp"}""");
        string other = _estate.BridgeTask("bridge02", definition, instance, "legacy", """{"containerPort":80,"hostPort":32769,"protocol":"tcp"}""");
        var alb = _estate.Balancer("legacy", "application", "internet-facing", "ipv4", "sg-alb");
        var group = _estate.TargetGroup("legacy-tg", "instance", 80, alb, new TargetHealthInfo("i-0abc", 32768, "healthy"));
        _estate.Listener(alb, 80, "HTTP", group.Arn);
        _estate.Group("sg-alb", Open("tcp", 80, 80));
        _estate.Network.ContainerInstances[instance] = "i-0abc";
        _estate.Service("legacy", group.Arn);

        TaskReachability verdict = _estate.Verdict(task);

        ReachPath path = Assert.Single(verdict.Paths);
        Assert.Equal("internet \u2192 ALB legacy (internet-facing) :80 \u2192 target group legacy-tg \u2192 service legacy \u2192 instance i-0abc :32768 \u2192 task bridge01 :80", path.Text);
        Assert.Equal(ReachabilityVerdict.NotExposed, _estate.Facts.Evaluate().Single(v => v.Task.TaskArn == other).Verdict);
    }

    [Fact]
    public void Unread_load_balancers_listeners_rules_targets_or_instances_make_the_verdict_unknown()
    {
        string task = Web(publicIp: null, service: "web");
        var alb = _estate.Balancer("web-prod", "application", "internet-facing", "ipv4", "sg-alb");
        var group = _estate.TargetGroup("web-tg", "ip", 8080, alb, new TargetHealthInfo("10.0.1.5", 8080, "healthy"));
        _estate.Service("web", group.Arn);
        _estate.Network.MarkUnread(ScopeNetwork.ListenersPart(alb.Arn), "elasticloadbalancing:DescribeListeners was denied");

        TaskReachability verdict = _estate.Verdict(task);

        Assert.Equal(ReachabilityVerdict.Unknown, verdict.Verdict);
        Assert.Equal("the listeners of web-prod could not be read (elasticloadbalancing:DescribeListeners was denied)", Assert.Single(verdict.Unknowns));

        var denied = new ReachabilityEstate();
        string other = denied.AwsvpcTask("t2", denied.TaskDefinition("web", "awsvpc"), "eni-9", "10.0.1.9", null, service: "web");
        denied.Service("web", TargetGroupArn("web-tg"));
        denied.Network.MarkUnread(ScopeNetwork.TargetGroupsPart, "elasticloadbalancing:DescribeTargetGroups was denied");
        Assert.StartsWith("the load balancers in front of target group web-tg could not be read", Assert.Single(denied.Verdict(other).Unknowns));
    }
}
