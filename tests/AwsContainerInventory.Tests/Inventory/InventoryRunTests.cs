using System.Collections.Concurrent;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Tests.Inventory;

/// <summary>The run holds the session's kept slots (CallSlots.KeepForFollowUps) until its first record, or its end.</summary>
public class InventoryRunTests
{
    private sealed class CountedKeep : IDisposable
    {
        public int Disposed;

        public void Dispose() => Interlocked.Increment(ref Disposed);
    }

    [Fact]
    public async Task The_keep_ends_at_the_first_record_once()
    {
        var records = new ConcurrentQueue<object>();
        using var run = new InventoryRun("test", records.Enqueue);
        var keep = new CountedKeep();
        run.KeepSlotsUntilFirstRecord(keep);
        Assert.Equal(0, keep.Disposed);

        await run.WriteRecordAsync("first", "records");
        Assert.Equal(1, keep.Disposed);
        await run.WriteRecordAsync("second", "records");
        run.Dispose();
        Assert.Equal(1, keep.Disposed);
        Assert.Equal(2, records.Count);
    }

    [Fact]
    public async Task A_run_that_writes_no_record_ends_its_keep_when_its_work_ends()
    {
        using var run = new InventoryRun("test", _ => { });
        var keep = new CountedKeep();
        run.KeepSlotsUntilFirstRecord(keep);
        run.Start(_ => Task.CompletedTask);

        await run.WhenDone().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, keep.Disposed);
    }

    [Fact]
    public void A_second_keep_is_ended_at_once_and_a_stopped_run_ends_its_keep()
    {
        var run = new InventoryRun("test", _ => { });
        var keep = new CountedKeep();
        var another = new CountedKeep();
        run.KeepSlotsUntilFirstRecord(keep);
        run.KeepSlotsUntilFirstRecord(another);
        Assert.Equal(1, another.Disposed);
        Assert.Equal(0, keep.Disposed);

        run.Dispose();
        Assert.Equal(1, keep.Disposed);
    }
}
