using System.Text.Json.Nodes;
using AwsContainerInventory.Session;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.TestEndpoint;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Endpoint;

/// <summary>
/// Reachability over real sockets against the scripted endpoint: load-balancer paths (ALB default action and rule,
/// instance targets of bridge tasks), each new listing once per pair, paged by PageSize and batched to the APIs'
/// limits; denied ELBv2 and EC2 calls make unknown verdicts with one warning per role; throttled calls are retried.
/// </summary>
[Collection(SessionCollection.Name)]
public sealed class ReachabilityEndpointTests : IAsyncLifetime
{
    private const string Region = "us-east-1";
    private const string Account = "200000000011";
    private const string Cluster = "shop";
    private ScriptedAwsEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await ScriptedAwsEndpoint.StartAsync();

    public async Task DisposeAsync()
    {
        SessionStore.Clear();
        await _endpoint.DisposeAsync();
    }

    private Estate Estate => _endpoint.Estate;

    private sealed record Shop(string WebTask, string WebIp, string ApiTask, string BridgeTask, string OtherBridgeTask, string[] PublicTasks);

    /// <summary>
    /// Services web (ALB storefront :443 default action → web-tg), api (storefront :80 rule → api-tg), intranet
    /// (internal ALB), legacy (bridge tasks on two container instances behind an instance target group) and
    /// <paramref name="publicTasks"/> standalone tasks with a public IP, each in a security group of its own.
    /// </summary>
    private Shop Seed(int publicTasks)
    {
        Estate.AddRole(Account, "Inventory");
        Estate.AddCluster(Account, Region, Cluster);
        string definition = Estate.AddTaskDefinition(Account, Region, "web");
        JsonObject bridgeDefinition = AwsShapes.TaskDefinition(Account, Region, "legacy", 1);
        bridgeDefinition["networkMode"] = "bridge";
        bridgeDefinition["containerDefinitions"]![0]!["portMappings"]![0]!["hostPort"] = 0;
        string legacyDefinition = Estate.AddTaskDefinition(Account, Region, bridgeDefinition);

        var storefront = NetworkShapes.LoadBalancer(Account, Region, "storefront", "application", "internet-facing", "ipv4", "sg-0a1b000000000alb");
        var intranet = NetworkShapes.LoadBalancer(Account, Region, "intranet", "application", "internal", "ipv4", "sg-0a1b000000000alb");
        var legacyLb = NetworkShapes.LoadBalancer(Account, Region, "legacy", "application", "internet-facing", "ipv4", "sg-0a1b000000000alb");
        var spare = NetworkShapes.LoadBalancer(Account, Region, "spare", "network", "internet-facing");
        foreach (var lb in new[] { storefront, intranet, legacyLb, spare }) Estate.AddLoadBalancer(Account, Region, lb);
        string Arn(JsonObject lb) => lb["LoadBalancerArn"]!.GetValue<string>();
        string web = Estate.AddTargetGroup(Account, Region, NetworkShapes.TargetGroup(Account, Region, "web-tg", "ip", 8080, Arn(storefront)));
        string api = Estate.AddTargetGroup(Account, Region, NetworkShapes.TargetGroup(Account, Region, "api-tg", "ip", 8080, Arn(storefront)));
        string inside = Estate.AddTargetGroup(Account, Region, NetworkShapes.TargetGroup(Account, Region, "intranet-tg", "ip", 8080, Arn(intranet)));
        string legacy = Estate.AddTargetGroup(Account, Region, NetworkShapes.TargetGroup(Account, Region, "legacy-tg", "instance", 8080, Arn(legacyLb)));
        string unused = Estate.AddTargetGroup(Account, Region, NetworkShapes.TargetGroup(Account, Region, "spare-tg", "ip", 8080, Arn(spare)));
        string https = Estate.AddListener(Account, Region, NetworkShapes.Listener(Arn(storefront), 443, "HTTPS", web));
        string http = Estate.AddListener(Account, Region, NetworkShapes.Listener(Arn(storefront), 80, "HTTP", null));
        Estate.AddRule(Account, Region, http, NetworkShapes.PathRule(http, 5, "/api/*", api));
        Estate.AddListener(Account, Region, NetworkShapes.Listener(Arn(intranet), 80, "HTTP", inside));
        Estate.AddListener(Account, Region, NetworkShapes.Listener(Arn(legacyLb), 80, "HTTP", legacy));
        Estate.AddListener(Account, Region, NetworkShapes.Listener(Arn(spare), 443, "TCP", unused));
        Estate.AddSecurityGroup(Account, Region, NetworkShapes.SecurityGroup(Account, "sg-0a1b000000000alb", "vpc-0reach", "alb", ("tcp", 80, 80, "0.0.0.0/0"), ("tcp", 443, 443, "0.0.0.0/0")));

        string Service(string name, string targetGroup, string taskDefinition)
        {
            JsonObject service = AwsShapes.Service(Account, Region, Cluster, name, taskDefinition);
            service["loadBalancers"] = new JsonArray(new JsonObject { ["targetGroupArn"] = targetGroup, ["containerName"] = "app", ["containerPort"] = 8080 });
            return Estate.AddService(Account, Region, service);
        }
        (string Arn, string Ip) AwsvpcTask(string service, string targetGroup)
        {
            JsonObject task = AwsShapes.Task(Account, Region, Cluster, AwsShapes.NewTaskId(), definition, serviceName: service);
            string ip = task["attachments"]![0]!["details"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "privateIPv4Address")!["value"]!.GetValue<string>();
            string arn = Estate.AddTask(Account, Region, task);
            Estate.SetTargetHealth(Account, Region, targetGroup, new[] { NetworkShapes.Target(ip, 8080) });
            return (arn, ip);
        }
        Service("web", web, definition);
        Service("api", api, definition);
        Service("intranet", inside, definition);
        Service("legacy", legacy, legacyDefinition);
        var webTask = AwsvpcTask("web", web);
        var apiTask = AwsvpcTask("api", api);
        AwsvpcTask("intranet", inside);

        var bridge = new List<string>();
        foreach (var (instance, hostPort) in new[] { ("i-0aaa000000000001", 32768), ("i-0aaa000000000002", 32771) })
        {
            JsonObject containerInstance = NetworkShapes.ContainerInstance(Account, Region, Cluster, "ci-" + instance[^1], instance);
            Estate.AddContainerInstance(Account, Region, Cluster, containerInstance);
            JsonObject task = AwsShapes.Task(Account, Region, Cluster, AwsShapes.NewTaskId(), legacyDefinition, serviceName: "legacy");
            task["attachments"] = new JsonArray();
            task["launchType"] = "EC2";
            task["containerInstanceArn"] = containerInstance["containerInstanceArn"]!.GetValue<string>();
            task["containers"]![0]!["networkInterfaces"] = new JsonArray();
            task["containers"]![0]!["networkBindings"] = new JsonArray(new JsonObject { ["containerPort"] = 8080, ["hostPort"] = hostPort, ["protocol"] = "tcp" });
            bridge.Add(Estate.AddTask(Account, Region, task));
        }
        // Only the first instance's task is registered.
        Estate.SetTargetHealth(Account, Region, legacy, new[] { NetworkShapes.Target("i-0aaa000000000001", 32768) });

        var publicArns = new List<string>();
        for (int i = 0; i < publicTasks; i++)
        {
            JsonObject task = AwsShapes.Task(Account, Region, Cluster, AwsShapes.NewTaskId(), definition);
            string groupId = "sg-0c" + i.ToString("x15");
            string arn = Estate.AddTask(Account, Region, task, publicIp: "198.51.100." + (i % 250 + 1));
            string eni = task["attachments"]![0]!["details"]!.AsArray().Single(d => d!["name"]!.GetValue<string>() == "networkInterfaceId")!["value"]!.GetValue<string>();
            JsonObject networkInterface = Estate.GetNetworkInterface(Account, Region, eni)!;
            networkInterface["groupSet"] = new JsonArray(new JsonObject { ["groupId"] = groupId, ["groupName"] = "task-" + i });
            Estate.AddNetworkInterface(Account, Region, networkInterface);
            Estate.AddSecurityGroup(Account, Region, NetworkShapes.SecurityGroup(Account, groupId, AwsShapes.VpcId(Account, Region), "task-" + i, ("tcp", 8080, 8080, "0.0.0.0/0")));
            publicArns.Add(arn);
        }
        Estate.AddRouteTable(Account, Region, NetworkShapes.RouteTable(Account, "rtb-0d000000000000001", AwsShapes.VpcId(Account, Region), main: true, [],
            ("10.0.0.0/16", "local"), ("0.0.0.0/0", "igw-0d000000000000001")));
        return new Shop(webTask.Arn, webTask.Ip, apiTask.Arn, bridge[0], bridge[1], publicArns.ToArray());
    }

    private void Connect(int pageSize = 100, params string[] regions) =>
        CmdletHarness.Connect(null, pageSize: pageSize, regions: regions.Length == 0 ? new[] { Region } : regions, roles: new[] { AwsShapes.RoleArn(Account, "Inventory") },
            endpoint: _endpoint.BaseUri, keys: new AwsCredentials(Estate.DefaultAccessKeyId, Estate.DefaultSecretAccessKey));

    private static string Id(string taskArn) => taskArn[(taskArn.LastIndexOf('/') + 1)..][..8] + "\u2026";

    [Fact]
    public void Load_balancer_and_direct_paths_with_each_listing_once_paged_and_batched()
    {
        Shop shop = Seed(publicTasks: 201);
        Connect(pageSize: 2);

        var result = CmdletHarness.Invoke("Get-ContainerExposure -Kind InternetReachableTask, ReachabilityUnknown, PublicIpNotReachable");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        var paths = result.Of<ExposureFinding>().ToDictionary(f => f.ResourceArn, f => f.Path);
        Assert.Equal(new[] { ExposureKind.InternetReachableTask }, result.Of<ExposureFinding>().Select(f => f.Kind).Distinct());
        Assert.Equal(2 + 1 + 201, paths.Count);
        Assert.Equal($"internet → ALB storefront (internet-facing) :443 → target group web-tg → service web → task {Id(shop.WebTask)} :8080", paths[shop.WebTask]);
        Assert.Equal($"internet → ALB storefront (internet-facing) :80 → target group api-tg → service api → task {Id(shop.ApiTask)} :8080", paths[shop.ApiTask]);
        Assert.Equal($"internet → ALB legacy (internet-facing) :80 → target group legacy-tg → service legacy → instance i-0aaa000000000001 :32768 → task {Id(shop.BridgeTask)} :8080",
            paths[shop.BridgeTask]);
        Assert.False(paths.ContainsKey(shop.OtherBridgeTask));
        Assert.Matches(@"^internet → igw-0d000000000000001 → 198\.51\.100\.\d+ \(eni-\w+\) → task \S+ :8080$", paths[shop.PublicTasks[200]]);

        var stats = _endpoint.Stats;
        Assert.Equal(0, stats.BatchLimitViolations);
        // 4 load balancers and 5 target groups, 2 a page: 2 and 3 pages, each listing once.
        Assert.Equal(2, stats.CallCount("DescribeLoadBalancers"));
        Assert.Equal(3, stats.CallCount("DescribeTargetGroups"));
        Assert.All(stats.Calls("DescribeTargetGroups"), c => Assert.Equal(2, c.MaxResults));
        // Listeners of the internet-facing balancers in front of groups in use (storefront, legacy; not intranet, not spare); rules of
        // storefront's two listeners, whose default actions do not reach both its groups in use, not of legacy's, whose default reaches its only one.
        Assert.Equal(2, stats.CallCount("DescribeListeners"));
        Assert.Equal(2, stats.CallCount("DescribeRules"));
        // Target health of web, api and legacy only: intranet is behind an internal balancer, spare-tg is used by no service.
        Assert.Equal(3, stats.CallCount("DescribeTargetHealth"));
        Assert.Equal(new int?[] { 2 }, stats.Calls("DescribeContainerInstances").Select(c => c.BatchSize));
        // 201 task groups and the balancers' group: 200 ids a call.
        Assert.Equal(new int?[] { 2, 200 }, stats.Calls("DescribeSecurityGroups").Select(c => c.BatchSize).OrderBy(b => b));
        Assert.Equal(new int?[] { 1 }, stats.Calls("DescribeRouteTables").Select(c => c.BatchSize));
    }

    [Fact]
    public void A_denied_listing_makes_the_verdicts_it_decides_unknown_with_one_warning_per_role()
    {
        Shop shop = Seed(publicTasks: 2);
        // A second region of the same role, where the denied listing is asked too: still one warning for the role.
        const string West = "us-west-2";
        Estate.AddCluster(Account, West, Cluster);
        string westDefinition = Estate.AddTaskDefinition(Account, West, "web");
        JsonObject westService = AwsShapes.Service(Account, West, Cluster, "web", westDefinition);
        westService["loadBalancers"] = new JsonArray(new JsonObject { ["targetGroupArn"] = NetworkShapes.TargetGroupArn(Account, West, "web-tg"), ["containerName"] = "app", ["containerPort"] = 8080 });
        Estate.AddService(Account, West, westService);
        string westTask = Estate.AddTask(Account, West, AwsShapes.Task(Account, West, Cluster, AwsShapes.NewTaskId(), westDefinition, serviceName: "web"));
        Estate.DenyOperation(Account, "elasticloadbalancing:DescribeTargetGroups");
        Estate.DenyOperation(Account, "ec2:DescribeRouteTables");
        Connect(100, Region, West);

        var result = CmdletHarness.Invoke("Get-ContainerExposure -Kind InternetReachableTask, ReachabilityUnknown, PublicIpNotReachable");

        Assert.Empty(result.Errors);
        var findings = result.Of<ExposureFinding>();
        Assert.All(findings, f => Assert.Equal(ExposureKind.ReachabilityUnknown, f.Kind));
        // Every task with a target group (web, api, intranet, both bridge tasks, the western one) and every task with a public IP.
        Assert.Equal(6 + shop.PublicTasks.Length, findings.Count);
        Assert.Superset(new[] { shop.WebTask, shop.ApiTask, shop.BridgeTask, shop.OtherBridgeTask, westTask }.Concat(shop.PublicTasks).ToHashSet(),
            findings.Select(f => f.ResourceArn).ToHashSet());
        Assert.Equal(new[] { Region, West }, _endpoint.Stats.Calls("DescribeTargetGroups").Select(c => c.Region).Order(StringComparer.Ordinal));
        Assert.Contains("the load balancers in front of target group web-tg could not be read (elasticloadbalancing:DescribeTargetGroups was denied)",
            findings.Single(f => f.ResourceArn == shop.WebTask).Reason);
        Assert.Contains("the route table of subnet-", findings.Single(f => f.ResourceArn == shop.PublicTasks[0]).Reason);
        Assert.Equal(2, result.Warnings.Count);
        Assert.Contains(result.Warnings, w => w.StartsWith("elasticloadbalancing:DescribeTargetGroups was denied for role " + AwsShapes.RoleArn(Account, "Inventory")));
        Assert.Contains(result.Warnings, w => w.StartsWith("ec2:DescribeRouteTables was denied for role "));
        // Nothing read after the denied listing: no listeners, targets or instances.
        Assert.Equal(0, _endpoint.Stats.CallCount("DescribeListeners") + _endpoint.Stats.CallCount("DescribeTargetHealth") + _endpoint.Stats.CallCount("DescribeContainerInstances"));
    }

    [Fact]
    public void Throttled_and_failing_calls_of_the_new_operations_are_retried_to_the_same_verdicts()
    {
        Shop shop = Seed(publicTasks: 1);
        Connect();
        List<string> Findings(RunResult run) => run.Of<ExposureFinding>().Select(f => f.Kind + " " + f.ResourceArn + " " + f.Path).Order(StringComparer.Ordinal).ToList();
        var clean = Findings(CmdletHarness.Invoke("Get-ContainerExposure"));
        Assert.Contains(clean, f => f.StartsWith("InternetReachableTask " + shop.WebTask, StringComparison.Ordinal));

        foreach (string operation in new[] { "DescribeLoadBalancers", "DescribeTargetGroups", "DescribeListeners", "DescribeRules", "DescribeTargetHealth",
            "DescribeContainerInstances", "DescribeSecurityGroups", "DescribeRouteTables" })
        {
            foreach (FaultKind fault in new[] { FaultKind.Throttle, FaultKind.InternalError })
            {
                _endpoint.Reset();
                _endpoint.Faults.Operation = operation;
                // Every second call of the operation fails; its retry is the next call, which succeeds. Two runs, so an
                // operation called once a run fails too.
                if (fault == FaultKind.Throttle) _endpoint.Faults.ThrottleEveryNth = 2;
                else _endpoint.Faults.InternalErrorEveryNth = 2;

                foreach (RunResult result in new[] { CmdletHarness.Invoke("Get-ContainerExposure"), CmdletHarness.Invoke("Get-ContainerExposure") })
                {
                    Assert.Empty(result.Errors.Select(e => operation + " " + fault + ": " + e));
                    Assert.Equal(clean, Findings(result));
                }
                Assert.True(_endpoint.Stats.FaultsInjected(fault) > 0, operation + " " + fault);
            }
        }
        _endpoint.Faults.Clear();
    }

    [Fact]
    public void A_reachable_task_running_an_image_with_critical_findings_is_critical_and_only_its_images_are_described()
    {
        Shop shop = Seed(publicTasks: 2);
        // The registry holds the image two tasks run; one of them is reachable only because its group is open.
        Estate.AddRepository(Account, Region, "shop/api");
        string vulnerable = Estate.AddImage(Account, Region, "shop/api", "vulnerable", new[] { "1.0" }, new Dictionary<string, int> { ["CRITICAL"] = 3, ["HIGH"] = 1 });
        Estate.AddImage(Account, Region, "shop/api", "unused", new[] { "0.9" }, new Dictionary<string, int> { ["CRITICAL"] = 7 });
        foreach (string taskArn in new[] { shop.PublicTasks[0], shop.ApiTask })
        {
            JsonObject task = Estate.GetTask(Account, Region, Cluster, taskArn)!;
            task["containers"]![0]!["image"] = Account + ".dkr.ecr." + Region + ".amazonaws.com/shop/api:1.0";
            task["containers"]![0]!["imageDigest"] = vulnerable;
            Estate.AddTask(Account, Region, task);
        }
        Connect();

        var result = CmdletHarness.Invoke("Get-ContainerExposure");

        Assert.Empty(result.Errors);
        var critical = result.Of<ExposureFinding>().Where(f => f.Kind == ExposureKind.ReachableTaskRunsVulnerableImage).ToList();
        Assert.Equal(new[] { shop.ApiTask, shop.PublicTasks[0] }.OrderBy(a => a, StringComparer.Ordinal), critical.Select(f => f.ResourceArn).OrderBy(a => a, StringComparer.Ordinal));
        Assert.All(critical, f =>
        {
            Assert.Equal(ExposureSeverity.Critical, f.Severity);
            Assert.StartsWith("internet", f.Path);
            Assert.Contains("3 critical findings, 1 high", f.Reason);
        });
        // One DescribeImages, by digest, for the one repository reachable tasks use: the image nobody runs is not asked.
        var describe = Assert.Single(_endpoint.Stats.Calls("DescribeImages"));
        Assert.Equal(1, describe.BatchSize);
    }
}
