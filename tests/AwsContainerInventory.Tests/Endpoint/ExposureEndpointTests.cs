using System.Text.Json.Nodes;
using AwsContainerInventory.Session;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.TestEndpoint;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Endpoint;

/// <summary>
/// Get-ContainerExposure over real sockets on a three-account estate: a task of account B that the internet reaches
/// (public IP, open group, internet route) runs the image of account A's public repository; account C may not call
/// ec2:DescribeNetworkInterfaces, so its task's reachability is unknown. Exact findings and the minimum extra calls.
/// </summary>
[Collection(SessionCollection.Name)]
public sealed class ExposureEndpointTests : IAsyncLifetime
{
    private const string Region = "us-east-1";
    private const string A = "200000000001";
    private const string B = "200000000002";
    private const string C = "200000000003";
    private const string OpenPolicy = """{"Version":"2012-10-17","Statement":[{"Sid":"PullForAll","Effect":"Allow","Principal":{"AWS":"*"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}""";
    private const string OrgPolicy = """{"Version":"2012-10-17","Statement":[{"Sid":"PullForOrg","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}""";
    private ScriptedAwsEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await ScriptedAwsEndpoint.StartAsync();

    public async Task DisposeAsync()
    {
        SessionStore.Clear();
        await _endpoint.DisposeAsync();
    }

    private string AddRepository(string account, string name, string? policy, bool hardened)
    {
        JsonObject repository = AwsShapes.Repository(account, Region, name);
        if (hardened)
        {
            repository["imageTagMutability"] = "IMMUTABLE";
            repository["imageScanningConfiguration"] = new JsonObject { ["scanOnPush"] = true };
        }
        _endpoint.Estate.AddRepository(account, Region, repository, policy);
        return AwsShapes.RepositoryArn(account, Region, name);
    }

    private string AddTaskDefinition(string account, string family, string image, params string[] environmentNames)
    {
        JsonObject definition = AwsShapes.TaskDefinition(account, Region, family, 1, image: image);
        definition["containerDefinitions"]![0]!["environment"] = new JsonArray(environmentNames
            .Select(name => (JsonNode)new JsonObject { ["name"] = name, ["value"] = "s3cr3t-VALUE-must-not-leak" }).ToArray());
        return _endpoint.Estate.AddTaskDefinition(account, Region, definition);
    }

    private string AddTask(string account, string cluster, string definition, string image, string? publicIp)
    {
        JsonObject task = AwsShapes.Task(account, Region, cluster, AwsShapes.NewTaskId(), definition);
        task["containers"]![0]!["image"] = image;
        return _endpoint.Estate.AddTask(account, Region, task, publicIp);
    }

    [Fact]
    public void Every_kind_across_accounts_with_a_denied_lookup_and_the_minimum_extra_calls()
    {
        var estate = _endpoint.Estate;
        foreach (string account in new[] { A, B, C }) estate.AddRole(account, "Inventory");
        string openImage = AwsShapes.RepositoryUri(A, Region, "open/app") + ":1.4";
        string open = AddRepository(A, "open/app", OpenPolicy, hardened: true);
        AddRepository(A, "org/app", OrgPolicy, hardened: true);
        string loose = AddRepository(A, "loose/app", null, hardened: false);

        estate.AddCluster(B, Region, "edge");
        string web = AddTaskDefinition(B, "web", openImage, "DB_PASSWORD", "LOG_LEVEL");
        string worker = AddTaskDefinition(B, "worker", "nginx:1.27", "LOG_LEVEL");
        AddTaskDefinition(B, "unused", "nginx:1.27", "API_TOKEN");   // not in use: not described, no finding
        JsonObject service = AwsShapes.Service(B, Region, "edge", "web", web);
        service["networkConfiguration"]!["awsvpcConfiguration"]!["assignPublicIp"] = "ENABLED";
        string webService = estate.AddService(B, Region, service);
        string publicTask = AddTask(B, "edge", web, openImage, "203.0.113.10");
        string privateTask = AddTask(B, "edge", web, openImage, null);
        string workerTask = AddTask(B, "edge", worker, "nginx:1.27", "203.0.113.11");

        // B's tasks share the region's default group; it admits everything, and B's main route table leads to the internet.
        estate.AddSecurityGroup(B, Region, NetworkShapes.SecurityGroup(B, AwsShapes.SecurityGroupId(Region), AwsShapes.VpcId(B, Region), "default", ("-1", null, null, "0.0.0.0/0")));
        estate.AddRouteTable(B, Region, NetworkShapes.RouteTable(B, "rtb-0b000000000000001", AwsShapes.VpcId(B, Region), main: true, [], ("10.0.0.0/16", "local"), ("0.0.0.0/0", "igw-0b000000000000001")));

        estate.AddCluster(C, Region, "batch");
        string batch = AddTaskDefinition(C, "batch", openImage);
        string hiddenTask = AddTask(C, "batch", batch, openImage, "198.51.100.7");
        estate.DenyOperation(C, "ec2:DescribeNetworkInterfaces");

        CmdletHarness.Connect(null, regions: new[] { Region }, roles: new[] { A, B, C }.Select(a => AwsShapes.RoleArn(a, "Inventory")).ToArray(),
            endpoint: _endpoint.BaseUri, keys: new AwsCredentials(Estate.DefaultAccessKeyId, Estate.DefaultSecretAccessKey));

        var result = CmdletHarness.Invoke("Get-ContainerExposure");

        Assert.Empty(result.Errors);
        var findings = result.Of<ExposureFinding>();
        var expected = new (ExposureKind, string)[]
        {
            (ExposureKind.ReachableTaskRunsPublicImage, publicTask),
            (ExposureKind.InternetReachableTask, publicTask),
            (ExposureKind.InternetReachableTask, workerTask),
            (ExposureKind.PublicRepository, open),
            (ExposureKind.TaskRunsPublicImage, privateTask),
            // C's task runs the public image, but its public IP could not be read: unknown, and a Medium finding, not Critical.
            (ExposureKind.ReachabilityUnknown, hiddenTask),
            (ExposureKind.TaskRunsPublicImage, hiddenTask),
            (ExposureKind.ServiceAssignsPublicIp, webService),
            (ExposureKind.SecretLikeEnvironmentName, web),
            (ExposureKind.ScanOnPushDisabled, loose),
            (ExposureKind.MutableImageTags, loose),
        };
        Assert.Equal(expected.OrderBy(e => e.Item1).ThenBy(e => e.Item2, StringComparer.Ordinal),
            findings.Select(f => (f.Kind, f.ResourceArn)).OrderBy(e => e.Kind).ThenBy(e => e.ResourceArn, StringComparer.Ordinal));
        Assert.Equal(ExposureKind.ReachableTaskRunsPublicImage, findings[0].Kind);
        Assert.Equal(B, findings[0].AccountId);
        Assert.Equal(new[] { open }, findings[0].RelatedArns);
        Assert.Matches(@"^internet → igw-0b000000000000001 → 203\.0\.113\.10 \(eni-\w+\) → task \S+ :8080$", findings[0].Path);
        Assert.Equal(_endpoint.Estate.GetTask(B, Region, "edge", publicTask)!["containers"]![0]!["imageDigest"]!.GetValue<string>(), Assert.Single(findings[0].ImageDigests!));
        Assert.Contains("ec2:DescribeNetworkInterfaces was denied", Assert.Single(findings, f => f.Kind == ExposureKind.ReachabilityUnknown).Reason);

        string warning = Assert.Single(result.Warnings);
        Assert.Contains(AwsShapes.RoleArn(C, "Inventory"), warning);
        Assert.Contains("ec2:DescribeNetworkInterfaces was denied", warning);

        // Beyond the inventory calls: one interface lookup per pair with tasks, and only the task definitions in use.
        Assert.Equal(2, _endpoint.Stats.CallCount("DescribeNetworkInterfaces"));
        Assert.Equal(new[] { B, C }, _endpoint.Stats.Calls("DescribeNetworkInterfaces").Select(c => c.AccountId).OrderBy(a => a));
        Assert.Equal(0, _endpoint.Stats.CallCount("ListTaskDefinitions"));
        Assert.Equal(3, _endpoint.Stats.CallCount("ListClusters"));            // one listing per pair for services and tasks together
        Assert.Equal(3, _endpoint.Stats.CallCount("DescribeTaskDefinition"));   // web, worker (B) and batch (C), once each
        // Reachability: only B has interfaces with a public address; nobody registers a target group, so no ELBv2 call.
        Assert.Equal(new[] { B }, _endpoint.Stats.Calls("DescribeSecurityGroups").Select(c => c.AccountId));
        Assert.Equal(new[] { B }, _endpoint.Stats.Calls("DescribeRouteTables").Select(c => c.AccountId));
        Assert.DoesNotContain(_endpoint.Stats.AllCalls, c => c.Service == "elasticloadbalancing");
        Assert.Equal(0, _endpoint.Stats.SignatureRejections);
        Assert.All(findings, f => Assert.DoesNotContain("s3cr3t", f.Reason));
    }
}
