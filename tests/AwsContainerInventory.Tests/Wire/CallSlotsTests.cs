using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Wire;

/// <summary>One cap for the session, two queues taking turns: each pair's first call, and every later call.</summary>
public class CallSlotsTests
{
    private static ICredentialProvider Keys(string id) => new StaticCredentialProvider(new AwsCredentials(id, "secret"), id);

    [Fact]
    public async Task First_calls_of_new_pairs_and_later_calls_take_turns_each_queue_in_arrival_order()
    {
        var slots = new CallSlots(1);
        var busy = Keys("AKIDBUSY");
        await slots.WaitAsync(busy, "us-east-1", CancellationToken.None);   // the one slot, held
        var order = new List<string>();
        var waits = new List<Task>();
        void Queue(string name, ICredentialProvider credentials, string region) =>
            waits.Add(slots.WaitAsync(credentials, region, CancellationToken.None).ContinueWith(_ => { lock (order) order.Add(name); slots.Release(); },
                TaskContinuationOptions.ExecuteSynchronously));

        // Thousands of new pairs would queue like these three; the busy pair's next page must not wait behind them all.
        Queue("new-1", Keys("AKID1"), "us-east-1");
        Queue("new-2", Keys("AKID2"), "us-east-1");
        Queue("new-3", busy, "eu-west-1");
        Queue("next-1", busy, "us-east-1");
        Queue("next-2", busy, "us-east-1");
        Queue("sts", null!, null!);
        slots.Release();
        await Task.WhenAll(waits);

        Assert.Equal(new[] { "new-1", "next-1", "new-2", "next-2", "new-3", "sts" }, order);
        Assert.Equal(1, slots.Available);
    }

    [Fact]
    public async Task Discovery_calls_go_before_both_queues_and_leave_their_turns_as_they_were()
    {
        var slots = new CallSlots(1);
        var busy = Keys("AKIDBUSY");
        await slots.WaitAsync(busy, "us-east-1", CancellationToken.None);
        var order = new List<string>();
        var waits = new List<Task>();
        void Queue(string name, ICredentialProvider? credentials, string? region, bool discovery = false) =>
            waits.Add(slots.WaitAsync(credentials, region, CancellationToken.None, discovery).ContinueWith(_ => { lock (order) order.Add(name); slots.Release(); },
                TaskContinuationOptions.ExecuteSynchronously));

        // The AssumeRole calls of the accounts one page named must not hold back the page that names the next ones.
        Queue("new-1", Keys("AKID1"), "us-east-1");
        Queue("sts-1", null, null);
        Queue("sts-2", null, null);
        Queue("page-2", null, null, discovery: true);
        Queue("new-2", Keys("AKID2"), "us-east-1");
        Queue("page-3", null, null, discovery: true);
        slots.Release();
        await Task.WhenAll(waits);

        Assert.Equal(new[] { "page-2", "page-3", "new-1", "sts-1", "new-2", "sts-2" }, order);
        Assert.Equal(1, slots.Available);
    }

    [Fact]
    public void Only_the_organization_listing_is_a_discovery_call()
    {
        AwsRequest Request(string service) => new AwsRequest(service, "Op", "us-east-1", new Uri("https://example.invalid/"), "application/x-amz-json-1.1", null, Array.Empty<byte>(), Keys("AKIDX"));

        Assert.True(Request("organizations").IsDiscovery);
        Assert.All(new[] { "ecr", "ecs", "ec2", "sts", "elasticloadbalancing" }, service => Assert.False(Request(service).IsDiscovery));
    }

    [Fact]
    public async Task A_waiter_that_stopped_waiting_is_passed_over_and_its_slot_goes_to_the_next()
    {
        var slots = new CallSlots(1);
        await slots.WaitAsync(Keys("AKIDA"), "us-east-1", CancellationToken.None);
        using var stop = new CancellationTokenSource();
        Task stopped = slots.WaitAsync(Keys("AKIDB"), "us-east-1", stop.Token);
        Task waiting = slots.WaitAsync(Keys("AKIDC"), "us-east-1", CancellationToken.None);

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stopped);
        slots.Release();
        await waiting;

        Assert.Equal(0, slots.Available);
        slots.Release();
        Assert.Equal(1, slots.Available);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => slots.WaitAsync(Keys("AKIDD"), "us-east-1", stop.Token));
    }

    [Fact]
    public async Task Never_more_than_the_cap_at_once()
    {
        var slots = new CallSlots(3);
        int inFlight = 0, peak = 0;
        await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            await slots.WaitAsync(Keys("AKID" + (i % 7)), i % 2 == 0 ? "us-east-1" : "eu-west-1", CancellationToken.None);
            int now = Interlocked.Increment(ref inFlight);
            lock (slots) peak = Math.Max(peak, now);
            await Task.Delay(1);
            Interlocked.Decrement(ref inFlight);
            slots.Release();
        }));
        Assert.Equal(3, peak);
        Assert.Equal(3, slots.Available);
    }
}
