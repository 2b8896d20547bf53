using System.Management.Automation;
using AwsContainerInventory.Tests.Support;

namespace AwsContainerInventory.Tests.Inventory;

[Collection(SessionCollection.Name)]
public class EcsInventoryTests
{
    private static void AssertBatchesWithin(FakeAwsHandler handler, string operation, string member, int limit) =>
        Assert.All(handler.Bodies(operation), body =>
        {
            Assert.InRange(body[member]!.AsArray().Count, 1, limit);
            Assert.Contains("TAGS", body["include"]!.AsArray().Select(n => n!.GetValue<string>()));
        });

    [Theory]
    [InlineData(250, 30, 9, 3)]
    [InlineData(250, 100, 3, 3)]
    [InlineData(40, 100, 1, 1)]
    public void Clusters_list_by_page_size_and_describe_in_batches_of_100(int clusters, int pageSize, int listCalls, int describeCalls)
    {
        var handler = new FakeAwsHandler().WithEcs(clusters);
        CmdletHarness.Connect(handler, pageSize: pageSize);

        var result = CmdletHarness.Invoke("Get-EcsCluster");

        Assert.Empty(result.Errors);
        Assert.Equal(clusters, result.Of<EcsCluster>().Select(c => c.Uid).Distinct().Count());
        Assert.Equal(listCalls, handler.CallCount("ListClusters"));
        Assert.Equal(describeCalls, handler.CallCount("DescribeClusters"));
        AssertBatchesWithin(handler, "DescribeClusters", "clusters", 100);
        Assert.All(result.Of<EcsCluster>(), c => Assert.Equal(c.Name, c.Tags["name"]));
    }

    [Fact]
    public void Named_clusters_are_described_directly_and_a_missing_one_is_an_error()
    {
        var handler = new FakeAwsHandler().WithEcs(3);
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcsCluster -Name cluster-001, nope");

        Assert.Equal("cluster-001", Assert.Single(result.Of<EcsCluster>()).Name);
        Assert.Equal(0, handler.CallCount("ListClusters"));
        Assert.Equal(1, handler.CallCount("DescribeClusters"));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("EcsClusterNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal("nope", error.TargetObject);
    }

    [Fact]
    public void Services_are_described_in_batches_of_at_most_10()
    {
        var handler = new FakeAwsHandler().WithEcs(2, servicesPerCluster: 25);
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcsService");

        Assert.Empty(result.Errors);
        Assert.Equal(50, result.Of<EcsService>().Select(s => s.Uid).Distinct().Count());
        Assert.Equal(2, handler.CallCount("ListServices"));
        Assert.Equal(6, handler.CallCount("DescribeServices"));
        AssertBatchesWithin(handler, "DescribeServices", "services", 10);
        Assert.All(result.Of<EcsService>(), s =>
        {
            Assert.Equal("Linux", s.PlatformFamily);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000).UtcDateTime, s.FirstSeen);
        });
    }

    [Fact]
    public void Tasks_are_running_only_unless_include_stopped()
    {
        var handler = new FakeAwsHandler().WithEcs(1, runningPerCluster: 150, stoppedPerCluster: 30);
        CmdletHarness.Connect(handler, pageSize: 40);

        var running = CmdletHarness.Invoke("Get-EcsTask");
        Assert.Empty(running.Errors);
        Assert.Equal(150, running.Of<EcsTask>().Count);
        Assert.All(running.Of<EcsTask>(), t => Assert.Equal("RUNNING", t.DesiredStatus));
        Assert.All(handler.Bodies("ListTasks"), body => Assert.Equal("RUNNING", body["desiredStatus"]!.GetValue<string>()));
        Assert.Equal(4, handler.CallCount("ListTasks"));        // ⌈150 / 40⌉
        Assert.Equal(2, handler.CallCount("DescribeTasks"));    // ⌈150 / 100⌉, batches filled across pages
        AssertBatchesWithin(handler, "DescribeTasks", "tasks", 100);

        var task = running.Of<EcsTask>().First();
        Assert.Equal("256", task.Cpu);
        Assert.Equal("512", task.Memory);
        Assert.Equal("us-east-1a", task.AvailabilityZone);
        Assert.Equal(new[] { "10.0.0.1" }, task.PrivateIpAddresses!);
        Assert.Equal(new[] { "subnet-1" }, task.SubnetIds!);
        Assert.StartsWith("eni-", task.NetworkInterfaceIds![0]);

        var handler2 = new FakeAwsHandler().WithEcs(1, runningPerCluster: 150, stoppedPerCluster: 30);
        CmdletHarness.Connect(handler2, pageSize: 40);
        var all = CmdletHarness.Invoke("Get-EcsTask -IncludeStopped");
        Assert.Equal(180, all.Of<EcsTask>().Select(t => t.Uid).Distinct().Count());
        Assert.Equal(30, all.Of<EcsTask>().Count(t => t.DesiredStatus == "STOPPED"));
        Assert.Equal(new[] { "RUNNING", "STOPPED" }, handler2.Bodies("ListTasks").Select(b => b["desiredStatus"]!.GetValue<string>()).Distinct().OrderBy(s => s));
    }

    [Fact]
    public void A_missing_cluster_is_a_non_terminating_error_while_the_others_go_on()
    {
        var handler = new FakeAwsHandler().WithEcs(2, servicesPerCluster: 3, runningPerCluster: 2);
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcsTask -Cluster cluster-000, missing, cluster-001");

        Assert.Equal(4, result.Of<EcsTask>().Count);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("EcsClusterNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal("missing", error.TargetObject);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
    }

    [Fact]
    public void Cluster_records_bind_from_the_pipeline_by_cluster_arn()
    {
        var handler = new FakeAwsHandler().WithEcs(3, servicesPerCluster: 2, runningPerCluster: 1);
        CmdletHarness.Connect(handler);

        var services = CmdletHarness.Invoke("Get-EcsCluster | Get-EcsService");
        Assert.Empty(services.Errors);
        Assert.Equal(6, services.Of<EcsService>().Count);

        var tasks = CmdletHarness.Invoke("Get-EcsCluster -Name cluster-002 | Get-EcsTask");
        Assert.Equal(FakeEstate.ClusterArn("cluster-002"), Assert.Single(tasks.Of<EcsTask>()).ClusterArn);

        // Services of one cluster repeat its ARN; the cluster is still read once.
        handler.Calls.Clear();
        var viaServices = CmdletHarness.Invoke("Get-EcsService -Cluster cluster-000 | Get-EcsTask");
        Assert.Single(viaServices.Of<EcsTask>());
        Assert.Equal(1, handler.CallCount("ListTasks"));
    }
}
