using System.Collections.Concurrent;
using AwsContainerInventory.Inventory;
using AwsContainerInventory.Tests.Support;

namespace AwsContainerInventory.Tests.Inventory;

/// <summary>The readers of one (role × region) pair on their shared InventoryContext, without a cmdlet.</summary>
[Collection(SessionCollection.Name)]
public class ReaderTests
{
    private static (InventoryContext Context, InventoryRun Run, ConcurrentQueue<object> Records) PairOf(FakeAwsHandler handler, int pageSize = 100)
    {
        InventorySession session = CmdletHarness.Connect(handler, pageSize: pageSize);
        var records = new ConcurrentQueue<object>();
        var run = new InventoryRun("test", records.Enqueue);
        var scope = new InventoryScope(session, "us-east-1", null, session.BaseCredentials);
        return (new InventoryContext(scope, run, session, CancellationToken.None), run, records);
    }

    [Fact]
    public void A_context_makes_each_client_of_its_pair_once()
    {
        var (context, run, _) = PairOf(new FakeAwsHandler());
        using (run)
        {
            Assert.Same(context.Ecs, context.Ecs);
            Assert.Same(context.Ecr, context.Ecr);
            Assert.Same(context.Ec2, context.Ec2);
            Assert.Same(context.Elbv2, context.Elbv2);
            Assert.Equal(100, context.PageSize);
            Assert.Equal("region us-east-1", context.Label);
        }
    }

    [Theory]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:cluster/prod", "prod")]
    [InlineData("prod", "prod")]
    [InlineData("team/prod", "team/prod")]   // a name is a name, slash or not: only an ARN is cut
    public void A_cluster_name_is_the_last_part_of_its_arn(string arnOrName, string name) =>
        Assert.Equal(name, ClusterReader.NameFromArn(arnOrName));

    [Theory]
    [InlineData(null, "arn:aws:ecs:us-east-1:123456789012:cluster/prod", true)]
    [InlineData(new[] { "pro*" }, "arn:aws:ecs:us-east-1:123456789012:cluster/prod", true)]
    [InlineData(new[] { "dev*" }, "arn:aws:ecs:us-east-1:123456789012:cluster/prod", false)]
    [InlineData(new[] { "prod", "pro*" }, "arn:aws:ecs:us-east-1:123456789012:cluster/prod", false)]   // the literal reads it, not the listing
    public void A_listed_cluster_is_selected_by_wildcards_only_once(string[]? names, string arn, bool selected)
    {
        var selection = new ClusterSelection(names);

        Assert.Equal(selected, selection.MatchesListed(arn));
        Assert.True(selection.NeedsListing);
    }

    [Fact]
    public async Task Named_clusters_need_no_listing()
    {
        var handler = new FakeAwsHandler().WithEcs(3, servicesPerCluster: 2);
        var (context, run, records) = PairOf(handler);
        using (run)
        {
            var clusters = new ClusterSelection(new[] { "cluster-001", "cluster-009" });

            await new ServiceReader(context).ReadAsync(clusters);

            Assert.False(clusters.NeedsListing);
            Assert.Equal(0, handler.CallCount("ListClusters"));
            Assert.Equal(2, records.OfType<EcsService>().Count());
            Assert.Equal(new[] { "cluster-009" }, clusters.Names.UnmatchedLiterals);
        }
    }

    [Fact]
    public async Task Exposure_reads_services_and_running_tasks_from_one_cluster_listing()
    {
        var handler = new FakeAwsHandler().WithEcs(3, servicesPerCluster: 2, runningPerCluster: 4, stoppedPerCluster: 5);
        var (context, run, records) = PairOf(handler);
        using (run)
        {
            var services = new ServiceReader(context);

            await new TaskReader(context).ReadRunningWithPublicIpsAsync(alongside: services.ReadClusterAsync);

            Assert.Equal(1, handler.CallCount("ListClusters"));
            Assert.Equal(3 * 2, records.OfType<EcsService>().Count());
            var tasks = records.OfType<EcsTask>().ToList();
            Assert.Equal(3 * 4, tasks.Count);
            Assert.All(tasks, t => Assert.NotNull(t.PublicIpAddresses));   // looked up (none public here), never left unread
            Assert.Equal(1, handler.CallCount("DescribeNetworkInterfaces"));   // 12 interfaces: one call for the pair
            Assert.All(handler.Bodies("ListTasks"), b => Assert.Equal(TaskReader.Running, b["desiredStatus"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task A_task_that_stops_between_the_two_listings_is_described_and_written_once()
    {
        // Both listings name running-0001: it stopped while the pair was being read. The estate holds running-0000..0007, so every listed task exists.
        var handler = new FakeAwsHandler().WithEcs(1, runningPerCluster: 8);
        handler.On("ListTasks", body => new
        {
            taskArns = (body["desiredStatus"]!.GetValue<string>() == TaskReader.Stopped ? new[] { 1, 7 } : new[] { 0, 1, 2 })
                .Select(i => $"arn:aws:ecs:us-east-1:{FakeEstate.Account}:task/cluster-000/running-{i:D4}").ToArray(),
        });
        var (context, run, records) = PairOf(handler);
        using (run)
        {
            await new TaskReader(context).ReadAsync(ClusterSelection.Every(), includeStopped: true, lookUpPublicIps: false);

            var tasks = records.OfType<EcsTask>().ToList();
            Assert.Equal(4, tasks.Count);
            Assert.Equal(4, tasks.Select(t => t.Uid).Distinct().Count());
            Assert.Equal(4, handler.Bodies("DescribeTasks").Sum(b => b["tasks"]!.AsArray().Count));
            Assert.All(tasks, t => Assert.Null(t.PublicIpAddresses));
            Assert.Equal(0, handler.CallCount("DescribeNetworkInterfaces"));
        }
    }
}
