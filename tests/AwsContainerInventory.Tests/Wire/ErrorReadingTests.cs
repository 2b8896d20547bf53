using System.Net;
using System.Text;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Wire;

/// <summary>
/// Each protocol's client reads its own errors (the transport only moves bytes): JSON 1.1 from x-amzn-ErrorType,
/// __type or code, and XML for signature failures; the query protocol from its XML Error, and JSON when a body is JSON.
/// </summary>
public class ErrorReadingTests
{
    private static readonly ICredentialProvider Keys = new StaticCredentialProvider(new AwsCredentials("AKIDERRORS", "errors-secret"), "test");

    private static AwsTransport Transport(HttpMessageHandler handler) =>
        new(2, new RetryPolicy(0), new HttpClient(handler));

    private static Task<AwsServiceException> EcrError(AnswerHandler handler) =>
        Assert.ThrowsAsync<AwsServiceException>(() =>
            new EcrClient(Transport(handler), new Uri("https://aws.test/"), "us-east-1", Keys, null).DescribeRepositoriesAsync(100, null, CancellationToken.None));

    private static Task<AwsServiceException> Ec2Error(AnswerHandler handler) =>
        Assert.ThrowsAsync<AwsServiceException>(() =>
            new Ec2Client(Transport(handler), new Uri("https://aws.test/"), "us-east-1", Keys, null).DescribeRegionsAsync(CancellationToken.None));

    [Fact]
    public async Task Json_type_loses_its_namespace_and_uri_and_keeps_the_message_and_request_id()
    {
        var error = await EcrError(new AnswerHandler(400, "{\"__type\":\"com.amazonaws.ecr#RepositoryNotFoundException:http://internal/\",\"Message\":\"gone\"}", requestId: "req-1"));

        Assert.Equal("RepositoryNotFoundException", error.ErrorCode);
        Assert.Equal("gone", error.AwsMessage);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("req-1", error.RequestId);
    }

    [Fact]
    public async Task Json_error_type_header_wins_over_the_body()
    {
        var handler = new AnswerHandler(400, "{\"__type\":\"ValidationException\",\"message\":\"m\"}");
        handler.Headers["x-amzn-ErrorType"] = "AccessDeniedException:http://internal/";

        var error = await EcrError(handler);

        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.Equal("m", error.AwsMessage);
    }

    [Fact]
    public async Task Json_code_member_is_read_when_there_is_no_type()
    {
        var error = await EcrError(new AnswerHandler(400, "{\"code\":\"InvalidParameterException\",\"message\":\"bad\"}"));

        Assert.Equal("InvalidParameterException", error.ErrorCode);
    }

    [Fact]
    public async Task Json_client_reads_a_signature_failure_answered_in_xml()
    {
        const string xml = "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender</Type><Code>InvalidSignatureException</Code>" +
                           "<Message>The request signature we calculated does not match</Message></Error><RequestId>xml-req</RequestId></ErrorResponse>";

        var error = await EcrError(new AnswerHandler(403, xml));

        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.Equal("The request signature we calculated does not match", error.AwsMessage);
        Assert.Equal("xml-req", error.RequestId);
        Assert.True(error.IsCredentialRejection);
    }

    [Theory]
    [InlineData(403, "AccessDenied")]
    [InlineData(429, "TooManyRequestsException")]
    [InlineData(418, "Http418")]
    public async Task An_answer_naming_no_code_is_reported_by_its_status(int status, string code)
    {
        Assert.Equal(code, (await EcrError(new AnswerHandler(status, "not json, not xml"))).ErrorCode);
        Assert.Equal(code, (await Ec2Error(new AnswerHandler(status, ""))).ErrorCode);
    }

    [Fact]
    public async Task Query_client_reads_the_xml_error_and_ec2s_request_id()
    {
        const string xml = "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized</Message></Error></Errors>" +
                           "<RequestID>ec2-req</RequestID></Response>";

        var error = await Ec2Error(new AnswerHandler(403, xml));

        Assert.Equal("UnauthorizedOperation", error.ErrorCode);
        Assert.Equal("You are not authorized", error.AwsMessage);
        Assert.Equal("ec2-req", error.RequestId);
        Assert.True(error.IsAccessDenied);
    }

    [Fact]
    public async Task Query_client_reads_a_json_error_body()
    {
        var error = await Ec2Error(new AnswerHandler(400, "{\"__type\":\"com.amazonaws.ec2#InvalidParameterValue\",\"message\":\"bad value\"}"));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Equal("bad value", error.AwsMessage);
    }

    /// <summary>Answers every request with one status, body and set of headers.</summary>
    private sealed class AnswerHandler(int status, string body, string? requestId = null) : HttpMessageHandler
    {
        public Dictionary<string, string> Headers { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
            if (requestId != null) response.Headers.TryAddWithoutValidation("x-amzn-RequestId", requestId);
            foreach (var header in Headers) response.Headers.TryAddWithoutValidation(header.Key, header.Value);
            return Task.FromResult(response);
        }
    }
}
