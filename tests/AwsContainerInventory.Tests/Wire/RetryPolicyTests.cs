using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Wire;

/// <summary>
/// The retry policy against botocore's standard mode (retries/standard.py, retries/quota.py), with an injected
/// random source so every delay is asserted exactly.
/// </summary>
public class RetryPolicyTests
{
    [Fact]
    public void Defaults_are_botocores_one_second_base_and_twenty_second_cap()
    {
        var policy = new RetryPolicy(10);
        Assert.Equal(TimeSpan.FromSeconds(1), policy.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(20), policy.MaxDelay);
        Assert.Equal(500, RetryPolicy.QuotaCapacity);
        Assert.Equal(500, new RetryQuota().Available);
    }

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 2.0)]
    [InlineData(2, 4.0)]
    [InlineData(3, 8.0)]
    [InlineData(4, 16.0)]
    [InlineData(5, 20.0)]   // 32 s capped
    [InlineData(12, 20.0)]
    [InlineData(400, 20.0)]
    public void The_backoff_ceiling_is_min_of_two_to_the_attempt_seconds_and_twenty(int attempt, double ceilingSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds), new RetryPolicy(10, random: () => 1.0).Backoff(attempt, null));
        Assert.Equal(TimeSpan.FromSeconds(ceilingSeconds * 0.25), new RetryPolicy(10, random: () => 0.25).Backoff(attempt, null));
        Assert.Equal(TimeSpan.Zero, new RetryPolicy(10, random: () => 0.0).Backoff(attempt, null));
    }

    [Fact]
    public void The_jitter_takes_one_sample_per_backoff()
    {
        var samples = new Queue<double>(new[] { 0.1, 0.9, 0.5 });
        var policy = new RetryPolicy(10, random: () => samples.Dequeue());
        Assert.Equal(TimeSpan.FromMilliseconds(100), policy.Backoff(0, null));
        Assert.Equal(TimeSpan.FromMilliseconds(1800), policy.Backoff(1, null));
        Assert.Equal(TimeSpan.FromMilliseconds(2000), policy.Backoff(2, null));
    }

    [Theory]
    [InlineData(0.0, 0, 3.0, 3.0)]     // hint longer than the backoff: taken
    [InlineData(0.0, 0, 60.0, 5.0)]    // at most backoff + 5 s
    [InlineData(1.0, 4, 30.0, 21.0)]   // 16 s backoff + 5 s
    [InlineData(1.0, 4, 2.0, 16.0)]    // never shorter than the backoff
    public void A_retry_after_hint_is_clamped_between_the_backoff_and_five_seconds_more(double sample, int attempt, double hintSeconds, double expectedSeconds)
    {
        var policy = new RetryPolicy(10, random: () => sample);
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), policy.Backoff(attempt, TimeSpan.FromSeconds(hintSeconds)));
    }

    [Fact]
    public void A_retry_costs_five_and_one_after_a_timeout_costs_ten()
    {
        var quota = new RetryQuota();
        Assert.True(quota.TryAcquire(afterTimeout: false, out int cost));
        Assert.Equal(5, cost);
        Assert.True(quota.TryAcquire(afterTimeout: true, out cost));
        Assert.Equal(10, cost);
        Assert.Equal(485, quota.Available);
    }

    [Fact]
    public void Success_gives_back_the_last_retrys_cost_or_one_without_retries()
    {
        var quota = new RetryQuota();
        quota.TryAcquire(afterTimeout: true, out _);    // 490
        quota.TryAcquire(afterTimeout: false, out _);   // 485
        quota.Release(lastRetryCost: 5);
        Assert.Equal(490, quota.Available);             // the timeout's 10 stays spent
        quota.Release(lastRetryCost: 0);
        Assert.Equal(491, quota.Available);
        for (int i = 0; i < 20; i++) quota.Release(0);
        Assert.Equal(500, quota.Available);             // never above capacity
    }

    [Fact]
    public void An_empty_quota_refuses_a_retry_without_taking_anything()
    {
        var quota = new RetryQuota();
        while (quota.TryAcquire(afterTimeout: true, out _)) { }
        Assert.Equal(0, quota.Available);
        Assert.False(quota.TryAcquire(afterTimeout: false, out int cost));
        Assert.Equal(0, cost);
        quota.Release(0);
        Assert.False(quota.TryAcquire(afterTimeout: false, out _));   // 1 < 5
        Assert.Equal(1, quota.Available);
    }
}
