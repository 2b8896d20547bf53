using System.Text.Json.Nodes;
using AwsContainerInventory.Session;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.TestEndpoint;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Endpoint;

/// <summary>
/// Get-EcrImage and the registry scanning configuration over real sockets: scan summaries and paging, the 100-id
/// limit and missing digests, -InUse across accounts (tasks of one account run another account's images), and
/// Get-ContainerExposure's ScanOnPushDisabled by each registry's configuration, a denied one warned about once per role.
/// </summary>
[Collection(SessionCollection.Name)]
public sealed class EcrImageEndpointTests : IAsyncLifetime
{
    private const string Region = "us-east-1";
    private const string A = "200000000001";
    private const string B = "200000000002";
    private const string C = "200000000003";
    private ScriptedAwsEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await ScriptedAwsEndpoint.StartAsync();

    public async Task DisposeAsync()
    {
        SessionStore.Clear();
        await _endpoint.DisposeAsync();
    }

    private void Connect(string[] accounts, string[]? regions = null, int pageSize = 100)
    {
        foreach (string account in accounts) _endpoint.Estate.AddRole(account, "Inventory");
        CmdletHarness.Connect(null, pageSize: pageSize, regions: regions ?? new[] { Region }, roles: accounts.Select(a => AwsShapes.RoleArn(a, "Inventory")).ToArray(),
            endpoint: _endpoint.BaseUri, keys: new AwsCredentials(Estate.DefaultAccessKeyId, Estate.DefaultSecretAccessKey));
    }

    private static Dictionary<string, int> Counts(int critical, int high) => new() { ["CRITICAL"] = critical, ["HIGH"] = high, ["MEDIUM"] = 5 };

    [Fact]
    public void Every_image_with_its_scan_summary_page_by_page()
    {
        var estate = _endpoint.Estate;
        estate.AddRepository(A, Region, "team/web");
        var added = Enumerable.Range(0, 230).Select(i => estate.AddImage(A, Region, "team/web", "web-" + i,
            tags: i % 4 == 0 ? null : new[] { "1." + i }, findingSeverityCounts: i % 3 == 0 ? Counts(i % 2, i) : null, scanStatus: i % 3 == 1 ? "FAILED" : null)).ToList();
        Connect(new[] { A });

        var result = CmdletHarness.Invoke("Get-EcrImage");

        Assert.Empty(result.Errors);
        var images = result.Of<EcrImage>().ToDictionary(i => i.ImageDigest);
        Assert.Equal(added.OrderBy(d => d), images.Keys.OrderBy(d => d));
        foreach (JsonObject detail in estate.GetImages(A, Region, "team/web"))
        {
            EcrImage image = images[detail["imageDigest"]!.GetValue<string>()];
            Assert.Equal(AwsShapes.RepositoryArn(A, Region, "team/web"), image.RepositoryArn);
            Assert.Equal(A, image.AccountId);
            Assert.Equal((detail["imageTags"] as JsonArray)?.Select(t => t!.GetValue<string>()), image.ImageTags?.ToList());
            Assert.Equal(detail["imageSizeInBytes"]!.GetValue<long>(), image.ImageSizeInBytes);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds((long)(detail["imagePushedAt"]!.GetValue<double>() * 1000)).UtcDateTime, image.ImagePushedAt);
            Assert.Equal(detail["imageScanStatus"]?["status"]?.GetValue<string>(), image.ScanStatus);
            var counts = detail["imageScanFindingsSummary"]?["findingSeverityCounts"]?.AsObject();
            Assert.Equal(counts?["CRITICAL"]?.GetValue<int>(), image.CriticalFindings);
            Assert.Equal(counts?["HIGH"]?.GetValue<int>(), image.HighFindings);
            Assert.Equal(counts == null ? null : 5, image.MediumFindings);
            Assert.Equal(counts == null ? null : 0, image.LowFindings);
        }
        Assert.Equal(3, _endpoint.Stats.CallCount("DescribeImages"));
        Assert.All(_endpoint.Stats.Calls("DescribeImages"), c => Assert.Equal(100, c.MaxResults));
    }

    [Fact]
    public void Digests_in_batches_of_100_and_missing_ones_found_with_one_call_each()
    {
        var estate = _endpoint.Estate;
        estate.AddRepository(A, Region, "team/web");
        var present = Enumerable.Range(0, 120).Select(i => estate.AddImage(A, Region, "team/web", "web-" + i)).ToList();
        var missing = Enumerable.Range(0, 30).Select(i => EcrImageShapes.Digest("gone-" + i)).ToList();
        Connect(new[] { A });
        string digests = string.Join(", ", present.Concat(missing).Select(d => "'" + d + "'"));

        var result = CmdletHarness.Invoke($"Get-EcrImage -Repository '{AwsShapes.RepositoryArn(A, Region, "team/web")}' -ImageDigest {digests}");

        Assert.Equal(present.OrderBy(d => d), result.Of<EcrImage>().Select(i => i.ImageDigest).OrderBy(d => d));
        Assert.Equal(missing.OrderBy(d => d), result.Errors.Select(e => (string)e.TargetObject).OrderBy(d => d));
        Assert.All(result.Errors, e => Assert.StartsWith("EcrImageNotFound,", e.FullyQualifiedErrorId));
        Assert.Equal(0, _endpoint.Stats.BatchLimitViolations);
        Assert.All(_endpoint.Stats.Calls("DescribeImages"), c => Assert.InRange(c.BatchSize!.Value, 1, 100));
        Assert.Equal(2 + missing.Count, _endpoint.Stats.CallCount("DescribeImages"));
        Assert.Equal(0, _endpoint.Stats.CallCount("DescribeRepositories"));
    }

    [Fact]
    public void In_use_images_of_a_shared_registry_are_found_from_another_accounts_tasks()
    {
        var estate = _endpoint.Estate;
        // A is the shared registry; B runs A's images (one of them since deleted) and one of its own.
        estate.AddRepository(A, Region, "shared/web");
        estate.AddRepository(A, Region, "shared/unused");
        string web1 = estate.AddImage(A, Region, "shared/web", "web-1", new[] { "1.0" }, Counts(2, 1));
        estate.AddImage(A, Region, "shared/web", "web-2", new[] { "2.0" });
        estate.AddImage(A, Region, "shared/unused", "unused-1", new[] { "1.0" });
        estate.AddRepository(B, Region, "own/api");
        string api = estate.AddImage(B, Region, "own/api", "api-1", new[] { "3.1" });
        string stoppedApi = estate.AddImage(B, Region, "own/api", "api-0", new[] { "3.0" });
        string deleted = EcrImageShapes.Digest("web-deleted");
        estate.AddCluster(B, Region, "prod");
        string definition = estate.AddTaskDefinition(B, Region, "web");
        AddTask(B, "prod", definition, AwsShapes.RepositoryUri(A, Region, "shared/web") + ":1.0", web1);
        AddTask(B, "prod", definition, AwsShapes.RepositoryUri(A, Region, "shared/web") + ":old", deleted);
        AddTask(B, "prod", definition, AwsShapes.RepositoryUri(B, Region, "own/api") + ":3.1", api);
        AddTask(B, "prod", definition, AwsShapes.RepositoryUri(B, Region, "own/api") + ":3.0", stoppedApi, desiredStatus: "STOPPED");   // not in use
        Connect(new[] { A, B });

        var result = CmdletHarness.Invoke("Get-EcrImage -InUse");

        Assert.Empty(result.Errors);
        var images = result.Of<EcrImage>();
        Assert.Equal(new[] { (A, web1), (B, api) }.OrderBy(x => x.Item2), images.Select(i => (i.AccountId!, i.ImageDigest)).OrderBy(x => x.Item2));
        Assert.All(images, i => Assert.True(i.InUse));
        Assert.Equal(2, images.Single(i => i.ImageDigest == web1).CriticalFindings);
        string warning = Assert.Single(result.Warnings);
        Assert.Contains(deleted, warning);
        // Each registry asks only for its repositories in use, by digest: A's unused repository is not asked.
        var asked = _endpoint.Stats.Calls("DescribeImages").ToList();
        Assert.Equal(new[] { A, A, B }, asked.Select(c => c.AccountId).OrderBy(a => a));   // web (found web1, set deleted aside), api
        Assert.All(asked, c => Assert.NotNull(c.BatchSize));
    }

    private void AddTask(string account, string cluster, string definition, string image, string digest, string desiredStatus = "RUNNING")
    {
        JsonObject task = AwsShapes.Task(account, Region, cluster, AwsShapes.NewTaskId(), definition, desiredStatus);
        task["containers"]![0]!["image"] = image;
        task["containers"]![0]!["imageDigest"] = digest;
        _endpoint.Estate.AddTask(account, Region, task);
    }

    [Fact]
    public void Scan_on_push_follows_each_registrys_configuration_and_a_denied_one_is_one_warning_per_role()
    {
        var estate = _endpoint.Estate;
        string[] regions = { "us-east-1", "eu-west-1" };
        foreach (string region in regions)
        {
            foreach (string account in new[] { A, B, C })
            {
                foreach (string name in new[] { "prod-web", "dev-tools" })
                    estate.AddRepository(account, region, name);   // AwsShapes: scanOnPush false, MUTABLE
            }
            estate.SetRegistryScanningConfiguration(A, region, JsonNode.Parse("""
                {"scanType":"ENHANCED","rules":[{"scanFrequency":"CONTINUOUS_SCAN","repositoryFilters":[{"filter":"prod-*","filterType":"WILDCARD"}]}]}
                """)!.AsObject());
            estate.SetRegistryScanningConfiguration(B, region, JsonNode.Parse("""
                {"scanType":"BASIC","rules":[{"scanFrequency":"SCAN_ON_PUSH","repositoryFilters":[{"filter":"tools","filterType":"WILDCARD"}]}]}
                """)!.AsObject());
        }
        estate.DenyOperation(C, "ecr:GetRegistryScanningConfiguration");
        Connect(new[] { A, B, C }, regions);

        var result = CmdletHarness.Invoke("Get-ContainerExposure -Kind ScanOnPushDisabled");

        Assert.Empty(result.Errors);
        var unscanned = result.Of<ExposureFinding>().Select(f => (f.AccountId, f.Region, f.Name)).OrderBy(f => f).ToList();
        var expected = regions.SelectMany(r => new[] { (A, r, "dev-tools"), (B, r, "prod-web"), (C, r, "dev-tools"), (C, r, "prod-web") })
            .Select(f => ((string?)f.Item1, f.r, f.Item3)).OrderBy(f => f).ToList();
        Assert.Equal(expected, unscanned);
        Assert.All(result.Of<ExposureFinding>().Where(f => f.AccountId == C), f => Assert.Contains("ecr:GetRegistryScanningConfiguration was denied", f.Reason));
        string warning = Assert.Single(result.Warnings);
        Assert.Contains(AwsShapes.RoleArn(C, "Inventory"), warning);
        Assert.Equal(6, _endpoint.Stats.CallCount("GetRegistryScanningConfiguration"));   // once per pair
    }
}
