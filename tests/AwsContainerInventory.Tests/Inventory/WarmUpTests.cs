using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Tests.Inventory;

/// <summary>The background warm-up at Import-Module: a whole first inventory's code, against answers made in memory.</summary>
public class WarmUpTests
{
    [Fact]
    public async Task One_pass_signs_sends_reads_and_maps_a_repository_and_a_task_with_its_public_address_without_a_socket()
    {
        // The endpoint is warm-up.invalid: a pass that opened a socket or asked DNS would fail, not pass.
        IReadOnlyList<object> made = await WarmUp.RunAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var repository = Assert.IsType<EcrRepository>(made[0]);
        Assert.Equal("warm-up", repository.RepositoryName);
        Assert.False(repository.IsPublic);
        var task = Assert.IsType<EcsTask>(made[1]);
        Assert.Equal("FARGATE", task.LaunchType);
        // Its public address came from the in-memory EC2 answer: the query protocol's XML path ran too.
        Assert.Equal(new[] { "192.0.2.1" }, task.PublicIpAddresses);
        Assert.Equal(2, made.Count);
    }

    [Fact]
    public async Task It_starts_once_per_process_and_never_fails_the_import()
    {
        WarmUp.StartOnce();
        Task? first = WarmUp.Running;
        WarmUp.StartOnce();

        Assert.NotNull(first);
        Assert.Same(first, WarmUp.Running);
        await first!.WaitAsync(TimeSpan.FromSeconds(30)); // failures are swallowed inside: this never throws
    }
}
