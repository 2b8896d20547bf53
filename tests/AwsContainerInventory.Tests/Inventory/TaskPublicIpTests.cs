using System.Management.Automation;
using AwsContainerInventory.Tests.Support;

namespace AwsContainerInventory.Tests.Inventory;

/// <summary>Get-EcsTask's PublicIpAddresses: ec2:DescribeNetworkInterfaces in batches of up to 200 interfaces (EC2's filter limit) per role × region.</summary>
[Collection(SessionCollection.Name)]
public class TaskPublicIpTests
{
    // Every third task's interface has a public IP, derived from its id so each task's answer is checkable.
    private static string? PublicIpOf(string eniId) =>
        int.Parse(eniId.Split('-').Last()) % 3 == 0 ? "203.0.113." + int.Parse(eniId.Split('-').Last()) % 250 : null;

    private static int IdsIn(System.Text.Json.Nodes.JsonObject body) => body.Count(p => p.Key.StartsWith("Filter.1.Value.", StringComparison.Ordinal));

    [Theory]
    [InlineData(3, 60, 1)]     // 180 interfaces: one call for the whole pair, across clusters
    [InlineData(1, 200, 1)]    // exactly one full call
    [InlineData(3, 130, 2)]    // 390 interfaces: ⌈390 / 200⌉
    [InlineData(3, 900, 14)]   // 2,700 interfaces: ⌈2700 / 200⌉
    public void Public_ips_come_from_the_fewest_describe_network_interfaces_calls(int clusters, int tasksPerCluster, int ec2Calls)
    {
        var handler = new FakeAwsHandler().WithEcs(clusters, runningPerCluster: tasksPerCluster).WithNetworkInterfaces(PublicIpOf);
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcsTask");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        var tasks = result.Of<EcsTask>();
        Assert.Equal(clusters * tasksPerCluster, tasks.Count);
        Assert.Equal(ec2Calls, handler.CallCount("DescribeNetworkInterfaces"));
        Assert.All(handler.Bodies("DescribeNetworkInterfaces"), body =>
        {
            Assert.Equal("network-interface-id", body["Filter.1.Name"]!.GetValue<string>());
            Assert.InRange(IdsIn(body), 1, 200);
            Assert.Equal("1000", body["MaxResults"]!.GetValue<string>());
            Assert.Null(body["NetworkInterfaceId.1"]);
        });
        Assert.Equal(clusters * tasksPerCluster, handler.Bodies("DescribeNetworkInterfaces").Sum(IdsIn));
        Assert.All(tasks, task =>
        {
            string? expected = PublicIpOf(task.NetworkInterfaceIds!.Single());
            Assert.Equal(expected == null ? Array.Empty<string>() : new[] { expected }, task.PublicIpAddresses!);
            Assert.Equal(expected ?? string.Empty, task.PublicIpAddresses!.ToString());
        });
    }

    [Fact]
    public void Pages_of_a_lookup_are_followed()
    {
        // The endpoint answers at most 5 interfaces a page here, as EC2 may with fewer than MaxResults.
        var handler = new FakeAwsHandler().WithEcs(1, runningPerCluster: 12).WithNetworkInterfaces(PublicIpOf, pageLimit: 5);
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcsTask");

        Assert.Empty(result.Errors);
        Assert.Equal(3, handler.CallCount("DescribeNetworkInterfaces"));
        Assert.Equal(4, result.Of<EcsTask>().Count(t => t.PublicIpAddresses!.Count == 1));
        Assert.Equal(new bool[] { false, true, true }, handler.Bodies("DescribeNetworkInterfaces").Select(b => b["NextToken"] != null));
    }

    [Fact]
    public void SkipPublicIp_makes_no_ec2_call_and_leaves_the_property_null()
    {
        var handler = new FakeAwsHandler().WithEcs(2, runningPerCluster: 20).WithNetworkInterfaces(PublicIpOf);
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcsTask -SkipPublicIp");

        Assert.Empty(result.Errors);
        Assert.Equal(40, result.Of<EcsTask>().Count);
        Assert.Equal(0, handler.CallCount("DescribeNetworkInterfaces"));
        Assert.All(result.Of<EcsTask>(), t => Assert.Null(t.PublicIpAddresses));
    }

    [Fact]
    public void A_denied_lookup_is_one_warning_per_role_and_every_task_still_comes()
    {
        var handler = new FakeAwsHandler().WithEcs(1, runningPerCluster: 900, regions: new[] { "us-east-1", "eu-west-1" });
        handler.On("DescribeNetworkInterfaces", _ => FakeEstate.Ec2Error(403, "UnauthorizedOperation", "You are not authorized to perform this operation."));
        handler.OperationLatency["DescribeNetworkInterfaces"] = TimeSpan.FromMilliseconds(300);   // batches fill up while the first lookup is out
        CmdletHarness.Connect(handler, regions: new[] { "us-east-1", "eu-west-1" });

        var result = CmdletHarness.Invoke("Get-EcsTask");

        Assert.Empty(result.Errors);
        Assert.Equal(2 * 900, result.Of<EcsTask>().Count);
        Assert.All(result.Of<EcsTask>(), t => Assert.Null(t.PublicIpAddresses));
        string warning = Assert.Single(result.Warnings);
        Assert.Contains("ec2:DescribeNetworkInterfaces was denied", warning);
        Assert.Contains("-SkipPublicIp", warning);
        // Once denied, a pair asks no more: batches that fill while the first lookup is out wait for its answer,
        // so 900 interfaces (five batches) are one call per region.
        Assert.Equal(2, handler.CallCount("DescribeNetworkInterfaces"));
    }

    [Fact]
    public void A_failing_lookup_is_an_error_for_the_pair_and_the_tasks_still_come()
    {
        var handler = new FakeAwsHandler().WithEcs(1, runningPerCluster: 30);
        handler.On("DescribeNetworkInterfaces", _ => FakeEstate.Ec2Error(400, "InvalidParameterValue", "Scripted failure."));
        CmdletHarness.Connect(handler);

        var result = CmdletHarness.Invoke("Get-EcsTask");

        Assert.Equal(30, result.Of<EcsTask>().Count);
        Assert.All(result.Of<EcsTask>(), t => Assert.Null(t.PublicIpAddresses));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsServiceError,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("public IPs", error.ToString());
    }

    [Fact]
    public void Interfaces_that_no_longer_exist_give_an_empty_list()
    {
        var handler = new FakeAwsHandler().WithEcs(1, runningPerCluster: 10).WithNetworkInterfaces(_ => "198.51.100.7", exists: id => !id.EndsWith("0003"));
        CmdletHarness.Connect(handler);

        var tasks = CmdletHarness.Invoke("Get-EcsTask").Of<EcsTask>();

        Assert.Equal(9, tasks.Count(t => t.PublicIpAddresses!.SequenceEqual(new[] { "198.51.100.7" })));
        Assert.Empty(Assert.Single(tasks, t => t.Uid.EndsWith("0003")).PublicIpAddresses!);
    }
}
