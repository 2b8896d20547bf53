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
    public async Task A_page_is_handled_before_the_next_is_asked_for()
    {
        var order = new List<string>();
        var asked = new List<string?>();
        Func<string?, Task<ApiPage<int>>> listing = Listing(asked, 1, 1);

        await ApiPaging.ForEachPageAsync(async token =>
        {
            order.Add("ask " + (token ?? "first"));
            return await listing(token);
        }, async page =>
        {
            await Task.Yield();
            order.Add("handled " + page.Items.Single());
        });

        Assert.Equal(new[] { "ask first", "handled 0", "ask page-1", "handled 1" }, order);
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
