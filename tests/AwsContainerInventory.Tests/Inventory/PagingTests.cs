using AwsContainerInventory.Inventory;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Inventory;

/// <summary>The one NextToken loop (Paging) that every listing of the module goes through.</summary>
public class PagingTests
{
    // Pages of the given sizes, items numbered across them; each page's token names the next page.
    private static Func<string?, Task<ApiPage<int>>> Listing(List<string?> tokensAsked, params int[] pageSizes) => token =>
    {
        tokensAsked.Add(token);
        int index = token == null ? 0 : int.Parse(token.Substring("page-".Length));
        int first = pageSizes.Take(index).Sum();
        string? next = index + 1 < pageSizes.Length ? "page-" + (index + 1) : null;
        return Task.FromResult(new ApiPage<int>(Enumerable.Range(first, pageSizes[index]).ToList(), next));
    };

    [Fact]
    public async Task Each_page_is_asked_with_the_previous_token_and_the_loop_ends_without_one()
    {
        var asked = new List<string?>();
        var seen = new List<int>();

        await ApiPaging.ForEachPageAsync(Listing(asked, 3, 0, 2), page =>
        {
            seen.AddRange(page.Items);
            return Task.CompletedTask;
        });

        Assert.Equal(new string?[] { null, "page-1", "page-2" }, asked);
        Assert.Equal(Enumerable.Range(0, 5), seen);
    }

    [Fact]
    public async Task The_next_page_is_asked_for_while_a_page_is_handled_and_pages_arrive_in_order()
    {
        var order = new List<string>();
        var asked = new List<string?>();
        Func<string?, Task<ApiPage<int>>> listing = Listing(asked, 1, 1, 1);
        var nextAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await ApiPaging.ForEachPageAsync(async token =>
        {
            lock (order) order.Add("ask " + (token ?? "first"));
            if (token == "page-1") nextAsked.TrySetResult();
            return await listing(token);
        }, async page =>
        {
            int item = page.Items.Single();
            // The first page's handler is still running when the second page is asked for (the test would hang otherwise).
            if (item == 0) await nextAsked.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await Task.Yield();
            lock (order) order.Add("handled " + item);
        });

        Assert.Equal(new[] { "ask first", "ask page-1", "handled 0", "ask page-2", "handled 1", "handled 2" }, order);
    }

    [Fact]
    public async Task Pages_are_never_asked_for_concurrently()
    {
        int inFlight = 0, peak = 0, asks = 0;
        Func<string?, Task<ApiPage<int>>> listing = async token =>
        {
            int now = Interlocked.Increment(ref inFlight);
            peak = Math.Max(peak, now);
            Interlocked.Increment(ref asks);
            await Task.Delay(5);
            Interlocked.Decrement(ref inFlight);
            int index = token == null ? 0 : int.Parse(token);
            return new ApiPage<int>(new[] { index }, index < 5 ? (index + 1).ToString() : null);
        };

        await ApiPaging.ForEachPageAsync(listing, _ => Task.Delay(20));

        Assert.Equal(1, peak);
        Assert.Equal(6, asks);
    }

    [Fact]
    public async Task A_handler_failure_ends_the_loop_and_the_page_already_asked_for_is_not_left_unobserved()
    {
        var asked = new List<string?>();
        var failedPage = new TaskCompletionSource<ApiPage<int>>();
        Func<string?, Task<ApiPage<int>>> listing = token =>
        {
            asked.Add(token);
            return token == null ? Task.FromResult(new ApiPage<int>(new[] { 0 }, "page-1")) : failedPage.Task;
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            ApiPaging.ForEachPageAsync(listing, _ => throw new InvalidOperationException("handler")));
        failedPage.SetException(new IOException("page"));

        Assert.Equal("handler", error.Message);
        Assert.Equal(new string?[] { null, "page-1" }, asked);
        Assert.True(failedPage.Task.IsFaulted);
        Assert.NotNull(failedPage.Task.Exception); // read, as the loop's continuation does
    }

    [Fact]
    public async Task A_failing_next_page_surfaces_after_the_page_before_it_is_handled()
    {
        var handled = new List<int>();
        Func<string?, Task<ApiPage<int>>> listing = token => token == null
            ? Task.FromResult(new ApiPage<int>(new[] { 0 }, "page-1"))
            : Task.FromException<ApiPage<int>>(new IOException("page-1 failed"));

        var error = await Assert.ThrowsAsync<IOException>(() => ApiPaging.ForEachPageAsync(listing, page =>
        {
            handled.AddRange(page.Items);
            return Task.CompletedTask;
        }));

        Assert.Equal("page-1 failed", error.Message);
        Assert.Equal(new[] { 0 }, handled);
    }

    [Fact]
    public async Task All_pages_are_every_item_in_order()
    {
        var asked = new List<string?>();

        List<int> items = await Paging.AllPagesAsync(Listing(asked, 4, 4, 1));

        Assert.Equal(Enumerable.Range(0, 9), items);
        Assert.Equal(3, asked.Count);
    }

    [Theory]
    [InlineData(new[] { 30, 30, 30, 30, 30 }, 100, 2)]   // 150 items: batches fill across page boundaries
    [InlineData(new[] { 100, 100 }, 100, 2)]
    [InlineData(new[] { 7 }, 100, 1)]
    [InlineData(new[] { 0 }, 100, 0)]
    public async Task Batches_are_the_fewest_the_batch_size_allows(int[] pageSizes, int batchSize, int batches)
    {
        var asked = new List<string?>();
        var described = new System.Collections.Concurrent.ConcurrentQueue<IReadOnlyList<int>>();

        await Paging.ListInBatchesAsync(Listing(asked, pageSizes), batchSize, batch =>
        {
            described.Enqueue(batch);
            return Task.CompletedTask;
        }, parallelRequests: 4, CancellationToken.None);

        Assert.Equal(batches, described.Count);
        Assert.All(described, b => Assert.InRange(b.Count, 1, batchSize));
        Assert.Equal(Enumerable.Range(0, pageSizes.Sum()), described.SelectMany(b => b).OrderBy(i => i));
    }

    [Fact]
    public async Task Items_the_filter_leaves_out_are_never_described()
    {
        var asked = new List<string?>();
        var described = new System.Collections.Concurrent.ConcurrentQueue<int>();

        await Paging.ListInBatchesAsync(Listing(asked, 5, 5), batchSize: 1, batch =>
        {
            described.Enqueue(batch[0]);
            return Task.CompletedTask;
        }, parallelRequests: 2, CancellationToken.None, include: i => i % 2 == 0);

        Assert.Equal(new[] { 0, 2, 4, 6, 8 }, described.OrderBy(i => i));
    }
}
