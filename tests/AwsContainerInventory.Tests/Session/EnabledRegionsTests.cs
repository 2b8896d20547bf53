using AwsContainerInventory.Session;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Session;

/// <summary>-Region All: each account's enabled regions, asked once per account for the session.</summary>
public class EnabledRegionsTests
{
    private sealed class CountingRegions : IEc2RegionsClient
    {
        private readonly Func<int, IReadOnlyList<Ec2Region>> _answer;
        private int _calls;

        public CountingRegions(Func<int, IReadOnlyList<Ec2Region>> answer) => _answer = answer;

        public int Calls => _calls;

        public async Task<IReadOnlyList<Ec2Region>> DescribeRegionsAsync(CancellationToken cancellationToken)
        {
            int call = Interlocked.Increment(ref _calls);
            await Task.Delay(20, cancellationToken);
            return _answer(call);
        }
    }

    private static readonly IReadOnlyList<Ec2Region> Answer = new[]
    {
        new Ec2Region("us-west-2", "opt-in-not-required"), new Ec2Region("af-south-1", "opted-in"),
        new Ec2Region("me-south-1", "not-opted-in"), new Ec2Region("eu-west-1", "opt-in-not-required"),
    };

    [Fact]
    public async Task Asks_once_per_account_even_when_many_pairs_ask_at_once_and_keeps_the_answer()
    {
        var regions = new EnabledRegions();
        var first = new CountingRegions(_ => Answer);
        var second = new CountingRegions(_ => Answer);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => regions.ForAccountAsync("222222222222", () => first, CancellationToken.None)));
        var again = await regions.ForAccountAsync("222222222222", () => first, CancellationToken.None);
        var other = await regions.ForAccountAsync("333333333333", () => second, CancellationToken.None);

        Assert.Equal(1, first.Calls);
        Assert.Equal(1, second.Calls);
        Assert.All(answers, a => Assert.Equal(new[] { "af-south-1", "eu-west-1", "us-west-2" }, a));
        Assert.Equal(new[] { "af-south-1", "eu-west-1", "us-west-2" }, again);
        Assert.Equal(2, regions.KnownAccounts);
        Assert.DoesNotContain("me-south-1", other);   // not opted in: left out silently
    }

    [Fact]
    public async Task A_failed_answer_is_not_kept_so_the_next_run_asks_again()
    {
        var regions = new EnabledRegions();
        var client = new CountingRegions(call => call == 1
            ? throw new AwsServiceException("ec2", "DescribeRegions", "UnauthorizedOperation", "denied", 403, "r")
            : Answer);

        await Assert.ThrowsAsync<AwsServiceException>(() => regions.ForAccountAsync("222222222222", () => client, CancellationToken.None));
        Assert.Equal(0, regions.KnownAccounts);
        Assert.Equal(3, (await regions.ForAccountAsync("222222222222", () => client, CancellationToken.None)).Count);
        Assert.Equal(2, client.Calls);
    }

    [Fact]
    public async Task A_run_stopped_while_asking_does_not_stop_another_run_waiting_for_the_same_account()
    {
        var regions = new EnabledRegions();
        var client = new CountingRegions(_ => Answer);
        using var stopped = new CancellationTokenSource();

        Task<IReadOnlyList<string>> first = regions.ForAccountAsync("222222222222", () => client, stopped.Token);
        Task<IReadOnlyList<string>> second = regions.ForAccountAsync("222222222222", () => client, CancellationToken.None);
        stopped.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(3, (await second).Count);
        Assert.Equal(2, client.Calls);
    }

    [Theory]
    [InlineData(new[] { "*" }, true)]
    [InlineData(new[] { "us-east-1" }, false)]
    [InlineData(new[] { "*", "us-east-1" }, false)]
    public void Knows_the_every_region_list(string[] list, bool all) => Assert.Equal(all, EnabledRegions.IsAll(list));
}
