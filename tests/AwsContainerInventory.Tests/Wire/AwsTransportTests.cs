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

    private static (AwsTransport Transport, EcrClient Client) Create(HttpMessageHandler handler, int maxRetries = 5, string url = "https://aws.test/")
    {
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
    public void Honours_a_retry_after_hint_and_caps_it()
    {
        var policy = new RetryPolicy(5) { MaxRetryAfter = TimeSpan.FromSeconds(20) };
        Assert.Equal(TimeSpan.FromSeconds(3), policy.Backoff(0, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromSeconds(20), policy.Backoff(0, TimeSpan.FromSeconds(90)));
        for (int attempt = 0; attempt < 30; attempt++)
            Assert.InRange(policy.Backoff(attempt, null), TimeSpan.Zero, policy.MaxDelay);
    }

    [Fact]
    public void The_retry_quota_is_shared_and_refilled_by_successes()
    {
        var policy = new RetryPolicy(10);
        int granted = 0;
        while (policy.TryAcquireRetry(timeoutOrConnection: false, out _)) granted++;
        Assert.Equal(RetryPolicy.QuotaCapacity / RetryPolicy.RetryCost, granted);
        policy.OnSuccess(RetryPolicy.RetryCost);
        Assert.True(policy.TryAcquireRetry(false, out _));
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
        var transport = new AwsTransport(2, new RetryPolicy(20));
        var client = new EcrClient(transport, new Uri($"http://127.0.0.1:{closedPort}/"), "us-east-1", Keys, null);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeRepositoriesAsync(100, null, CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "took " + clock.Elapsed);
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
