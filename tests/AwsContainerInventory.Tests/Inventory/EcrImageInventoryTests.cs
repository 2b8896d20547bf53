using System.Management.Automation;
using System.Text.Json.Nodes;
using AwsContainerInventory.Inventory;
using AwsContainerInventory.Tests.Support;

namespace AwsContainerInventory.Tests.Inventory;

/// <summary>Get-EcrImage in-process: paging, digest batches of at most 100, missing digests, repository selection and failures.</summary>
[Collection(SessionCollection.Name)]
public class EcrImageInventoryTests
{
    private static string Arn(int repository, string region = "us-east-1") => FakeEstate.RepositoryArn($"repo-{repository:D4}", region);

    private static string Digests(IEnumerable<string> digests) => string.Join(", ", digests.Select(d => "'" + d + "'"));

    [Fact]
    public void Lists_every_image_of_every_repository_page_by_page()
    {
        var counts = new Dictionary<string, int> { ["repo-0000"] = 250, ["repo-0001"] = 0, ["repo-0002"] = 7 };
        var handler = new FakeAwsHandler().WithRepositories(3).WithImages(name => counts.GetValueOrDefault(name));
        CmdletHarness.Connect(handler, pageSize: 100);

        var result = CmdletHarness.Invoke("Get-EcrImage");

        Assert.Empty(result.Errors);
        var images = result.Of<EcrImage>();
        Assert.Equal(257, images.Select(i => i.Uid).Distinct().Count());
        Assert.Equal(250, images.Count(i => i.RepositoryArn == Arn(0)));
        Assert.All(images, i => Assert.Null(i.InUse));
        Assert.Equal(3 + 1 + 1, handler.CallCount("DescribeImages"));
        Assert.All(handler.DescribeImagesCalls(), body =>
        {
            Assert.Equal(100, body["maxResults"]!.GetValue<int>());
            Assert.Equal(FakeEstate.Account, body["registryId"]!.GetValue<string>());
            Assert.Null(body["imageIds"]);
        });
        Assert.Equal(1, handler.CallCount("DescribeRepositories"));
    }

    [Fact]
    public void Digests_are_asked_once_each_in_batches_of_at_most_100()
    {
        var handler = new FakeAwsHandler().WithRepositories(1).WithImages(_ => 230);
        CmdletHarness.Connect(handler);
        var digests = Enumerable.Range(0, 230).Select(i => FakeEcrImages.Digest("repo-0000", i)).ToList();
        // Each digest twice, once upper-cased: still one ask per digest.
        string given = Digests(digests.Concat(digests.Take(50).Select(d => "sha256:" + d[7..].ToUpperInvariant())));

        var result = CmdletHarness.Invoke($"Get-EcrImage -Repository repo-0000 -ImageDigest {given}");

        Assert.Empty(result.Errors);
        Assert.Equal(digests.OrderBy(d => d), result.Of<EcrImage>().Select(i => i.ImageDigest).OrderBy(d => d));
        Assert.Equal(new[] { 100, 100, 30 }, handler.DescribeImagesCalls().Select(b => b.IdCount()).OrderByDescending(n => n));
        var asked = handler.DescribeImagesCalls().SelectMany(b => b["imageIds"]!.AsArray().Select(id => id!["imageDigest"]!.GetValue<string>())).ToList();
        Assert.Equal(asked.Count, asked.Distinct().Count());
        Assert.All(handler.DescribeImagesCalls(), body => Assert.Null(body["maxResults"]));
    }

    [Theory]
    [InlineData(true, 3)]     // the message names each missing digest: one more call per missing digest
    [InlineData(false, 0)]    // it names none: the batch is halved until each missing digest is alone
    public void Missing_digests_are_set_aside_and_each_is_one_not_found_error(bool messageNamesImage, int expectedCalls)
    {
        var handler = new FakeAwsHandler().WithRepositories(1).WithImages(_ => 10, messageNamesImage);
        CmdletHarness.Connect(handler);
        string missingA = FakeEcrImages.Digest("elsewhere", 1), missingB = FakeEcrImages.Digest("elsewhere", 2);
        var wanted = Enumerable.Range(0, 10).Select(i => FakeEcrImages.Digest("repo-0000", i)).Append(missingA).Append(missingB).ToList();

        var result = CmdletHarness.Invoke($"Get-EcrImage -Repository repo-0000 -ImageDigest {Digests(wanted)}");

        Assert.Equal(10, result.Of<EcrImage>().Count);
        Assert.Equal(new[] { missingA, missingB }.OrderBy(d => d), result.Errors.Select(e => (string)e.TargetObject).OrderBy(d => d));
        Assert.All(result.Errors, e =>
        {
            Assert.StartsWith("EcrImageNotFound,", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category);
        });
        if (expectedCalls > 0) Assert.Equal(expectedCalls, handler.CallCount("DescribeImages"));
        else Assert.InRange(handler.CallCount("DescribeImages"), 3, 12);
    }

    [Fact]
    public void A_digest_found_in_one_repository_is_no_error_for_the_others()
    {
        var handler = new FakeAwsHandler().WithRepositories(3).WithImages(_ => 4);
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke($"Get-EcrImage -ImageDigest '{FakeEcrImages.Digest("repo-0001", 2)}'");

        Assert.Empty(result.Errors);
        Assert.Equal(Arn(1), Assert.Single(result.Of<EcrImage>()).RepositoryArn);
        Assert.Equal(3, handler.CallCount("DescribeImages"));   // one call per repository
    }

    [Fact]
    public void Names_and_wildcards_come_from_the_listing_and_arns_are_read_directly()
    {
        var handler = new FakeAwsHandler().WithRepositories(12).WithImages(_ => 1);
        CmdletHarness.Connect(handler);

        var named = CmdletHarness.Invoke("Get-EcrImage -Repository repo-0001, 'repo-001*', nothing-here, 'zz*'");
        Assert.Equal(new[] { Arn(1), Arn(10), Arn(11) }, named.Of<EcrImage>().Select(i => i.RepositoryArn).OrderBy(a => a));
        var notFound = Assert.Single(named.Errors);
        Assert.StartsWith("EcrRepositoryNotFound,", notFound.FullyQualifiedErrorId);
        Assert.Equal("nothing-here", notFound.TargetObject);
        Assert.Equal(1, handler.CallCount("DescribeRepositories"));

        var byArn = new FakeAwsHandler().WithRepositories(12).WithImages(name => name == "repo-0005" ? null : 1);
        CmdletHarness.Connect(byArn);
        var direct = CmdletHarness.Invoke($"Get-EcrImage -Repository '{Arn(2)}', '{Arn(3, "eu-west-1")}', '{Arn(5)}'");
        Assert.Equal(Arn(2), Assert.Single(direct.Of<EcrImage>()).RepositoryArn);
        Assert.Equal(0, byArn.CallCount("DescribeRepositories"));
        // The eu-west-1 ARN is outside the session's regions and repo-0005 does not exist: both not found.
        Assert.Equal(new[] { Arn(3, "eu-west-1"), Arn(5) }, direct.Errors.Select(e => (string)e.TargetObject).OrderBy(a => a));
        Assert.All(direct.Errors, e => Assert.StartsWith("EcrRepositoryNotFound,", e.FullyQualifiedErrorId));
        Assert.Equal(2, byArn.CallCount("DescribeImages"));
        Assert.All(byArn.DescribeImagesCalls(), b => Assert.Equal(FakeEstate.Account, b["registryId"]!.GetValue<string>()));
    }

    [Fact]
    public void Piped_repositories_are_read_by_their_arn_in_their_own_region_only()
    {
        var handler = new FakeAwsHandler().WithRepositories(3, regions: new[] { "us-east-1", "eu-west-1" }, arnRegion: "us-east-1").WithImages(_ => 2);
        CmdletHarness.Connect(handler, regions: new[] { "us-east-1", "eu-west-1" });

        var result = CmdletHarness.Invoke("Get-EcrRepository -Name repo-0001 | Get-EcrImage");

        Assert.Empty(result.Errors);
        // Get-EcrRepository lists each region once (and Get-EcrImage lists none); the piped records (one per region, both
        // us-east-1 ARNs here) are read once, in us-east-1: the name, also on the record, would have been read in both regions.
        Assert.Equal(2, handler.CallCount("DescribeRepositories"));
        Assert.Equal(2, result.Of<EcrImage>().Count);
        var calls = handler.Calls.Where(c => c.Operation == "DescribeImages").ToList();
        var call = Assert.Single(calls);
        Assert.Equal("repo-0001", call.Body["repositoryName"]!.GetValue<string>());
        Assert.Contains("/us-east-1/ecr/", call.Request.Headers.GetValues("Authorization").Single());

        var values = CmdletHarness.Invoke($"'repo-0002', [pscustomobject]@{{ RepositoryArn = '{Arn(0)}' }} | Get-EcrImage -Region us-east-1");
        Assert.Empty(values.Errors);
        Assert.Equal(new[] { Arn(0), Arn(2) }, values.Of<EcrImage>().Select(i => i.RepositoryArn).Distinct().OrderBy(a => a));
    }

    [Fact]
    public void A_repository_that_cannot_be_read_is_one_error_naming_it_and_the_others_still_come()
    {
        var handler = new FakeAwsHandler().WithRepositories(3).WithImages(_ => 2);
        handler.Around("DescribeImages", (call, estate) => call.Json.String("repositoryName") == "repo-0001"
            ? FakeResponse.Error(400, "AccessDeniedException", "not authorized to perform: ecr:DescribeImages").ToAwsResponse()
            : estate(call));
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcrImage");

        Assert.Equal(4, result.Of<EcrImage>().Count);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsAccessDenied,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Equal(Arn(1), error.TargetObject);
    }

    [Fact]
    public void InUse_describes_only_the_digests_running_tasks_use_and_warns_about_missing_ones()
    {
        string registry = FakeEstate.Account + ".dkr.ecr.us-east-1.amazonaws.com/";
        string used0 = FakeEcrImages.Digest("repo-0000", 1), pinned2 = FakeEcrImages.Digest("repo-0002", 3), gone = FakeEcrImages.Digest("repo-0002", 99);
        var handler = new FakeAwsHandler().WithRepositories(3).WithImages(_ => 5).WithEcs(clusters: 2, runningPerCluster: 3);
        handler.On("DescribeTasks", body => new
        {
            tasks = body["tasks"]!.AsArray().Select((arn, i) => new
            {
                taskArn = arn!.GetValue<string>(), lastStatus = "RUNNING", desiredStatus = "RUNNING",
                containers = new object[]
                {
                    new { name = "app", image = registry + "repo-0000:v1", imageDigest = used0 },
                    // No imageDigest reported yet: the digest the image reference pins counts.
                    new { name = "sidecar", image = registry + "repo-0002@" + (i == 0 ? gone : pinned2) },
                    new { name = "proxy", image = "public.ecr.aws/nginx/nginx:1.27", imageDigest = FakeEcrImages.Digest("public", 0) },
                },
            }),
            failures = Array.Empty<object>(),
        });
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcrImage -InUse");

        Assert.Empty(result.Errors);
        var images = result.Of<EcrImage>();
        Assert.Equal(new[] { used0, pinned2 }.OrderBy(d => d), images.Select(i => i.ImageDigest).OrderBy(d => d));
        Assert.All(images, i => Assert.True(i.InUse));
        // Only the repositories in use are asked, each once, by digest; repo-0001 is not asked at all.
        var asked = handler.DescribeImagesCalls().ToList();
        Assert.Equal(new[] { "repo-0000", "repo-0002" }, asked.Select(b => b["repositoryName"]!.GetValue<string>()).Distinct().OrderBy(n => n));
        Assert.All(asked, b => Assert.NotNull(b["imageIds"]));
        string warning = Assert.Single(result.Warnings);
        Assert.Contains(gone, warning);
        Assert.Contains(Arn(2), warning);
        Assert.All(handler.Bodies("ListTasks"), b => Assert.Equal("RUNNING", b["desiredStatus"]!.GetValue<string>()));
        Assert.Equal(0, handler.CallCount("DescribeNetworkInterfaces"));
        Assert.Equal(1, handler.CallCount("ListClusters"));
    }

    [Fact]
    public void InUse_with_image_digest_keeps_the_digests_in_both_and_reports_the_rest()
    {
        string registry = FakeEstate.Account + ".dkr.ecr.us-east-1.amazonaws.com/";
        string used = FakeEcrImages.Digest("repo-0000", 1), unused = FakeEcrImages.Digest("repo-0000", 2);
        var handler = new FakeAwsHandler().WithRepositories(1).WithImages(_ => 5).WithEcs(clusters: 1, runningPerCluster: 1);
        handler.On("DescribeTasks", body => new
        {
            tasks = new[] { new { taskArn = body["tasks"]![0]!.GetValue<string>(), containers = new[] { new { name = "app", image = registry + "repo-0000:v1", imageDigest = used } } } },
            failures = Array.Empty<object>(),
        });
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke($"Get-EcrImage -InUse -ImageDigest '{used}', '{unused}'");

        Assert.Equal(used, Assert.Single(result.Of<EcrImage>()).ImageDigest);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("EcrImageNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(unused, error.TargetObject);
        Assert.Equal(1, Assert.Single(handler.DescribeImagesCalls()).IdCount());
    }

    /// <summary>What Get-ContainerExposure will call: repository ARN → digests in, EcrImage records and missing digests out.</summary>
    [Fact]
    public async Task Images_by_digest_for_given_repositories_ask_each_digest_once_in_batches_of_100()
    {
        var handler = new FakeAwsHandler().WithRepositories(2).WithImages(name => name == "repo-0000" ? 145 : 3);
        InventorySession session = CmdletHarness.Connect(handler);
        using var run = new InventoryRun("test");
        var scope = new InventoryScope(session, "us-east-1", null, session.BaseCredentials);
        var big = Enumerable.Range(0, 150).Select(i => FakeEcrImages.Digest("repo-0000", i)).ToList();   // 145 exist
        var wanted = new Dictionary<string, IReadOnlyCollection<string>>
        {
            [Arn(0)] = big.Concat(big.Take(20)).ToList(),                                  // duplicates are asked once
            [Arn(1)] = new[] { FakeEcrImages.Digest("repo-0001", 2) },
            [Arn(2, "eu-west-1")] = new[] { FakeEcrImages.Digest("repo-0002", 0) },          // another pair's repository
        };

        ImagesByDigest result = await new ImageReader(new InventoryContext(scope, run, session, CancellationToken.None)).DescribeByDigestAsync(wanted);

        Assert.Equal(146, result.Images.Count);
        Assert.All(result.Images, i => Assert.True(i.InUse));
        Assert.Equal(big.Skip(145).Select(d => KeyValuePair.Create(Arn(0), d)).OrderBy(p => p.Value), result.Missing.OrderBy(p => p.Value));
        var calls = handler.DescribeImagesCalls().ToList();
        Assert.DoesNotContain(calls, b => b["repositoryName"]!.GetValue<string>() == "repo-0002");
        var asked = calls.Where(b => b["repositoryName"]!.GetValue<string>() == "repo-0000")
            .SelectMany(b => b["imageIds"]!.AsArray().Select(id => id!["imageDigest"]!.GetValue<string>())).ToList();
        Assert.All(calls, b => Assert.InRange(b.IdCount(), 1, 100));
        // Two batches (100 + 50), then one more call per missing digest of the batch it was in.
        Assert.Equal(2 + 5 + 1, calls.Count);
        Assert.Equal(150, asked.Distinct().Count());
    }

    [Theory]
    [InlineData("-ImageDigest sha256:abc", "ImageDigest")]
    [InlineData("-ImageDigest 'sha512:0000000000000000000000000000000000000000000000000000000000000000'", "ImageDigest")]
    [InlineData("-Repository 'arn:aws:ecs:us-east-1:123456789012:cluster/prod'", "Repository")]
    public void Bad_digests_and_repository_arns_are_rejected_before_any_call(string arguments, string parameter)
    {
        var handler = new FakeAwsHandler().WithRepositories(1).WithImages(_ => 1);
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcrImage " + arguments);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId);
        Assert.Contains(parameter, error.ToString());
        Assert.Empty(handler.Calls);
    }
}
