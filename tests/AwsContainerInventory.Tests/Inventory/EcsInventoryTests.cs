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

    [Fact]
    public void Include_stopped_writes_a_task_that_stops_between_the_two_listings_once()
    {
        string Task(string id) => $"arn:aws:ecs:us-east-1:{FakeEstate.Account}:task/cluster-000/{id}";
        string moving = Task("moving");
        using var runningListed = new ManualResetEventSlim();
        var handler = new FakeAwsHandler().WithEcs(1)
            .On("ListTasks", body =>
            {
                if (body["desiredStatus"]!.GetValue<string>() == "RUNNING")
                {
                    runningListed.Set();
                    return new { taskArns = new[] { Task("r0"), Task("r1"), moving } };
                }
                // The STOPPED listing is answered after the RUNNING one, by which time the task has stopped.
                Assert.True(runningListed.Wait(TimeSpan.FromSeconds(10)));
                return new { taskArns = new[] { Task("s0"), moving } };
            })
            .On("DescribeTasks", body => new
            {
                tasks = body["tasks"]!.AsArray().Select(n => n!.GetValue<string>()).Select(arn => new
                {
                    taskArn = arn, clusterArn = FakeEstate.ClusterArn("cluster-000"), launchType = "FARGATE",
                    lastStatus = arn.EndsWith("/r0") || arn.EndsWith("/r1") ? "RUNNING" : "STOPPED",
                    desiredStatus = arn.EndsWith("/r0") || arn.EndsWith("/r1") ? "RUNNING" : "STOPPED",
                }),
                failures = Array.Empty<object>(),
            });
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcsTask -IncludeStopped");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { moving, Task("r0"), Task("r1"), Task("s0") }, result.Of<EcsTask>().Select(t => t.TaskArn!).OrderBy(a => a, StringComparer.Ordinal));
        Assert.Equal(1, handler.Bodies("DescribeTasks").SelectMany(b => b["tasks"]!.AsArray()).Count(n => n!.GetValue<string>() == moving));
    }

    [Fact]
    public void A_listed_cluster_that_describe_clusters_reports_missing_is_an_error_naming_it()
    {
        string gone = FakeEstate.ClusterArn("cluster-001");
        var handler = new FakeAwsHandler().WithEcs(3).On("DescribeClusters", body => new
        {
            clusters = body["clusters"]!.AsArray().Select(n => n!.GetValue<string>()).Where(arn => arn != gone)
                .Select(arn => new { clusterArn = arn, clusterName = arn.Split('/').Last(), status = "ACTIVE" }),
            failures = new[] { new { arn = gone, reason = "MISSING" } },
        });
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcsCluster");

        Assert.Equal(new[] { "cluster-000", "cluster-002" }, result.Of<EcsCluster>().Select(c => c.Name).OrderBy(n => n));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("EcsDescribeFailed,", error.FullyQualifiedErrorId);
        Assert.Equal(gone, error.TargetObject);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Contains("MISSING", error.ToString());
        Assert.Contains("region us-east-1", error.ToString());
    }

    [Fact]
    public void A_named_cluster_failing_for_another_reason_is_that_error_and_not_also_not_found()
    {
        var handler = new FakeAwsHandler().WithEcs(3).On("DescribeClusters", body => new
        {
            clusters = Array.Empty<object>(),
            failures = new[]
            {
                new { arn = FakeEstate.ClusterArn("cluster-001"), reason = "INTERNAL_ERROR" },
                new { arn = FakeEstate.ClusterArn("nope"), reason = "MISSING" },
            },
        });
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcsCluster -Name cluster-001, nope");

        Assert.Empty(result.Output);
        Assert.Equal(2, result.Errors.Count);
        var failed = Assert.Single(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("EcsDescribeFailed,"));
        Assert.Equal(FakeEstate.ClusterArn("cluster-001"), failed.TargetObject);
        Assert.Equal(ErrorCategory.ReadError, failed.CategoryInfo.Category);
        Assert.Contains("INTERNAL_ERROR", failed.ToString());
        var notFound = Assert.Single(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("EcsClusterNotFound,"));
        Assert.Equal("nope", notFound.TargetObject);
    }

    [Fact]
    public void Services_and_tasks_that_their_describe_call_lists_as_failures_are_errors_naming_them()
    {
        string lostService = $"arn:aws:ecs:us-east-1:{FakeEstate.Account}:service/cluster-000/svc-001";
        string lostTask = $"arn:aws:ecs:us-east-1:{FakeEstate.Account}:task/cluster-000/running-0001";
        var handler = new FakeAwsHandler().WithEcs(1, servicesPerCluster: 3, runningPerCluster: 3);
        handler.On("DescribeServices", body => new
        {
            services = body["services"]!.AsArray().Select(n => n!.GetValue<string>()).Where(a => a != lostService)
                .Select(a => new { serviceArn = a, serviceName = a.Split('/').Last(), clusterArn = FakeEstate.ClusterArn("cluster-000") }),
            failures = new[] { new { arn = lostService, reason = "MISSING" } },
        }).On("DescribeTasks", body => new
        {
            tasks = body["tasks"]!.AsArray().Select(n => n!.GetValue<string>()).Where(a => a != lostTask)
                .Select(a => new { taskArn = a, clusterArn = FakeEstate.ClusterArn("cluster-000"), lastStatus = "RUNNING" }),
            failures = new[] { new { arn = lostTask, reason = "MISSING" } },
        });
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcsService; Get-EcsTask -SkipPublicIp");

        Assert.Equal(2, result.Of<EcsService>().Count);
        Assert.Equal(2, result.Of<EcsTask>().Count);
        Assert.Empty(result.Warnings);
        Assert.Equal(new[] { lostService, lostTask }, result.Errors.Select(e => (string)e.TargetObject).OrderBy(t => t, StringComparer.Ordinal));
        Assert.All(result.Errors, e => Assert.StartsWith("EcsDescribeFailed,", e.FullyQualifiedErrorId));
    }
}
