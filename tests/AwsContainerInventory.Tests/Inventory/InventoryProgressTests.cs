using System.Management.Automation;
using AwsContainerInventory.Inventory;
using Microsoft.Extensions.Time.Testing;

namespace AwsContainerInventory.Tests.Inventory;

/// <summary>The progress bar a run shows (InventoryProgress), on a clock the test moves.</summary>
public class InventoryProgressTests
{
    [Fact]
    public void A_quick_run_shows_no_bar_and_closes_none()
    {
        var time = new FakeTimeProvider();
        var progress = new InventoryProgress("Get-EcsTask", time);
        progress.AddScopes(2);

        time.Advance(TimeSpan.FromMilliseconds(499));

        Assert.Null(progress.Due());
        Assert.Null(progress.Completed());
    }

    [Fact]
    public void After_the_delay_the_bar_counts_pairs_and_records_by_kind()
    {
        var time = new FakeTimeProvider();
        var progress = new InventoryProgress("Get-EcsTask", time);
        progress.AddScopes(4);
        progress.ScopeDone();
        for (int i = 0; i < 1234; i++) progress.Counted("tasks");
        progress.Counted("services");

        time.Advance(TimeSpan.FromMilliseconds(500));
        ProgressRecord? record = progress.Due();

        Assert.NotNull(record);
        Assert.Equal("Get-EcsTask", record!.Activity);
        Assert.Equal("1 of 4 account/region pairs done; 1 services, 1,234 tasks", record.StatusDescription);
        Assert.Equal(25, record.PercentComplete);
        Assert.Equal(ProgressRecordType.Processing, record.RecordType);
    }

    [Fact]
    public void The_bar_is_updated_at_most_every_quarter_second_and_closed_once_shown()
    {
        var time = new FakeTimeProvider();
        var progress = new InventoryProgress("Get-EcrImage", time);

        time.Advance(TimeSpan.FromSeconds(1));
        ProgressRecord first = progress.Due()!;
        time.Advance(TimeSpan.FromMilliseconds(249));
        Assert.Null(progress.Due());
        time.Advance(TimeSpan.FromMilliseconds(1));
        ProgressRecord second = progress.Due()!;

        Assert.Equal("0 of 0 account/region pairs done", second.StatusDescription);
        Assert.Equal(-1, second.PercentComplete);   // no pairs known yet: no percentage
        Assert.Equal(first.ActivityId, second.ActivityId);
        ProgressRecord done = progress.Completed()!;
        Assert.Equal(ProgressRecordType.Completed, done.RecordType);
        Assert.Equal(first.ActivityId, done.ActivityId);
    }

    [Fact]
    public void Done_pairs_never_show_more_than_100_percent()
    {
        var time = new FakeTimeProvider();
        var progress = new InventoryProgress("Get-EcsCluster", time);
        progress.AddScopes(1);
        progress.ScopeDone();
        progress.ScopeDone();

        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(100, progress.Due()!.PercentComplete);
    }
}
