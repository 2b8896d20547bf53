using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Wire;

public class AwsTransportTests
{
    private static readonly ICredentialProvider Keys = new StaticCredentialProvider(new AwsCredentials("AKIDTRANSPORT", "transport-secret"), "test");

    /// <summary>The fake endpoint verifies signatures: it has to know the keys the clients sign with.</summary>
    private static HttpMessageHandler Knowing(HttpMessageHandler handler, params ICredentialProvider[] keys)
    {
        if (handler is FakeAwsHandler fake)
        {
            foreach (var key in keys.Length == 0 ? new[] { Keys } : keys)
            {
                var credentials = key.GetCredentialsAsync(CancellationToken.None).GetAwaiter().GetResult();
                fake.Estate.AddCredential(credentials.AccessKeyId, credentials.SecretAccessKey, FakeEstate.Account);
            }
        }
        return handler;
    }

    private static (AwsTransport Transport, EcrClient Client) Create(HttpMessageHandler handler, int maxRetries = 5, string url = "https://aws.test/")
    {
        Knowing(handler);
        var transport = new AwsTransport(4, new RetryPolicy(maxRetries) { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) }, new HttpClient(handler));
        return (transport, new EcrClient(transport, new Uri(url), "us-east-1", Keys, null));
    }

    [Theory]
    [InlineData(503, "ServiceUnavailableException")]
    [InlineData(500, "InternalFailure")]
    [InlineData(502, "BadGateway")]
    [InlineData(504, "GatewayTimeout")]
    [InlineData(429, "TooManyRequestsException")]
    [InlineData(400, "ThrottlingException")]
    [InlineData(400, "RequestLimitExceeded")]
    [InlineData(400, "Throttling")]
    public async Task Retries_throttling_and_server_errors_then_succeeds(int status, string code)
    {
        int calls = 0;
        var handler = new FakeAwsHandler().On("DescribeRepositories", _ =>
            Interlocked.Increment(ref calls) <= 2 ? FakeResponse.Error(status, code, "try again") : FakeResponse.Json(new { repositories = new[] { new { repositoryName = "r" } } }));
        var (_, client) = Create(handler);

        var page = await client.DescribeRepositoriesAsync(100, null, CancellationToken.None);

        Assert.Single(page.Items);
        Assert.Equal(3, calls);
    }

    [Theory]
    [InlineData(400, "AccessDeniedException")]
    [InlineData(400, "ValidationException")]
    [InlineData(400, "InvalidParameterException")]
    [InlineData(403, "UnrecognizedClientException")]
    [InlineData(403, "InvalidSignatureException")]
    [InlineData(400, "RepositoryNotFoundException")]
    public async Task Does_not_retry_what_cannot_succeed(int status, string code)
    {
        var handler = new FakeAwsHandler().On("DescribeRepositories", _ => FakeResponse.Error(status, code, "no"));
        var (_, client) = Create(handler, maxRetries: 10);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeRepositoriesAsync(100, null, CancellationToken.None));

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
        Assert.StartsWith("req-", error.RequestId);
        Assert.Equal(1, handler.CallCount("DescribeRepositories"));
    }

    [Fact]
    public async Task A_repository_without_a_policy_is_an_answer_not_a_failure()
    {
        int calls = 0;
        var handler = new FakeAwsHandler().On("GetRepositoryPolicy", _ =>
            Interlocked.Increment(ref calls) == 1 ? FakeResponse.Error(400, "ThrottlingException", "slow down")
                : FakeResponse.Error(400, "RepositoryPolicyNotFoundException", "Repository policy does not exist"));
        var (transport, client) = Create(handler);

        string? policy = await client.GetRepositoryPolicyAsync(FakeEstate.Account, "web", CancellationToken.None);

        Assert.Null(policy);
        Assert.Equal(2, calls); // the throttled try is retried; the answer that follows is final
        // The quota as botocore keeps it: the retry's cost is taken, and not given back by an error answer.
        Assert.Equal(RetryPolicy.QuotaCapacity - RetryPolicy.RetryCost, transport.Retry.QuotaFor(Keys, "us-east-1").Available);
    }

    [Fact]
    public async Task Another_error_of_GetRepositoryPolicy_is_still_a_failure()
    {
        var handler = new FakeAwsHandler().On("GetRepositoryPolicy", _ => FakeResponse.Error(400, "RepositoryNotFoundException", "no such repository"));
        var (_, client) = Create(handler);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.GetRepositoryPolicyAsync(FakeEstate.Account, "gone", CancellationToken.None));

        Assert.Equal("RepositoryNotFoundException", error.ErrorCode);
    }

    [Fact]
    public async Task Gives_up_after_max_retries_with_the_last_error()
    {
        var handler = new FakeAwsHandler().On("DescribeRepositories", _ => FakeResponse.Error(503, "ServiceUnavailableException", "down"));
        var (_, client) = Create(handler, maxRetries: 3);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeRepositoriesAsync(100, null, CancellationToken.None));

        Assert.Equal("ServiceUnavailableException", error.ErrorCode);
        Assert.Equal(4, handler.CallCount("DescribeRepositories"));
    }

    [Fact]
    public async Task Malformed_json_is_retried_as_a_transient_fault()
    {
        int calls = 0;
        var handler = new FakeAwsHandler().On("DescribeRepositories", _ =>
            Interlocked.Increment(ref calls) == 1 ? new FakeResponse { Body = "{\"repositories\": [ {\"repositoryName\"" } : FakeResponse.Json(new { repositories = Array.Empty<object>() }));
        var (_, client) = Create(handler);

        var page = await client.DescribeRepositoriesAsync(100, null, CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Honours_a_retry_after_hint_within_five_seconds_over_the_backoff()
    {
        var policy = new RetryPolicy(5, random: () => 0.5);
        Assert.Equal(TimeSpan.FromSeconds(3), policy.Backoff(0, TimeSpan.FromSeconds(3)));      // 0.5 s backoff, hint 3 s
        Assert.Equal(TimeSpan.FromSeconds(5.5), policy.Backoff(0, TimeSpan.FromSeconds(90)));   // at most backoff + 5 s
        Assert.Equal(TimeSpan.FromSeconds(0.5), policy.Backoff(0, TimeSpan.FromSeconds(0.2)));  // never less than the backoff
        for (int attempt = 0; attempt < 30; attempt++)
            Assert.InRange(new RetryPolicy(5).Backoff(attempt, null), TimeSpan.Zero, policy.MaxDelay);
    }

    [Fact]
    public void The_retry_quota_of_a_pair_is_shared_by_its_calls_and_refilled_by_successes()
    {
        var policy = new RetryPolicy(10);
        int granted = 0;
        while (policy.QuotaFor(Keys, "us-east-1").TryAcquire(afterTimeout: false, out _)) granted++;
        Assert.Equal(RetryPolicy.QuotaCapacity / RetryPolicy.RetryCost, granted);
        policy.QuotaFor(Keys, "us-east-1").Release(RetryPolicy.RetryCost);
        Assert.True(policy.QuotaFor(Keys, "us-east-1").TryAcquire(false, out _));
    }

    /// <summary>
    /// botocore keeps a retry quota per client; the session keeps one per (credentials × region), so one account or region
    /// that uses up its retries does not stop another pair's, under the same transport and cap.
    /// </summary>
    [Fact]
    public async Task A_pair_that_used_up_its_retry_quota_does_not_take_another_pairs_retries()
    {
        var throttled = new StaticCredentialProvider(new AwsCredentials("AKIDTHROTTLED", "throttled-secret"), "throttled");
        var calm = new StaticCredentialProvider(new AwsCredentials("AKIDCALM", "calm-secret"), "calm");
        int attempts = 0;
        var handler = new FakeAwsHandler().On("DescribeRepositories", _ => Interlocked.Increment(ref attempts) % 2 == 1
            ? FakeResponse.Error(400, "ThrottlingException", "Rate exceeded") : FakeResponse.Json(new { repositories = Array.Empty<object>() }));
        var policy = new RetryPolicy(5, random: () => 0.0);
        var transport = new AwsTransport(4, policy, new HttpClient(Knowing(handler, throttled, calm)));
        while (policy.QuotaFor(throttled, "us-east-1").TryAcquire(afterTimeout: false, out _)) { }

        // Every first attempt is throttled: other credentials, and the same credentials in another region, retry and
        // succeed; the spent pair fails at its first throttle.
        await new EcrClient(transport, new Uri("https://aws.test/"), "us-east-1", calm, null).DescribeRepositoriesAsync(100, null, CancellationToken.None);
        await new EcrClient(transport, new Uri("https://aws.test/"), "eu-west-1", throttled, null).DescribeRepositoriesAsync(100, null, CancellationToken.None);
        var spent = await Assert.ThrowsAsync<AwsServiceException>(() =>
            new EcrClient(transport, new Uri("https://aws.test/"), "us-east-1", throttled, null).DescribeRepositoriesAsync(100, null, CancellationToken.None));

        Assert.Equal("ThrottlingException", spent.ErrorCode);
        Assert.Equal(5, attempts);   // 2 each for the others, 1 for the spent pair
        Assert.Equal(RetryPolicy.QuotaCapacity, policy.QuotaFor(throttled, "eu-west-1").Available);   // 500 - 5 + 5 back
        Assert.Equal(RetryPolicy.QuotaCapacity, policy.QuotaFor(calm, "us-east-1").Available);
        Assert.Equal(0, policy.QuotaFor(throttled, "us-east-1").Available);
    }

    [Fact]
    public async Task Unreachable_endpoint_is_a_clear_error_within_30_seconds_even_with_20_retries()
    {
        int closedPort;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        // The session's clock is a fake one moved by the test: the backoff between refused connections is the
        // real policy's (up to 20 s a wait), and the run still takes milliseconds.
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var transport = new AwsTransport(2, new RetryPolicy(20), time: time);
        var client = new EcrClient(transport, new Uri($"http://127.0.0.1:{closedPort}/"), "us-east-1", Keys, null);
        long started = time.GetTimestamp();
        var real = Stopwatch.StartNew();

        Task<ApiPage<System.Text.Json.JsonElement>> call = client.DescribeRepositoriesAsync(100, null, CancellationToken.None);
        while (!call.IsCompleted && real.Elapsed < TimeSpan.FromSeconds(20))
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(1);
        }
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => call);

        Assert.InRange(time.GetElapsedTime(started), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30));   // it did back off, within the budget
        Assert.True(real.Elapsed < TimeSpan.FromSeconds(10), "took " + real.Elapsed + " of real time");
        Assert.Equal(ClientCodes.ConnectionFailure, error.ErrorCode);
        Assert.Contains("Could not reach 127.0.0.1:" + closedPort, error.Message);
    }

    [Fact]
    public async Task A_hung_attempt_times_out_and_is_retried()
    {
        int calls = 0;
        var handler = new HangingOnceHandler(() => Interlocked.Increment(ref calls) == 1);
        var transport = new AwsTransport(2, new RetryPolicy(3) { AttemptTimeout = TimeSpan.FromMilliseconds(300), BaseDelay = TimeSpan.FromMilliseconds(1) }, new HttpClient(handler));
        var client = new EcrClient(transport, new Uri("https://aws.test/"), "us-east-1", Keys, null);

        var page = await client.DescribeRepositoriesAsync(100, null, CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Cancellation_reaches_the_send_and_the_backoff()
    {
        var handler = new HangingOnceHandler(() => true);
        var transport = new AwsTransport(2, new RetryPolicy(3) { AttemptTimeout = TimeSpan.FromSeconds(30) }, new HttpClient(handler));
        var client = new EcrClient(transport, new Uri("https://aws.test/"), "us-east-1", Keys, null);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.DescribeRepositoriesAsync(100, null, cancellation.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Error_bodies_in_xml_are_parsed_for_code_message_and_request_id()
    {
        var handler = new FakeAwsHandler().On("DescribeRepositories", _ => FakeResponse.Xml(403,
            "<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message></Error><RequestId>abc-123</RequestId></ErrorResponse>"));
        var (_, client) = Create(handler);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeRepositoriesAsync(100, null, CancellationToken.None));

        Assert.Equal("SignatureDoesNotMatch", error.ErrorCode);
        Assert.True(error.IsCredentialRejection);
        Assert.Contains("AWS rejected the credentials", error.Message);
        Assert.DoesNotContain("transport-secret", error.ToString());
    }

    private static (AwsTransport Transport, EcrClient Client) Create(HttpMessageHandler handler, RetryPolicy policy)
    {
        var transport = new AwsTransport(4, policy, new HttpClient(Knowing(handler)));
        return (transport, new EcrClient(transport, new Uri("https://aws.test/"), "us-east-1", Keys, null));
    }

    [Fact]
    public async Task A_call_that_succeeds_after_retries_gives_back_only_its_last_retrys_cost()
    {
        int calls = 0;
        var handler = new FakeAwsHandler().On("DescribeRepositories", _ => Interlocked.Increment(ref calls) <= 2
            ? FakeResponse.Error(503, "ServiceUnavailableException", "busy") : FakeResponse.Json(new { repositories = Array.Empty<object>() }));
        var policy = new RetryPolicy(5, random: () => 0.0);
        var (_, client) = Create(handler, policy);

        await client.DescribeRepositoriesAsync(100, null, CancellationToken.None);

        Assert.Equal(3, calls);
        Assert.Equal(500 - 5 - 5 + 5, policy.QuotaFor(Keys, "us-east-1").Available);
    }

    [Fact]
    public async Task A_first_try_success_gives_back_one()
    {
        var handler = new FakeAwsHandler().On("DescribeRepositories", _ => FakeResponse.Json(new { repositories = Array.Empty<object>() }));
        var policy = new RetryPolicy(5, random: () => 0.0);
        policy.QuotaFor(Keys, "us-east-1").TryAcquire(afterTimeout: false, out _);
        var (_, client) = Create(handler, policy);

        await client.DescribeRepositoriesAsync(100, null, CancellationToken.None);

        Assert.Equal(496, policy.QuotaFor(Keys, "us-east-1").Available);
    }

    [Theory]
    [InlineData(SocketError.ConnectionRefused, RetryPolicy.RetryCost)]
    [InlineData(SocketError.ConnectionReset, RetryPolicy.RetryCost)]
    [InlineData(SocketError.HostNotFound, RetryPolicy.RetryCost)]
    [InlineData(SocketError.TimedOut, RetryPolicy.TimeoutRetryCost)]
    public async Task Connection_failures_cost_five_a_retry_and_connect_timeouts_ten(SocketError socketError, int costPerRetry)
    {
        var policy = new RetryPolicy(2, random: () => 0.0);
        var (_, client) = Create(new ThrowingHandler(() => new HttpRequestException("send failed", new SocketException((int)socketError))), policy);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeRepositoriesAsync(100, null, CancellationToken.None));

        Assert.Equal(ClientCodes.ConnectionFailure, error.ErrorCode);
        Assert.Equal(500 - 2 * costPerRetry, policy.QuotaFor(Keys, "us-east-1").Available);
    }

    [Fact]
    public async Task An_attempt_timeout_costs_ten_a_retry()
    {
        var policy = new RetryPolicy(2, random: () => 0.0) { AttemptTimeout = TimeSpan.FromMilliseconds(100) };
        var (_, client) = Create(new HangingOnceHandler(() => true), policy);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeRepositoriesAsync(100, null, CancellationToken.None));

        Assert.Equal(ClientCodes.Timeout, error.ErrorCode);
        Assert.Equal(500 - 2 * RetryPolicy.TimeoutRetryCost, policy.QuotaFor(Keys, "us-east-1").Available);
    }

    [Fact]
    public async Task A_2xx_body_that_never_parses_is_retried_once_and_charged_as_one_retry()
    {
        var handler = new FakeAwsHandler().On("DescribeRepositories", _ => new FakeResponse { Body = "<html><body>502 Bad Gateway</body></html>" });
        var policy = new RetryPolicy(10, random: () => 0.0);
        var (_, client) = Create(handler, policy);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeRepositoriesAsync(100, null, CancellationToken.None));

        Assert.Equal(ClientCodes.MalformedResponse, error.ErrorCode);
        Assert.Equal(200, error.StatusCode);
        Assert.Equal(2, handler.CallCount("DescribeRepositories"));   // not MaxRetries + 1
        Assert.Equal(500 - RetryPolicy.RetryCost, policy.QuotaFor(Keys, "us-east-1").Available);
    }

    [Fact]
    public async Task Other_retries_still_follow_a_malformed_answer()
    {
        int calls = 0;
        var handler = new FakeAwsHandler().On("DescribeRepositories", _ => Interlocked.Increment(ref calls) switch
        {
            1 => new FakeResponse { Body = "not json" },
            2 or 3 => FakeResponse.Error(503, "ServiceUnavailableException", "busy"),
            _ => FakeResponse.Json(new { repositories = Array.Empty<object>() }),
        });
        var (_, client) = Create(handler, new RetryPolicy(5, random: () => 0.0));

        await client.DescribeRepositoriesAsync(100, null, CancellationToken.None);

        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task An_x_amz_retry_after_hint_in_milliseconds_is_waited_for()
    {
        int calls = 0;
        var handler = new FakeAwsHandler().On("DescribeRepositories", _ =>
        {
            if (Interlocked.Increment(ref calls) > 1) return FakeResponse.Json(new { repositories = Array.Empty<object>() });
            var throttled = FakeResponse.Error(400, "ThrottlingException", "slow down");
            throttled.Headers["x-amz-retry-after"] = "400";
            return throttled;
        });
        var (_, client) = Create(handler, new RetryPolicy(5, random: () => 0.0));   // the backoff alone would be 0

        var clock = Stopwatch.StartNew();
        await client.DescribeRepositoriesAsync(100, null, CancellationToken.None);

        Assert.Equal(2, calls);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(390), "waited " + clock.Elapsed);
    }

    [Theory]
    [InlineData("x-amz-retry-after", "1500", 1500.0)]
    [InlineData("x-amz-retry-after", "0", 0.0)]
    [InlineData("x-amz-retry-after", "-5", null)]
    [InlineData("x-amz-retry-after", "soon", null)]
    [InlineData("x-amz-retry-after", "1.5", null)]
    [InlineData("Retry-After", "3", 3000.0)]
    [InlineData("X-Other", "3", null)]
    public void Retry_hints_are_read_from_x_amz_retry_after_in_milliseconds_or_retry_after_in_seconds(string header, string value, double? expectedMilliseconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation(header, value);

        Assert.Equal(expectedMilliseconds.HasValue ? TimeSpan.FromMilliseconds(expectedMilliseconds.Value) : null, AwsTransport.RetryAfterFrom(response));
    }

    [Fact]
    public void X_amz_retry_after_wins_over_retry_after()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.TryAddWithoutValidation("Retry-After", "3");
        response.Headers.TryAddWithoutValidation("x-amz-retry-after", "250");

        Assert.Equal(TimeSpan.FromMilliseconds(250), AwsTransport.RetryAfterFrom(response));
    }

    /// <summary>Fails every send with the exception <c>error</c> makes, as a socket failure surfaces from HttpClient.</summary>
    private sealed class ThrowingHandler(Func<Exception> error) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(error());
    }

    /// <summary>Never answers the requests <c>hang</c> picks (until cancelled); answers the rest with an empty page.</summary>
    private sealed class HangingOnceHandler(Func<bool> hang) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (hang()) await Task.Delay(Timeout.Infinite, cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"repositories\":[]}", Encoding.UTF8, "application/x-amz-json-1.1") };
        }
    }
}
