using AwsContainerInventory.Session;

namespace AwsContainerInventory.Tests.Session;

/// <summary>-Shard k/n: SHA-256 of the account id mod n, the same on every run and machine.</summary>
public class ShardTests
{
    // Computed with Python: int(hashlib.sha256(b"<id>").hexdigest(), 16) % n + 1 (the formula docs/organizations.md gives).
    [Theory]
    [InlineData("111111111111", 2, 2)]
    [InlineData("111111111111", 3, 3)]
    [InlineData("111111111111", 4, 4)]
    [InlineData("111111111111", 7, 6)]
    [InlineData("111111111111", 64, 60)]
    [InlineData("123456789012", 2, 1)]
    [InlineData("123456789012", 4, 3)]
    [InlineData("123456789012", 8, 3)]   // the example of docs/organizations.md
    [InlineData("123456789012", 10, 7)]
    [InlineData("123456789012", 64, 51)]
    [InlineData("200000000001", 7, 6)]
    [InlineData("200000000001", 64, 15)]
    [InlineData("000000000000", 10, 8)]
    [InlineData("999999999999", 7, 7)]
    public void An_account_falls_in_the_shard_of_the_documented_hash(string accountId, int count, int shard)
    {
        Assert.Equal(shard, Shard.Of(accountId, count));
        Assert.True(Shard.Parse(shard + "/" + count).Contains(accountId));
        Assert.All(Enumerable.Range(1, count).Where(k => k != shard), k => Assert.False(Shard.Parse(k + "/" + count).Contains(accountId)));
    }

    [Fact]
    public void The_shards_of_n_split_an_organization_without_overlap_and_about_evenly()
    {
        var accounts = Enumerable.Range(1, 500).Select(i => (200000000000L + i).ToString()).ToList();
        var shards = Enumerable.Range(1, 4).Select(k => accounts.Where(Shard.Parse(k + "/4").Contains).ToList()).ToList();

        Assert.Equal(accounts.Order(), shards.SelectMany(s => s).Order());
        Assert.All(shards, s => Assert.InRange(s.Count, 100, 150));
        Assert.All(accounts, a => Assert.Equal(1, Shard.Of(a, 1)));
    }

    [Theory]
    [InlineData("1/1", 1, 1)]
    [InlineData("3/8", 3, 8)]
    [InlineData(" 8 / 8 ", 8, 8)]
    public void Parses_k_of_n(string text, int number, int count)
    {
        Shard shard = Shard.Parse(text);
        Assert.Equal(number, shard.Number);
        Assert.Equal(count, shard.Count);
        Assert.Equal(number + "/" + count, shard.ToString());
    }

    [Theory]
    [InlineData("0/4")]
    [InlineData("5/4")]
    [InlineData("1/0")]
    [InlineData("2")]
    [InlineData("a/b")]
    [InlineData("-1/4")]
    [InlineData("")]
    public void Rejects_what_is_not_k_of_n_with_1_to_n(string text)
    {
        Assert.False(Shard.TryParse(text, out Shard? shard, out string problem));
        Assert.Null(shard);
        Assert.Contains("k/n", problem);
    }
}
