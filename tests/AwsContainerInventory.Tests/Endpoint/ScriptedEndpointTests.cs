using AwsContainerInventory.Session;
using AwsContainerInventory.TestEndpoint;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Endpoint;

/// <summary>
/// The module over real loopback sockets against the scripted endpoint: strict SigV4, paging and batch
/// limits enforced by the server, faults on the wire, roles in other accounts.
/// </summary>
[Collection(SessionCollection.Name)]
public sealed class ScriptedEndpointTests : IAsyncLifetime
{
    private const string Region = "us-east-1";
    private ScriptedAwsEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await ScriptedAwsEndpoint.StartAsync();

    public async Task DisposeAsync()
    {
        SessionStore.Clear();
        await _endpoint.DisposeAsync();
    }

    private InventorySession Connect(int pageSize = 100, int parallelRequests = 8, string[]? regions = null, string[]? roles = null,
        string? secret = null, int maxRetries = 10) =>
        CmdletHarness.Connect(null, pageSize, parallelRequests, regions ?? new[] { Region }, roles, maxRetries, _endpoint.BaseUri,
            new AwsCredentials(Estate.DefaultAccessKeyId, secret ?? Estate.DefaultSecretAccessKey));

    private EstateGenerationResult Generate(int repositories = 0, int clusters = 0, int services = 0, int tasks = 0, int stopped = 0, int definitions = 0,
        int accounts = 1, string firstAccount = Estate.DefaultAccountId, string[]? regions = null, int publicIpEveryNthTask = 0) =>
        _endpoint.Estate.Generate(new EstateGenerationOptions
        {
            Accounts = accounts, FirstAccountId = firstAccount, Regions = regions ?? new[] { Region },
            RepositoriesPerRegion = repositories, ClustersPerRegion = clusters, ServicesPerCluster = services,
            TasksPerCluster = tasks, StoppedTasksPerCluster = stopped, TaskDefinitionsPerRegion = definitions,
            PublicIpEveryNthTask = publicIpEveryNthTask,
        });

    [Fact]
    public void The_stats_summary_has_the_full_stats_counts_without_the_record_of_every_call()
    {
        Generate(repositories: 7);
        Connect(pageSize: 5);
        Assert.Empty(CmdletHarness.Invoke("Get-EcrRepository").Errors);

        var summary = _endpoint.Stats.SummaryJson();
        var full = _endpoint.Stats.ToJson();

        Assert.Equal(16, (int)summary["totalCalls"]!);                          // 2 pages, 7 policies, 7 tag lists
        Assert.Equal((int)full["totalCalls"]!, (int)summary["totalCalls"]!);
        Assert.Equal((int)full["peakInFlight"]!, (int)summary["peakInFlight"]!);
        var operations = summary["operations"]!.AsObject();
        Assert.Equal(new[] { "DescribeRepositories", "GetRepositoryPolicy", "ListTagsForResource" }, operations.Select(o => o.Key));
        foreach (var (name, counts) in operations)
        {
            Assert.Equal((int)full["operations"]![name]!["attempts"]!, (int)counts!["attempts"]!);
            Assert.Equal((int)full["operations"]![name]!["successes"]!, (int)counts!["successes"]!);
            Assert.Null(counts["calls"]);
        }
        Assert.InRange((double)summary["servedMeanMs"]!, 0.0, 10_000.0);
        Assert.True((double)summary["servedMeanMs"]! > 0);
        // The benchmark reads it from the full stats: the same figure, worked out once.
        Assert.Equal((double)summary["servedMeanMs"]!, (double)full["servedMeanMs"]!);
    }

    [Fact]
    public void The_whole_inventory_is_accepted_by_strict_sigv4_and_makes_the_minimum_calls()
    {
        var generated = Generate(repositories: 250, clusters: 3, services: 23, tasks: 130, stopped: 7, definitions: 12, publicIpEveryNthTask: 9);
        Connect(pageSize: 50);

        var result = CmdletHarness.Invoke("Get-EcrRepository; Get-EcsCluster; Get-EcsService; Get-EcsTask; Get-EcsTaskDefinition");

        Assert.Empty(result.Errors);
        Assert.Equal(0, _endpoint.Stats.SignatureRejections);
        Assert.Equal(0, _endpoint.Stats.BatchLimitViolations);
        Assert.Equal(250, result.Of<EcrRepository>().Count);
        Assert.Equal(3, result.Of<EcsCluster>().Count);
        Assert.Equal(69, result.Of<EcsService>().Count);
        Assert.Equal(390, result.Of<EcsTask>().Count);
        Assert.Equal(12, result.Of<EcsTaskDefinition>().Count);

        Assert.Equal(5, _endpoint.Stats.CallCount("DescribeRepositories"));     // ⌈250/50⌉
        Assert.Equal(250, _endpoint.Stats.CallCount("GetRepositoryPolicy"));
        Assert.Equal(250, _endpoint.Stats.CallCount("ListTagsForResource"));
        Assert.Equal(3, _endpoint.Stats.CallCount("ListClusters"));              // once per cmdlet that lists clusters
        Assert.Equal(1, _endpoint.Stats.CallCount("DescribeClusters"));          // ⌈3/100⌉
        Assert.Equal(3, _endpoint.Stats.CallCount("ListServices"));              // ⌈23/50⌉ = 1 per cluster
        Assert.Equal(9, _endpoint.Stats.CallCount("DescribeServices"));          // ⌈23/10⌉ = 3 per cluster
        Assert.Equal(9, _endpoint.Stats.CallCount("ListTasks"));                 // ⌈130/50⌉ = 3 per cluster, RUNNING only
        Assert.Equal(6, _endpoint.Stats.CallCount("DescribeTasks"));             // ⌈130/100⌉ = 2 per cluster
        Assert.Equal(1, _endpoint.Stats.CallCount("ListTaskDefinitions"));
        Assert.Equal(12, _endpoint.Stats.CallCount("DescribeTaskDefinition"));
        Assert.All(_endpoint.Stats.Calls("ListTasks"), call => Assert.Equal("RUNNING", call.DesiredStatus));

        // Public IPs: one DescribeNetworkInterfaces per 200 interfaces of the pair, across its clusters.
        int interfaces = result.Of<EcsTask>().Sum(t => t.NetworkInterfaceIds?.Count ?? 0);
        Assert.True(interfaces > 200, "the estate should need more than one lookup");
        Assert.Equal((interfaces + 199) / 200, _endpoint.Stats.CallCount("DescribeNetworkInterfaces"));
        Assert.All(_endpoint.Stats.Calls("DescribeNetworkInterfaces"), call => Assert.InRange(call.BatchSize ?? 0, 1, 200));
        Assert.Equal(generated.PublicIpTasks, result.Of<EcsTask>().Count(t => t.PublicIpAddresses!.Count > 0));
        Assert.All(result.Of<EcsTask>().Where(t => t.PublicIpAddresses!.Count > 0), t =>
            Assert.Equal(_endpoint.Estate.GetNetworkInterface(Estate.DefaultAccountId, Region, t.NetworkInterfaceIds![0])!["association"]!["publicIp"]!.GetValue<string>(),
                Assert.Single(t.PublicIpAddresses!)));
    }

    [Fact]
    public void A_wrong_secret_is_rejected_as_credentials_and_never_echoed()
    {
        Generate(repositories: 3);
        Connect(secret: "wrong-secret-value-1234");

        var result = CmdletHarness.Invoke("Get-EcrRepository -Verbose");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsCredentialsRejected,", error.FullyQualifiedErrorId);
        Assert.Contains("rejected the credentials", error.ToString());
        Assert.DoesNotContain("wrong-secret-value-1234", string.Join("\n", result.Verbose) + error + error.Exception);
        Assert.Equal(1, _endpoint.Stats.CallCount("DescribeRepositories"));      // not retried
    }

    [Theory]
    [InlineData("throttle")]
    [InlineData("503")]
    [InlineData("500")]
    [InlineData("truncated")]
    [InlineData("reset")]
    [InlineData("malformed")]
    [InlineData("hang")]
    public void Faults_on_the_wire_lose_and_duplicate_nothing(string fault)
    {
        Generate(repositories: 60, clusters: 2, tasks: 120);
        var faults = _endpoint.Faults;
        switch (fault)
        {
            case "throttle": faults.ThrottleEveryNth = 3; break;
            case "503": faults.ServiceUnavailableEveryNth = 4; break;
            case "500": faults.InternalErrorEveryNth = 5; break;
            case "truncated": faults.TruncatedBodyEveryNth = 4; break;
            case "reset": faults.ResetConnectionEveryNth = 5; break;
            // An unreadable 2xx is retried once, so the fault goes on a listing whose pages are sequential: every
            // other page answer is malformed and its one retry is not.
            case "malformed": faults.Operation = "DescribeRepositories"; faults.MalformedBodyEveryNth = 2; break;
            case "hang": faults.HangEveryNth = 25; faults.HangMs = 5000; break;
        }
        Connect(pageSize: 20);

        var result = CmdletHarness.Invoke("Get-EcrRepository; Get-EcsTask");

        Assert.Empty(result.Errors);
        Assert.Equal(60, result.Of<EcrRepository>().Select(r => r.Uid).Distinct().Count());
        Assert.Equal(60, result.Of<EcrRepository>().Count);
        Assert.Equal(240, result.Of<EcsTask>().Select(t => t.Uid).Distinct().Count());
        Assert.Equal(240, result.Of<EcsTask>().Count);
        Assert.All(result.Of<EcsTask>(), t => Assert.NotNull(t.PublicIpAddresses));   // the lookup survived the faults too
        Assert.True(_endpoint.Stats.TotalCalls > 60 * 2 + 3, "the faults should have forced retries");
    }

    [Fact]
    public void An_answer_that_never_parses_is_asked_twice_then_reported_for_its_pair()
    {
        Generate(clusters: 2);
        _endpoint.Faults.Operation = "ListClusters";
        _endpoint.Faults.MalformedBodyEveryNth = 1;
        var session = Connect();

        var result = CmdletHarness.Invoke("Get-EcsCluster");

        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsMalformedResponse,", error.FullyQualifiedErrorId);
        Assert.Equal(Region, error.TargetObject);
        Assert.Equal(2, _endpoint.Stats.CallCount("ListClusters"));               // not MaxRetries (10) + 1
        Assert.Equal(RetryPolicy.QuotaCapacity - RetryPolicy.RetryCost, session.Transport.Retry.QuotaFor(session.BaseCredentials, Region).Available);
    }

    [Fact]
    public void Peak_concurrency_under_load_equals_the_setting_for_all_roles_and_regions_together()
    {
        var generated = Generate(repositories: 20, accounts: 3, firstAccount: "200000000001", regions: new[] { "us-east-1", "eu-west-1" });
        _endpoint.Faults.LatencyMs = 15;
        string[] roles = { "arn:aws:iam::200000000001:role/Inventory", "arn:aws:iam::200000000002:role/Inventory", "arn:aws:iam::200000000003:role/Inventory" };
        Connect(parallelRequests: 5, regions: new[] { "us-east-1", "eu-west-1" }, roles: roles);

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(result.Errors);
        Assert.Equal(3 * 2 * 20, result.Output.Count);
        Assert.Equal(5, _endpoint.Stats.PeakConcurrency);
        Assert.Equal(new[] { "200000000001", "200000000002", "200000000003" }, result.Of<EcrRepository>().Select(r => r.AccountId).Distinct().OrderBy(a => a));
    }

    [Fact]
    public void Fifty_roles_by_four_regions_with_one_denied_role()
    {
        string[] regions = { "us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2" };
        Generate(repositories: 2, accounts: 50, firstAccount: "300000000001", regions: regions);
        var roles = Enumerable.Range(1, 50).Select(i => $"arn:aws:iam::3000000000{i:D2}:role/Inventory").ToArray();
        _endpoint.Estate.DenyRole(roles[17]);
        Connect(regions: regions, roles: roles);

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Equal(49 * 4 * 2, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsRoleAssumptionFailed,", error.FullyQualifiedErrorId);
        Assert.Equal(roles[17], error.TargetObject);
        Assert.Equal(50, _endpoint.Stats.AssumeRoleCalls.Count);                 // once per role
        Assert.All(_endpoint.Stats.AssumeRoleCalls, call =>
        {
            Assert.Equal(3600, call.DurationSeconds);
            Assert.StartsWith("AwsContainerInventory-", call.RoleSessionName);
        });
    }

    [Fact]
    public void Assumed_credentials_are_refreshed_before_they_expire()
    {
        Generate(repositories: 100, accounts: 1, firstAccount: "200000000001");
        _endpoint.Estate.TemporaryCredentialLifetime = TimeSpan.FromSeconds(2);
        _endpoint.Faults.LatencyMs = 40;
        Connect(parallelRequests: 2, roles: new[] { "arn:aws:iam::200000000001:role/Inventory" });

        // 100 repositories × 2 calls at 40 ms over 2 slots (about 4 s) outlive the 2-second credentials;
        // the endpoint rejects expired ones, so any call made with them would be an error here.
        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(result.Errors);
        Assert.Equal(100, result.Output.Count);
        Assert.True(_endpoint.Stats.AssumeRoleCalls.Count >= 2, "credentials should have been renewed");
    }
}
