using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Scripted = AwsContainerInventory.TestEndpoint;

namespace AwsContainerInventory.Tests.Endpoint;

/// <summary>
/// The scripted endpoint's SigV4 verification, against requests botocore 1.x signed (SigV4Auth.add_auth, the AWS
/// test suite's example keys): what botocore signs passes, whatever the header's spacing or the path's escapes, and a
/// malformed or mismatched Authorization is refused with AWS's reasons.
/// </summary>
public sealed class SigV4VerifierTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Account = "111122223333";

    // POST https://api.ecr.us-east-1.amazonaws.com/ {"maxResults":100}, with a header value botocore trims and collapses.
    private const string EcrDate = "20261203T061613Z";
    private const string EcrBody = "{\"maxResults\":100}";
    private const string EcrAuthorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/ecr/aws4_request, " +
        "SignedHeaders=content-type;host;my-header2;x-amz-date;x-amz-target, Signature=ee00f51b1ffbf69f5d55163d60f3b052672302cbe2f8c840e5efd91960929f13";

    // GET https://example.amazonaws.com/a%20b/~c: the path is encoded once more in the canonical request.
    private const string PathDate = "20261203T061618Z";
    private const string PathAuthorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261203/us-east-1/service/aws4_request, " +
        "SignedHeaders=host;my-header1;x-amz-date, Signature=49a5201172d1529adfcc46389359eb89696caa8213e2b730e5749064dac87848";

    private static readonly Scripted.SigV4Verifier Verifier = NewVerifier();

    private static Scripted.SigV4Verifier NewVerifier()
    {
        var estate = new Scripted.Estate();
        estate.AddCredential(AccessKey, SecretKey, Account);
        return new Scripted.SigV4Verifier(estate);
    }

    private static DateTimeOffset At(string amzDate) =>
        DateTimeOffset.ParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static Scripted.SignedRequest EcrRequest(string authorization = EcrAuthorization, string body = EcrBody, string spacedValue = "  \"a   b   c\"  ")
    {
        var headers = new HeaderDictionary
        {
            ["Host"] = "api.ecr.us-east-1.amazonaws.com",
            ["Content-Type"] = "application/x-amz-json-1.1",
            ["X-Amz-Target"] = "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories",
            ["My-Header2"] = spacedValue,
            ["X-Amz-Date"] = EcrDate,
            ["Authorization"] = authorization,
        };
        return new Scripted.SignedRequest("POST", "/", "", headers, Encoding.UTF8.GetBytes(body));
    }

    private static Scripted.SignedRequest PathRequest() => new("GET", "/a%20b/~c", "", new HeaderDictionary
    {
        ["Host"] = "example.amazonaws.com",
        ["My-Header1"] = "value1",
        ["X-Amz-Date"] = PathDate,
        ["Authorization"] = PathAuthorization,
    }, ReadOnlyMemory<byte>.Empty);

    private static Scripted.AuthenticationException Refused(Scripted.SignedRequest request, string service = "ecr") =>
        Assert.Throws<Scripted.AuthenticationException>(() => Verifier.Verify(request, service, At(EcrDate)));

    [Fact]
    public void What_botocore_signed_passes_with_its_header_values_trimmed_and_collapsed()
    {
        var caller = Verifier.Verify(EcrRequest(), "ecr", At(EcrDate));

        Assert.Equal((AccessKey, Account, "us-east-1", "ecr", false), (caller.AccessKeyId, caller.AccountId, caller.Region, caller.SigningService, caller.IsTemporary));
        // Spacing is not signed: the same value spaced otherwise passes too.
        Verifier.Verify(EcrRequest(spacedValue: "\"a b   c\""), "ecr", At(EcrDate));
    }

    [Fact]
    public void What_botocore_signed_passes_with_its_path_encoded_twice()
    {
        var caller = Verifier.Verify(PathRequest(), "service", At(PathDate));

        Assert.Equal(Account, caller.AccountId);
    }

    [Fact]
    public void Signed_headers_listed_out_of_order_are_read_in_order()
    {
        var reordered = EcrAuthorization.Replace("content-type;host;my-header2;x-amz-date;x-amz-target", "x-amz-target;host;content-type;x-amz-date;my-header2");

        var caller = Verifier.Verify(EcrRequest(reordered), "ecr", At(EcrDate));

        Assert.Equal(Account, caller.AccountId);
        Assert.Equal(new[] { "content-type", "host", "my-header2", "x-amz-date", "x-amz-target" }, Scripted.SigV4Verifier.PeekAuthorization(EcrRequest(reordered).Headers)!.SignedHeaders);
    }

    [Theory]
    [InlineData("Credential=AKIDEXAMPLE/20261203/us-east-1/ecr/aws4_request, SignedHeaders=host;x-amz-date")]                                   // no Signature
    [InlineData("Credential=AKIDEXAMPLE/20261203/us-east-1/ecr/aws4_request, Credential=AKIDEXAMPLE/20261203/us-east-1/ecr/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + Zeros)]
    [InlineData("Credential=AKIDEXAMPLE/20261203/us-east-1/ecr/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + Zeros + ", Extra=1")]
    [InlineData("Credential=AKIDEXAMPLE/20261203/us-east-1/ecr/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + Zeros + ",")]      // an empty part
    [InlineData("Credential=AKIDEXAMPLE/20261203/us-east-1/ecr/aws4_request, SignedHeaders=host;x-amz-date, =" + Zeros)]
    public void An_Authorization_without_exactly_its_three_parameters_is_incomplete(string parameters)
    {
        var refused = Refused(EcrRequest("AWS4-HMAC-SHA256 " + parameters));

        Assert.Equal(Scripted.AuthFailure.IncompleteSignature, refused.Failure);
        Assert.StartsWith("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.", refused.Message);
        Assert.Null(Scripted.SigV4Verifier.PeekAuthorization(EcrRequest("AWS4-HMAC-SHA256 " + parameters).Headers));
    }

    private const string Zeros = "0000000000000000000000000000000000000000000000000000000000000000";

    [Theory]
    [InlineData("Credential=AKIDEXAMPLE/2026120/us-east-1/ecr/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + Zeros, "Credential should be scoped to a valid region")]
    [InlineData("Credential=AKIDEXAMPLE/2026120x/us-east-1/ecr/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + Zeros, "Credential should be scoped to a valid region")]
    [InlineData("Credential=AKIDEXAMPLE//us-east-1/ecr/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + Zeros, "Credential should be scoped to a valid region")]
    [InlineData("Credential=AKIDEXAMPLE/20261203/us-east-1/ecr/aws4_request, SignedHeaders=Host;x-amz-date, Signature=" + Zeros, "SignedHeaders must be a ';'-separated list of lowercase header names.")]
    [InlineData("Credential=AKIDEXAMPLE/20261203/us-east-1/ecr/aws4_request, SignedHeaders=host;;x-amz-date, Signature=" + Zeros, "SignedHeaders must be a ';'-separated list of lowercase header names.")]
    [InlineData("Credential=AKIDEXAMPLE/20261203/us-east-1/ecr/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + "000000000000000000000000000000000000000000000000000000000000000A", "Signature must be 64 lowercase hex characters.")]
    [InlineData("Credential=AKIDEXAMPLE/20261203/us-east-1/ecr/aws4_request, SignedHeaders=host;x-amz-date, Signature=00", "Signature must be 64 lowercase hex characters.")]
    public void A_malformed_scope_header_list_or_signature_is_incomplete(string parameters, string reason)
    {
        var refused = Refused(EcrRequest("AWS4-HMAC-SHA256 " + parameters));

        Assert.Equal(Scripted.AuthFailure.IncompleteSignature, refused.Failure);
        Assert.StartsWith(reason, refused.Message);
    }

    [Fact]
    public void A_changed_body_does_not_match_and_the_refusal_shows_the_canonical_request_and_string_to_sign()
    {
        var refused = Refused(EcrRequest(body: "{\"maxResults\":99}"));

        Assert.Equal(Scripted.AuthFailure.InvalidSignature, refused.Failure);
        string payloadHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("{\"maxResults\":99}")));
        string canonical = "POST\n/\n\ncontent-type:application/x-amz-json-1.1\nhost:api.ecr.us-east-1.amazonaws.com\nmy-header2:\"a b c\"\n" +
            "x-amz-date:" + EcrDate + "\nx-amz-target:AmazonEC2ContainerRegistry_V20150921.DescribeRepositories\n\n" +
            "content-type;host;my-header2;x-amz-date;x-amz-target\n" + payloadHash;
        string stringToSign = "AWS4-HMAC-SHA256\n" + EcrDate + "\n20261203/us-east-1/ecr/aws4_request\n" +
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        Assert.Contains("The Canonical String for this request should have been\n'" + canonical + "'", refused.Message);
        Assert.Contains("The String-to-Sign should have been\n'" + stringToSign + "'", refused.Message);
        Assert.DoesNotContain(SecretKey, refused.Message);
    }

    [Fact]
    public void A_header_value_signed_otherwise_and_a_wrong_service_do_not_match()
    {
        Assert.Equal(Scripted.AuthFailure.InvalidSignature, Refused(EcrRequest(spacedValue: "\"a b c d\"")).Failure);
        Assert.StartsWith("Credential should be scoped to correct service: 'ecs'.", Refused(EcrRequest(), service: "ecs").Message);
    }

    [Fact]
    public void A_header_with_several_values_is_signed_as_their_comma_separated_list()
    {
        // Two values of one header are one canonical line, "a,b c" (each trimmed and collapsed): signed as a single
        // "a,b c" value, they verify as the pair.
        var headers = new HeaderDictionary
        {
            ["Host"] = "example.amazonaws.com",
            ["My-Header1"] = new StringValues(new[] { " a ", "b   c" }),
            ["X-Amz-Date"] = PathDate,
        };
        var single = new HeaderDictionary { ["Host"] = "example.amazonaws.com", ["My-Header1"] = "a,b c", ["X-Amz-Date"] = PathDate };
        var signedHeaders = new[] { "host", "my-header1", "x-amz-date" };
        string emptyHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ReadOnlySpan<byte>.Empty));

        Assert.Equal(
            Scripted.SigV4Verifier.CanonicalRequest(new Scripted.SignedRequest("GET", "/", "", single, ReadOnlyMemory<byte>.Empty), signedHeaders, emptyHash),
            Scripted.SigV4Verifier.CanonicalRequest(new Scripted.SignedRequest("GET", "/", "", headers, ReadOnlyMemory<byte>.Empty), signedHeaders, emptyHash));
        Assert.Contains("\nmy-header1:a,b c\n", Scripted.SigV4Verifier.CanonicalRequest(new Scripted.SignedRequest("GET", "/", "", headers, ReadOnlyMemory<byte>.Empty), signedHeaders, emptyHash));
    }
}
