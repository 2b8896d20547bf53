using AwsContainerInventory.Wire;
using Microsoft.Extensions.Time.Testing;

namespace AwsContainerInventory.Tests.Wire;

/// <summary>One call's retry decisions, on a fake clock: no waiting, no HTTP.</summary>
public class RetryLoopTests
{
    private static readonly ICredentialProvider Keys = new StaticCredentialProvider(new AwsCredentials("AKIDLOOP", "loop-secret"), "test");

    private static AwsRequest Request(string region = "us-east-1") =>
        new("ecr", "DescribeRepositories", region, new Uri("https://aws.test/"), JsonWire.ContentType, null, Array.Empty<byte>(), Keys);

    private static AwsServiceException Failure(string code, int status = 0) => new("ecr", "DescribeRepositories", code, "m", status, null);

    [Fact]
    public void Retries_a_throttle_up_to_max_retries_numbering_attempts_from_one()
    {
        var policy = new RetryPolicy(2, () => 0.5);
        var loop = new RetryLoop(policy, Request(), new FakeTimeProvider());

        Assert.True(loop.ShouldRetry(Failure("ThrottlingException", 400), false, false, null, out TimeSpan first));
        Assert.Equal(1, loop.Attempt);
        Assert.True(loop.ShouldRetry(Failure("ThrottlingException", 400), false, false, null, out TimeSpan second));
        Assert.Equal(2, loop.Attempt);
        Assert.False(loop.ShouldRetry(Failure("ThrottlingException", 400), false, false, null, out _));

        Assert.Equal(TimeSpan.FromMilliseconds(500), first);
        Assert.Equal(TimeSpan.FromSeconds(1), second);
        Assert.Equal(RetryPolicy.QuotaCapacity - 2 * RetryPolicy.RetryCost, policy.QuotaFor(Keys, "us-east-1").Available);
    }

    [Fact]
    public void Does_not_retry_what_cannot_succeed_and_takes_no_quota()
    {
        var policy = new RetryPolicy(10);
        var loop = new RetryLoop(policy, Request(), new FakeTimeProvider());

        Assert.False(loop.ShouldRetry(Failure("AccessDeniedException", 400), false, false, null, out _));
        Assert.False(loop.ShouldRetry(Failure("InvalidSignatureException", 403), false, false, null, out _));
        Assert.Equal(RetryPolicy.QuotaCapacity, policy.QuotaFor(Keys, "us-east-1").Available);
    }

    [Fact]
    public void A_timeout_costs_ten_and_success_gives_back_only_the_last_retrys_cost()
    {
        var policy = new RetryPolicy(5, () => 0);
        var loop = new RetryLoop(policy, Request(), new FakeTimeProvider());

        Assert.True(loop.ShouldRetry(Failure(ClientCodes.Timeout), true, true, null, out _));
        Assert.True(loop.ShouldRetry(Failure("ServiceUnavailable", 503), false, false, null, out _));
        loop.Succeeded();

        Assert.Equal(RetryPolicy.QuotaCapacity - RetryPolicy.TimeoutRetryCost, policy.QuotaFor(Keys, "us-east-1").Available);
    }

    [Fact]
    public void An_unreadable_answer_is_retried_once()
    {
        var loop = new RetryLoop(new RetryPolicy(10), Request(), new FakeTimeProvider());

        Assert.True(loop.ShouldRetry(Failure(ClientCodes.MalformedResponse, 200), false, false, null, out _));
        Assert.False(loop.ShouldRetry(Failure(ClientCodes.MalformedResponse, 200), false, false, null, out _));
    }

    [Fact]
    public void Connection_failures_share_one_time_budget_and_shorten_the_attempt_timeout()
    {
        var time = new FakeTimeProvider();
        var policy = new RetryPolicy(20, () => 0) { AttemptTimeout = TimeSpan.FromSeconds(20), ConnectionRetryBudget = TimeSpan.FromSeconds(25) };
        var loop = new RetryLoop(policy, Request(), time);
        Assert.Equal(TimeSpan.FromSeconds(20), loop.AttemptTimeout);

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(loop.ShouldRetry(Failure(ClientCodes.ConnectionFailure), true, false, null, out _));
        Assert.Equal(TimeSpan.FromSeconds(15), loop.AttemptTimeout);

        time.Advance(TimeSpan.FromSeconds(14));
        Assert.False(loop.ShouldRetry(Failure(ClientCodes.ConnectionFailure), true, false, null, out _));
        Assert.Equal(TimeSpan.FromSeconds(1), loop.AttemptTimeout);
    }

    [Fact]
    public void A_pair_with_its_quota_spent_stops_retrying_while_another_pair_still_retries()
    {
        var policy = new RetryPolicy(1000, () => 0);
        var spent = new RetryLoop(policy, Request("eu-west-1"), new FakeTimeProvider());
        while (spent.ShouldRetry(Failure("ThrottlingException", 400), false, false, null, out _)) { }

        Assert.Equal(RetryPolicy.QuotaCapacity / RetryPolicy.RetryCost, spent.Attempt);
        Assert.True(new RetryLoop(policy, Request("us-east-1"), new FakeTimeProvider())
            .ShouldRetry(Failure("ThrottlingException", 400), false, false, null, out _));
    }
}
