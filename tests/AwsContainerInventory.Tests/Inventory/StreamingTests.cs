using System.Diagnostics;
using AwsContainerInventory.Tests.Support;

namespace AwsContainerInventory.Tests.Inventory;

[Collection(SessionCollection.Name)]
public class StreamingTests
{
    [Fact]
    public void Select_first_stops_outstanding_calls_promptly_and_leaves_no_background_work()
    {
        var handler = new FakeAwsHandler { Latency = TimeSpan.FromMilliseconds(25) }.WithRepositories(400);
        CmdletHarness.Connect(handler, parallelRequests: 8);

        var clock = Stopwatch.StartNew();
        var result = CmdletHarness.Invoke("Get-EcrRepository | Select-Object -First 5");
        clock.Stop();

        Assert.Equal(5, result.Output.Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "took " + clock.Elapsed);
        int callsAtReturn = handler.Calls.Count;
        Thread.Sleep(300);
        Assert.Equal(callsAtReturn, handler.Calls.Count);   // nothing still running in the background
        Assert.True(callsAtReturn < 200, "made " + callsAtReturn + " calls for 5 records");
    }

    [Fact]
    public void Records_stream_before_the_listing_ends()
    {
        var handler = new FakeAwsHandler { Latency = TimeSpan.FromMilliseconds(10) }.WithRepositories(300);
        CmdletHarness.Connect(handler, pageSize: 10, parallelRequests: 8);

        // The first record arrives while DescribeRepositories still has pages to go.
        var result = CmdletHarness.Invoke("$global:firstAt = $null; Get-EcrRepository | ForEach-Object { if (-not $global:firstAt) { $global:firstAt = (Get-Date) } ; $_ } | Measure-Object | Out-Null; $global:firstAt");
        Assert.Single(result.Output);
        Assert.Equal(30, handler.CallCount("DescribeRepositories"));
        var firstDescribeOfPolicy = handler.Calls.TakeWhile(c => c.Operation == "DescribeRepositories").Count();
        Assert.True(firstDescribeOfPolicy < 30, "policy and tag calls started only after the whole listing");
    }
}

[Collection(SessionCollection.Name)]
public class ProgressTests
{
    [Fact]
    public void Long_runs_report_progress_with_counts_and_complete_it()
    {
        var handler = new FakeAwsHandler { Latency = TimeSpan.FromMilliseconds(20) }.WithRepositories(120, regions: new[] { "us-east-1", "eu-west-1" });
        CmdletHarness.Connect(handler, parallelRequests: 4, regions: new[] { "us-east-1", "eu-west-1" });

        var result = CmdletHarness.Invoke("$ProgressPreference = 'Continue'; Get-EcrRepository");

        Assert.Equal(240, result.Output.Count);
        Assert.NotEmpty(result.Progress);
        Assert.All(result.Progress, p => Assert.Equal("Get-EcrRepository", p.Activity));
        Assert.Contains(result.Progress, p => p.StatusDescription.Contains("of 2 account/region pairs") && p.StatusDescription.Contains("repositories"));
        Assert.Equal(System.Management.Automation.ProgressRecordType.Completed, result.Progress.Last().RecordType);
    }

    [Fact]
    public void Progress_is_silent_when_the_preference_says_so()
    {
        var handler = new FakeAwsHandler { Latency = TimeSpan.FromMilliseconds(20) }.WithRepositories(120);
        CmdletHarness.Connect(handler, parallelRequests: 4);

        var result = CmdletHarness.Invoke("$ProgressPreference = 'SilentlyContinue'; Get-EcrRepository");

        Assert.Equal(120, result.Output.Count);
        Assert.Empty(result.Progress);
    }
}
