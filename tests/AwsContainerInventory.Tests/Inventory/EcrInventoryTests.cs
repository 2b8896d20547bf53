using AwsContainerInventory.Tests.Support;

namespace AwsContainerInventory.Tests.Inventory;

[Collection(SessionCollection.Name)]
public class EcrInventoryTests
{
    [Theory]
    [InlineData(250, 100, 3)]
    [InlineData(250, 7, 36)]
    [InlineData(100, 100, 1)]
    [InlineData(0, 100, 1)]
    public void Pages_describe_repositories_with_the_minimum_calls(int repositories, int pageSize, int expectedPages)
    {
        var handler = new FakeAwsHandler().WithRepositories(repositories);
        CmdletHarness.Connect(handler, pageSize: pageSize);

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(result.Errors);
        Assert.Equal(repositories, result.Of<EcrRepository>().Select(r => r.Uid).Distinct().Count());
        Assert.Equal(expectedPages, handler.CallCount("DescribeRepositories"));
        Assert.All(handler.Bodies("DescribeRepositories"), body => Assert.Equal(pageSize, body["maxResults"]!.GetValue<int>()));
        Assert.Equal(repositories, handler.CallCount("GetRepositoryPolicy"));
        Assert.Equal(repositories, handler.CallCount("ListTagsForResource"));
    }

    [Fact]
    public void Maps_policy_and_tags_per_repository_and_treats_a_missing_policy_as_null()
    {
        var handler = new FakeAwsHandler().WithRepositories(4, i => i == 1 ? """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:*"}]}""" : null);
        CmdletHarness.Connect(handler);

        var records = CmdletHarness.Invoke("Get-EcrRepository").Of<EcrRepository>().ToDictionary(r => r.Name);

        Assert.True(records["repo-0001"].IsPublic);
        Assert.NotNull(records["repo-0001"].RepositoryPolicy);
        Assert.False(records["repo-0000"].IsPublic);
        Assert.Null(records["repo-0000"].RepositoryPolicy);
        Assert.Equal("repo=repo-0002", records["repo-0002"].Tags.ToString());
    }

    [Fact]
    public void Wildcards_filter_silently_and_unmatched_literals_are_not_found_errors()
    {
        var handler = new FakeAwsHandler().WithRepositories(12);
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcrRepository -Name 'repo-000*', repo-0011, nothing-here, 'zz*'");

        Assert.Equal(11, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("EcrRepositoryNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("nothing-here", error.TargetObject);
    }

    [Fact]
    public void A_failing_repository_is_one_error_naming_it_and_the_others_still_come()
    {
        var handler = new FakeAwsHandler().WithRepositories(5);
        handler.On("ListTagsForResource", body => body["resourceArn"]!.GetValue<string>().EndsWith("repo-0003")
            ? FakeResponse.Error(400, "AccessDeniedException", "not allowed")
            : FakeResponse.Json(new { tags = Array.Empty<object>() }));
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Equal(4, result.Output.Count);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsAccessDenied,", error.FullyQualifiedErrorId);
        Assert.Equal(FakeEstate.RepositoryArn("repo-0003"), error.TargetObject);
    }

    [Fact]
    public void Throttling_is_retried_without_losing_or_duplicating_records()
    {
        int calls = 0;
        var handler = new FakeAwsHandler().WithRepositories(40);
        handler.On("ListTagsForResource", body => Interlocked.Increment(ref calls) % 3 == 0
            ? FakeResponse.Error(400, "ThrottlingException", "Rate exceeded")
            : FakeResponse.Json(new { tags = new[] { new { Key = "k", Value = "v" } } }));
        CmdletHarness.Connect(handler, maxRetries: 5);

        var result = CmdletHarness.Invoke("Get-EcrRepository -Verbose");

        Assert.Empty(result.Errors);
        Assert.Equal(40, result.Of<EcrRepository>().Select(r => r.Uid).Distinct().Count());
        Assert.Equal(40, result.Output.Count);
        Assert.Contains(result.Verbose, v => v.Contains("Retry 1 of ECR ListTagsForResource") && v.Contains("ThrottlingException"));
        Assert.True(handler.CallCount("ListTagsForResource") > 40);
    }

    [Fact]
    public void Access_denied_is_not_retried()
    {
        var handler = new FakeAwsHandler().On("DescribeRepositories", _ => FakeResponse.Error(400, "AccessDeniedException", "User is not authorized"));
        CmdletHarness.Connect(handler, maxRetries: 10);

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Equal(1, handler.CallCount("DescribeRepositories"));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsAccessDenied,", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Equal("us-east-1", error.TargetObject);
    }

    [Fact]
    public void Peak_concurrency_equals_parallel_requests_and_never_exceeds_it()
    {
        var handler = new FakeAwsHandler { Latency = TimeSpan.FromMilliseconds(15) }.WithRepositories(60);
        CmdletHarness.Connect(handler, parallelRequests: 4);

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Equal(60, result.Output.Count);
        Assert.Equal(4, handler.PeakConcurrency);
    }

    [Fact]
    public void No_secret_reaches_output_verbose_or_errors()
    {
        var handler = new FakeAwsHandler().On("DescribeRepositories", _ => FakeResponse.Error(403, "InvalidSignatureException", "The request signature we calculated does not match"));
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcrRepository -Verbose; Get-AwsInventorySession | Format-List * | Out-String; (Get-AwsInventorySession).ToString()");

        string everything = string.Join("\n", result.Output.Select(o => o?.ToString()).Concat(result.Verbose)
            .Concat(result.Errors.Select(e => e.ToString() + e.Exception)));
        Assert.DoesNotContain(CmdletHarness.SecretKey, everything);
        Assert.DoesNotContain(CmdletHarness.AccessKey, everything);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsCredentialsRejected,", error.FullyQualifiedErrorId);
        Assert.Contains("rejected the credentials", error.ToString());
        Assert.Equal(1, handler.CallCount("DescribeRepositories"));
    }
}
