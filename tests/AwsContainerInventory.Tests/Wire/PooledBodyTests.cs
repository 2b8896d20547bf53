using System.Net;
using System.Text;
using System.Text.Json;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Wire;

/// <summary>
/// Response bodies live in pooled arrays that later answers reuse: what a call returns must be detached from its body,
/// and a body that ends early gives its array back and is a connection failure, as before.
/// </summary>
public class PooledBodyTests
{
    private static readonly ICredentialProvider Keys = new StaticCredentialProvider(new AwsCredentials("AKIDPOOL", "pool-secret"), "test");

    [Fact]
    public async Task A_page_read_from_a_pooled_body_keeps_its_values_after_later_answers_reuse_the_array()
    {
        int call = 0;
        var handler = new BodyHandler(() =>
        {
            int n = Interlocked.Increment(ref call);
            // Large enough for the large object heap, the same length every call, so the pool hands the same array back.
            var repositories = Enumerable.Range(0, 400).Select(i => new { repositoryName = "call" + n + "-repository-" + i.ToString("D4"), padding = new string((char)('a' + n % 26), 200) });
            return JsonSerializer.Serialize(new { repositories });
        });
        var client = new EcrClient(new AwsTransport(1, new RetryPolicy(0), new HttpClient(handler)), new Uri("https://aws.test/"), "us-east-1", Keys, null);

        var first = await client.DescribeRepositoriesAsync(100, null, CancellationToken.None);
        for (int i = 0; i < 5; i++) await client.DescribeRepositoriesAsync(100, null, CancellationToken.None);

        Assert.Equal(400, first.Items.Count);
        Assert.Equal("call1-repository-0000", first.Items[0].GetProperty("repositoryName").GetString());
        Assert.Equal("call1-repository-0399", first.Items[399].GetProperty("repositoryName").GetString());
        Assert.Equal(new string('b', 200), first.Items[399].GetProperty("padding").GetString());
    }

    [Fact]
    public async Task A_body_shorter_than_declared_is_a_connection_failure()
    {
        var handler = new BodyHandler(() => "{\"repositories\":[]}", declaredExtra: 10);
        var client = new EcrClient(new AwsTransport(1, new RetryPolicy(0), new HttpClient(handler)), new Uri("https://aws.test/"), "us-east-1", Keys, null);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeRepositoriesAsync(100, null, CancellationToken.None));

        Assert.Equal(ClientCodes.ConnectionFailure, error.ErrorCode);
    }

    /// <summary>Answers 200 with the body <c>body</c> makes, declaring <c>declaredExtra</c> bytes more than it sends.</summary>
    private sealed class BodyHandler(Func<string> body, int declaredExtra = 0) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(body());
            var content = new StreamContent(new MemoryStream(bytes));
            content.Headers.ContentLength = bytes.Length + declaredExtra;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }
}
