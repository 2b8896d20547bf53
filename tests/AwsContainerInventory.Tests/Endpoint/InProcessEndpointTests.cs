using System.Text.Json;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.Wire;
using Scripted = AwsContainerInventory.TestEndpoint;

namespace AwsContainerInventory.Tests.Endpoint;

/// <summary>
/// The in-process fake is the scripted endpoint without a socket: the same answers as over Kestrel for the same
/// estate, signatures verified against its estate, and the endpoint's faults.
/// </summary>
public sealed class InProcessEndpointTests
{
    private static readonly AwsCredentials HarnessKeys = new(CmdletHarness.AccessKey, CmdletHarness.SecretKey);

    private static EcrClient Ecr(HttpMessageHandler handler, Uri endpoint, AwsCredentials keys) =>
        new(new AwsTransport(2, new RetryPolicy(0), new HttpClient(handler)), endpoint, "us-east-1", new StaticCredentialProvider(keys, "test"), null);

    private static async Task<List<string>> AllRepositoriesAsync(EcrClient ecr)
    {
        var items = new List<string>();
        string? token = null;
        do
        {
            var page = await ecr.DescribeRepositoriesAsync(2, token, CancellationToken.None);
            items.AddRange(page.Items.Select(i => JsonSerializer.Serialize(i)));
            token = page.NextToken;
        } while (token != null);
        return items;
    }

    [Fact]
    public async Task The_fake_and_the_endpoint_over_a_socket_answer_the_same_estate_alike()
    {
        var fake = new FakeAwsHandler().WithRepositories(5);
        await using var served = await Scripted.ScriptedAwsEndpoint.StartAsync();
        served.Estate.AddCredential(CmdletHarness.AccessKey, CmdletHarness.SecretKey, FakeEstate.Account);
        foreach (var name in Enumerable.Range(0, 5).Select(i => $"repo-{i:D4}"))
            served.Estate.AddRepository(FakeEstate.Account, "us-east-1", fake.Estate.GetRepository(FakeEstate.Account, "us-east-1", name)!);

        var inProcess = await AllRepositoriesAsync(Ecr(fake, new Uri("https://aws.test/"), HarnessKeys));
        using var sockets = new HttpClientHandler();
        var overSockets = await AllRepositoriesAsync(Ecr(sockets, served.BaseUri, HarnessKeys));

        Assert.Equal(5, inProcess.Count);
        Assert.Equal(overSockets, inProcess);
        Assert.Equal(3, fake.CallCount("DescribeRepositories"));   // pages of 2, by the endpoint's own paging
        Assert.Equal(3, fake.Pipeline.Stats.CallCount("DescribeRepositories"));
        Assert.Equal(served.Stats.CallCount("DescribeRepositories"), fake.Pipeline.Stats.CallCount("DescribeRepositories"));
    }

    [Fact]
    public async Task A_wrong_secret_or_an_unknown_key_is_rejected_in_process_as_AWS_does()
    {
        var fake = new FakeAwsHandler().WithRepositories(1);

        var badSecret = await Assert.ThrowsAsync<AwsServiceException>(() =>
            Ecr(fake, new Uri("https://aws.test/"), new AwsCredentials(CmdletHarness.AccessKey, "not-the-secret")).DescribeRepositoriesAsync(100, null, CancellationToken.None));
        var unknownKey = await Assert.ThrowsAsync<AwsServiceException>(() =>
            Ecr(fake, new Uri("https://aws.test/"), new AwsCredentials("AKIDNOBODYKNOWS0001", "whatever")).DescribeRepositoriesAsync(100, null, CancellationToken.None));

        Assert.Equal(("InvalidSignatureException", 403), (badSecret.ErrorCode, badSecret.StatusCode));
        Assert.Equal(("UnrecognizedClientException", 403), (unknownKey.ErrorCode, unknownKey.StatusCode));
        Assert.True(badSecret.IsCredentialRejection);
        Assert.Equal(2, fake.Pipeline.Stats.SignatureRejections);
        Assert.DoesNotContain("not-the-secret", badSecret.ToString());
    }

    [Fact]
    public async Task Scripts_answer_after_the_signature_is_verified()
    {
        var fake = new FakeAwsHandler().On("DescribeRepositories", _ => new { repositories = Array.Empty<object>() });

        await Assert.ThrowsAsync<AwsServiceException>(() =>
            Ecr(fake, new Uri("https://aws.test/"), new AwsCredentials(CmdletHarness.AccessKey, "not-the-secret")).DescribeRepositoriesAsync(100, null, CancellationToken.None));
        var page = await Ecr(fake, new Uri("https://aws.test/"), HarnessKeys).DescribeRepositoriesAsync(100, null, CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.Equal(1, fake.Pipeline.Stats.SignatureRejections);
        Assert.Equal(1, fake.Pipeline.Stats.SuccessCount("DescribeRepositories"));
    }

    [Fact]
    public async Task The_endpoints_faults_apply_in_process_a_reset_is_a_connection_failure()
    {
        var fake = new FakeAwsHandler().WithRepositories(1);
        fake.Pipeline.Faults.ResetConnectionEveryNth = 1;

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            Ecr(fake, new Uri("https://aws.test/"), HarnessKeys).DescribeRepositoriesAsync(100, null, CancellationToken.None));

        Assert.Equal(ClientCodes.ConnectionFailure, error.ErrorCode);
        Assert.Equal(1, fake.Pipeline.Stats.FaultsInjected(Scripted.FaultKind.ResetConnection));

        fake.Pipeline.Faults.Clear();
        fake.Pipeline.Faults.ThrottleEveryNth = 1;
        var throttled = await Assert.ThrowsAsync<AwsServiceException>(() =>
            Ecr(fake, new Uri("https://aws.test/"), HarnessKeys).DescribeRepositoriesAsync(100, null, CancellationToken.None));
        Assert.Equal(("ThrottlingException", 400), (throttled.ErrorCode, throttled.StatusCode));
    }
}
