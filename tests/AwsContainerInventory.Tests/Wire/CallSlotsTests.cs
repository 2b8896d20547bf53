using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Wire;

/// <summary>One cap for the session, three queues taking turns: each pair's first call, its later calls, and account setup.</summary>
public class CallSlotsTests
{
    private static ICredentialProvider Keys(string id) => new StaticCredentialProvider(new AwsCredentials(id, "secret"), id);

    /// <summary>Calls queued behind a held slot: each, when its turn comes, is written down in order and frees the slot.</summary>
    private sealed class Turns(CallSlots slots)
    {
        private readonly List<Task> _waits = new();

        public List<string> Order { get; } = new();

        public void Queue(string name, ICredentialProvider? credentials, string? region, CallKind kind = CallKind.Pair) =>
            _waits.Add(slots.WaitAsync(credentials, region, CancellationToken.None, kind).ContinueWith(_ => { lock (Order) Order.Add(name); slots.Release(); },
                TaskContinuationOptions.ExecuteSynchronously));

        public Task AllServed() => Task.WhenAll(_waits);
    }

    [Fact]
    public async Task First_calls_later_calls_and_setup_calls_take_turns_each_queue_in_arrival_order()
    {
        var slots = new CallSlots(1);
        var busy = Keys("AKIDBUSY");
        await slots.WaitAsync(busy, "us-east-1", CancellationToken.None);   // the one slot, held
        var turns = new Turns(slots);

        // Thousands of new pairs would queue like these three; the busy pair's next page must not wait behind them all.
        turns.Queue("new-1", Keys("AKID1"), "us-east-1");
        turns.Queue("new-2", Keys("AKID2"), "us-east-1");
        turns.Queue("new-3", busy, "eu-west-1");
        turns.Queue("next-1", busy, "us-east-1");
        turns.Queue("next-2", busy, "us-east-1");
        turns.Queue("sts", null, null);
        slots.Release();
        await turns.AllServed();

        Assert.Equal(new[] { "new-1", "next-1", "sts", "new-2", "next-2", "new-3" }, turns.Order);
        Assert.Equal(1, slots.Available);
    }

    [Fact]
    public async Task A_pairs_next_call_does_not_wait_behind_a_flood_of_account_setup()
    {
        // A listing page names 20 accounts at once: their AssumeRole and DescribeRegions calls must not hold back the next
        // call of a pair already under way (on the chain to the first records).
        var slots = new CallSlots(1);
        var busy = Keys("AKIDBUSY");
        await slots.WaitAsync(busy, "us-east-1", CancellationToken.None);
        var turns = new Turns(slots);

        for (int i = 1; i <= 20; i++) turns.Queue("sts-" + i, null, null);
        for (int i = 1; i <= 20; i++) turns.Queue("regions-" + i, Keys("AKIDR" + i), "us-east-1", CallKind.Setup);
        turns.Queue("next", busy, "us-east-1");
        slots.Release();
        await turns.AllServed();

        Assert.Equal(41, turns.Order.Count);
        Assert.Equal("next", turns.Order[0]);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => "sts-" + i).Concat(Enumerable.Range(1, 20).Select(i => "regions-" + i)), turns.Order.Skip(1));
    }

    [Fact]
    public async Task A_setup_call_does_not_take_its_pairs_first_call_turn()
    {
        var slots = new CallSlots(1);
        var busy = Keys("AKIDBUSY");
        await slots.WaitAsync(busy, "us-east-1", CancellationToken.None);
        var turns = new Turns(slots);

        var account = Keys("AKIDNEW");
        turns.Queue("regions", account, "us-east-1", CallKind.Setup);   // DescribeRegions in the home region
        turns.Queue("next", busy, "us-east-1");
        turns.Queue("home-first", account, "us-east-1");               // ListClusters in the home region, beside it
        slots.Release();
        await turns.AllServed();

        // The home region's first call is queued as a first call, ahead of the later-call and setup turns.
        Assert.Equal(new[] { "home-first", "next", "regions" }, turns.Order);
    }

    [Fact]
    public async Task Discovery_calls_go_before_every_queue_and_leave_their_turns_as_they_were()
    {
        var slots = new CallSlots(1);
        var busy = Keys("AKIDBUSY");
        await slots.WaitAsync(busy, "us-east-1", CancellationToken.None);
        var turns = new Turns(slots);

        // The AssumeRole calls of the accounts one page named must not hold back the page that names the next ones.
        turns.Queue("new-1", Keys("AKID1"), "us-east-1");
        turns.Queue("sts-1", null, null);
        turns.Queue("sts-2", null, null);
        turns.Queue("page-2", null, null, CallKind.Discovery);
        turns.Queue("new-2", Keys("AKID2"), "us-east-1");
        turns.Queue("page-3", null, null, CallKind.Discovery);
        slots.Release();
        await turns.AllServed();

        Assert.Equal(new[] { "page-2", "page-3", "new-1", "sts-1", "new-2", "sts-2" }, turns.Order);
        Assert.Equal(1, slots.Available);
    }

    [Fact]
    public void The_organization_listing_is_discovery_DescribeRegions_is_setup_and_the_rest_are_a_pairs()
    {
        AwsRequest Request(string service, string operation = "Op") => new AwsRequest(service, operation, "us-east-1", new Uri("https://example.invalid/"), "application/x-amz-json-1.1", null, Array.Empty<byte>(), Keys("AKIDX"));

        Assert.Equal(CallKind.Discovery, Request("organizations").Kind);
        Assert.Equal(CallKind.Setup, Request("ec2", "DescribeRegions").Kind);
        Assert.All(new[] { "ecr", "ecs", "ec2", "sts", "elasticloadbalancing" }, service => Assert.Equal(CallKind.Pair, Request(service).Kind));
        Assert.Equal(CallKind.Pair, Request("ec2", "DescribeNetworkInterfaces").Kind);
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

    [Fact]
    public async Task The_freed_slot_goes_to_the_next_call_on_the_releasing_thread()
    {
        var slots = new CallSlots(1);
        await slots.WaitAsync(Keys("AKIDA"), "us-east-1", CancellationToken.None);
        int? continuedOn = null;
        Task next = slots.WaitAsync(Keys("AKIDB"), "us-east-1", CancellationToken.None)
            .ContinueWith(_ => continuedOn = Environment.CurrentManagedThreadId, TaskContinuationOptions.ExecuteSynchronously);

        slots.Release();

        Assert.Equal(Environment.CurrentManagedThreadId, continuedOn); // already run when Release returned
        await next;
        Assert.Equal(0, slots.Available);
    }

    [Fact]
    public async Task A_hundred_thousand_calls_that_end_at_once_hand_their_slot_on_without_growing_the_stack()
    {
        // Each waiter releases its slot as soon as it gets it (a call failing or cancelled at once): handed over inline
        // without a bound, that would be one stack frame per waiter and overflow the stack.
        var slots = new CallSlots(1);
        var keys = Keys("AKIDA");
        await slots.WaitAsync(keys, "us-east-1", CancellationToken.None);
        var waits = new Task[100_000];
        for (int i = 0; i < waits.Length; i++)
            waits[i] = slots.WaitAsync(keys, "us-east-1", CancellationToken.None).ContinueWith(_ => slots.Release(), TaskContinuationOptions.ExecuteSynchronously);

        slots.Release();
        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, slots.Available);
    }

    [Fact]
    public async Task A_waiter_that_stopped_waiting_is_passed_over_also_when_the_handover_is_queued()
    {
        var slots = new CallSlots(1);
        var keys = Keys("AKIDA");
        await slots.WaitAsync(keys, "us-east-1", CancellationToken.None);
        using var stop = new CancellationTokenSource();
        // Enough immediate releases ahead to push the handover past the inline limit, then stopped waiters, then one that waits.
        var quick = Enumerable.Range(0, 20).Select(_ => slots.WaitAsync(keys, "us-east-1", CancellationToken.None)
            .ContinueWith(_ => slots.Release(), TaskContinuationOptions.ExecuteSynchronously)).ToArray();
        var stopped = Enumerable.Range(0, 5).Select(_ => slots.WaitAsync(keys, "us-east-1", stop.Token)).ToArray();
        Task waiting = slots.WaitAsync(keys, "us-east-1", CancellationToken.None);
        stop.Cancel();

        slots.Release();
        await Task.WhenAll(quick).WaitAsync(TimeSpan.FromSeconds(30));
        await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        // A cancellation's continuation may be queued rather than run inline (the test thread has a synchronization
        // context): wait for the stopped waiters to end before looking at how.
        await Task.WhenAll(stopped.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(stopped, t => Assert.True(t.IsCanceled));
        Assert.Equal(0, slots.Available);
        slots.Release();
        Assert.Equal(1, slots.Available);
    }

    /// <summary>Takes <paramref name="count"/> slots at once for new pairs' first calls (each a pair of its own).</summary>
    private static async Task TakeFirstCalls(CallSlots slots, int count, string prefix = "AKIDTAKEN")
    {
        for (int i = 0; i < count; i++) await slots.WaitAsync(Keys(prefix + i), "us-east-1", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void One_slot_in_32_is_kept_and_none_below_32()
    {
        Assert.Equal(2, new CallSlots(64).KeptForFollowUps);
        Assert.Equal(1, new CallSlots(32).KeptForFollowUps);
        Assert.Equal(0, new CallSlots(31).KeptForFollowUps);
        Assert.Equal(0, new CallSlots(8).KeptForFollowUps);
    }

    [Fact]
    public async Task While_kept_the_last_slots_go_to_a_pairs_later_calls_and_discovery_not_to_new_pairs_or_setup()
    {
        var slots = new CallSlots(32);
        var busy = Keys("AKIDBUSY");
        await slots.WaitAsync(busy, "us-east-1", CancellationToken.None);
        using IDisposable keep = slots.KeepForFollowUps();
        await TakeFirstCalls(slots, 30);
        Assert.Equal(1, slots.Available);

        Task newPair = slots.WaitAsync(Keys("AKIDNEW"), "us-east-1", CancellationToken.None);
        Task setup = slots.WaitAsync(null, null, CancellationToken.None);
        Assert.False(newPair.IsCompleted);
        Assert.False(setup.IsCompleted);
        Assert.Equal(1, slots.Available);

        // The pair already under way finds the kept slot free: its next call is on the way to a first record.
        Task next = slots.WaitAsync(busy, "us-east-1", CancellationToken.None);
        Assert.True(next.IsCompletedSuccessfully);
        Assert.Equal(0, slots.Available);
        Assert.False(newPair.IsCompleted);
    }

    [Fact]
    public async Task While_kept_a_freed_slot_goes_to_a_waiting_later_call_first_and_new_pairs_get_only_what_is_past_the_kept()
    {
        var slots = new CallSlots(32);
        var busy = Keys("AKIDBUSY");
        await slots.WaitAsync(busy, "us-east-1", CancellationToken.None);
        using IDisposable keep = slots.KeepForFollowUps();
        await TakeFirstCalls(slots, 30);
        await slots.WaitAsync(busy, "us-east-1", CancellationToken.None);   // the kept slot, taken by a later call
        Assert.Equal(0, slots.Available);
        var turns = new List<string>();
        Task Queue(string name, ICredentialProvider? credentials, string? region, CallKind kind = CallKind.Pair) =>
            slots.WaitAsync(credentials, region, CancellationToken.None, kind).ContinueWith(_ => { lock (turns) turns.Add(name); }, TaskContinuationOptions.ExecuteSynchronously);

        Task newPair = Queue("new", Keys("AKIDNEW"), "us-east-1");
        Task setup = Queue("sts", null, null);
        Task next = Queue("next", busy, "us-east-1");

        slots.Release();   // the later call's, though it was queued last and it was the first calls' turn
        Assert.Equal(new[] { "next" }, turns);
        slots.Release();   // one free slot, the kept one: new pairs and setup still wait
        Assert.Equal(new[] { "next" }, turns);
        Assert.Equal(1, slots.Available);
        slots.Release();   // two free: one past the kept, for setup, whose turn follows the later calls'
        Assert.Equal(new[] { "next", "sts" }, turns);
        slots.Release();
        Assert.Equal(new[] { "next", "sts", "new" }, turns);
        await Task.WhenAll(newPair, setup, next);
        Assert.Equal(1, slots.Available);
    }

    [Fact]
    public async Task When_the_keep_ends_the_kept_free_slots_go_to_the_calls_waiting_for_them_at_once()
    {
        var slots = new CallSlots(64);
        IDisposable keep = slots.KeepForFollowUps();
        await TakeFirstCalls(slots, 62);
        Task first = slots.WaitAsync(Keys("AKIDNEW1"), "us-east-1", CancellationToken.None);
        Task setup = slots.WaitAsync(null, null, CancellationToken.None);
        Task third = slots.WaitAsync(Keys("AKIDNEW2"), "us-east-1", CancellationToken.None);
        Assert.Equal(2, slots.Available);
        Assert.False(first.IsCompleted || setup.IsCompleted || third.IsCompleted);

        keep.Dispose();
        Assert.True(first.IsCompletedSuccessfully);
        Assert.True(setup.IsCompletedSuccessfully);
        Assert.False(third.IsCompleted);
        Assert.Equal(0, slots.Available);
        keep.Dispose();   // once only: a second dispose frees nothing more
        Assert.False(third.IsCompleted);

        slots.Release();
        await third.WaitAsync(TimeSpan.FromSeconds(5));
        // With no keep, a new pair takes the last free slot.
        slots.Release();
        Assert.True(slots.WaitAsync(Keys("AKIDNEW3"), "us-east-1", CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_keep_lapses_once_16_times_the_cap_of_calls_have_ended_without_it_ending()
    {
        // A run that finds nothing for long (no record to end its keep) must not go on with slots held back.
        var slots = new CallSlots(32);
        using IDisposable keep = slots.KeepForFollowUps();
        await TakeFirstCalls(slots, 31);
        var keys = Keys("AKIDLOOP");
        // Each released slot goes straight to the next waiting call, so 31 stay taken and the kept one stays free.
        for (int i = 0; i < CallSlots.KeepLapsesAfterRounds * 32 - 1; i++)
        {
            Task waiting = slots.WaitAsync(Keys("AKIDLOOP" + i), "us-east-1", CancellationToken.None);
            slots.Release();
            await waiting.WaitAsync(TimeSpan.FromSeconds(5));
        }
        Task blocked = slots.WaitAsync(Keys("AKIDLAST"), "eu-west-1", CancellationToken.None);
        Assert.False(blocked.IsCompleted);
        Assert.Equal(1, slots.Available);

        slots.Release();   // the 16 x 32nd: the keep lapses, and both free slots go to the waiting call and the next
        Assert.True(blocked.IsCompletedSuccessfully);
        Assert.True(slots.WaitAsync(keys, "ap-southeast-2", CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal(0, slots.Available);
    }

    [Fact]
    public async Task Below_32_slots_a_keep_holds_nothing_back()
    {
        var slots = new CallSlots(8);
        using IDisposable keep = slots.KeepForFollowUps();
        await TakeFirstCalls(slots, 8);
        Assert.Equal(0, slots.Available);
    }

    [Fact]
    public async Task Kept_slots_never_take_the_cap_past_itself_under_load()
    {
        var slots = new CallSlots(64);
        int inFlight = 0, peak = 0;
        IDisposable keep = slots.KeepForFollowUps();
        Task[] calls = Enumerable.Range(0, 2_000).Select(async i =>
        {
            // Some pairs' first calls, their later calls, and setup, all at once; the keep ends part way.
            await slots.WaitAsync(i % 5 == 0 ? null : Keys("AKID" + (i % 97)), i % 5 == 0 ? null : "us-east-1", CancellationToken.None);
            int now = Interlocked.Increment(ref inFlight);
            lock (slots) peak = Math.Max(peak, now);
            if (i == 700) keep.Dispose();
            await Task.Yield();
            Interlocked.Decrement(ref inFlight);
            slots.Release();
        }).ToArray();
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(peak <= 64, "peak " + peak);
        Assert.Equal(64, slots.Available);
    }
}
