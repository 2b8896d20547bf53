using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Wire;

public class SigV4SignerTests
{
    private static readonly DateTime FixedTime = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    // AWS's published SigV4 test suite, "post-x-www-form-urlencoded": a POST with a signed content type.
    [Fact]
    public void Matches_the_published_post_form_urlencoded_vector()
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        var headers = SigV4Signer.Sign("POST", new Uri("https://example.amazonaws.com/"),
            new[] { KeyValuePair.Create("Content-Type", "application/x-www-form-urlencoded") },
            Encoding.UTF8.GetBytes("Param1=value1"), credentials, "us-east-1", "service", FixedTime);
        string authorization = headers.Single(h => h.Key == "Authorization").Value;
        Assert.Equal("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
                     "SignedHeaders=content-type;host;x-amz-date, " +
                     "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", authorization);
    }

    public static IEnumerable<object[]> Requests() => new[]
    {
        new object[] { "ecr", "us-east-1", "https://api.ecr.us-east-1.amazonaws.com/", "application/x-amz-json-1.1", "AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", "{\"maxResults\":100}", null! },
        new object[] { "ecs", "eu-west-1", "http://127.0.0.1:5000/", "application/x-amz-json-1.1", "AmazonEC2ContainerServiceV20141113.ListTasks", "{\"cluster\":\"prod\",\"desiredStatus\":\"RUNNING\"}", "FQoGZXIvYXdzEJr//////////wEaDOTOKEN" },
        new object[] { "sts", "ap-southeast-2", "https://sts.ap-southeast-2.amazonaws.com/", "application/x-www-form-urlencoded; charset=utf-8", null!, "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FInventory", null! },
        new object[] { "ecs", "us-gov-west-1", "https://ecs.us-gov-west-1.amazonaws.com:8443/", "application/x-amz-json-1.1", "AmazonEC2ContainerServiceV20141113.DescribeTasks", "{\"tasks\":[\"arn:aws:ecs:us-gov-west-1:1:task/c/ünïcode\"]}", null! },
        // A header value to trim and collapse (the signer's slow path), beside the plain values above (its fast path).
        new object[] { "sts", "us-east-1", "https://sts.amazonaws.com/", "  application/x-www-form-urlencoded;   charset=utf-8 ", null!, "Action=GetCallerIdentity&Version=2011-06-15", null! },
    };

    /// <summary>botocore's SigV4Auth is the independent signer: the same request must get the same signature.</summary>
    [Theory]
    [MemberData(nameof(Requests))]
    public void Matches_botocore(string service, string region, string url, string contentType, string? target, string body, string? token)
    {
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token);
        var headers = new List<KeyValuePair<string, string>> { KeyValuePair.Create("Content-Type", contentType) };
        if (target != null) headers.Add(KeyValuePair.Create("X-Amz-Target", target));
        var signed = SigV4Signer.Sign("POST", new Uri(url), headers, Encoding.UTF8.GetBytes(body), credentials, region, service, FixedTime);

        string expected = BotocoreAuthorization(service, region, url, contentType, target, body, token);
        Assert.Equal(expected, signed.Single(h => h.Key == "Authorization").Value);
    }

    [Fact]
    public void A_days_signing_key_is_derived_once_per_region_and_service_and_again_on_the_next_day()
    {
        var scopes = new SigningScopes();
        const string secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

        SigningScope first = scopes.Get(secret, "20150830T123600Z", "us-east-1", "ecs");
        Assert.Same(first, scopes.Get(secret, "20150830T235959Z", "us-east-1", "ecs"));
        Assert.Equal("20150830/us-east-1/ecs/aws4_request", first.Scope);
        Assert.Equal(SigV4Signer.SigningKey(secret, "20150830", "us-east-1", "ecs"), first.Key);

        SigningScope otherService = scopes.Get(secret, "20150830T123600Z", "us-east-1", "ecr");
        SigningScope otherRegion = scopes.Get(secret, "20150830T123600Z", "eu-west-1", "ecs");
        SigningScope nextDay = scopes.Get(secret, "20150831T000000Z", "us-east-1", "ecs");
        Assert.Equal("20150830/us-east-1/ecr/aws4_request", otherService.Scope);
        Assert.Equal("20150830/eu-west-1/ecs/aws4_request", otherRegion.Scope);
        Assert.Equal("20150831/us-east-1/ecs/aws4_request", nextDay.Scope);
        Assert.Equal(SigV4Signer.SigningKey(secret, "20150831", "us-east-1", "ecs"), nextDay.Key);
        Assert.NotEqual(first.Key, nextDay.Key);
        Assert.Equal("20150830/us-east-1/ecs/aws4_request", first.ToString()); // the scope only, never the key
    }

    [Fact]
    public void Signing_the_same_request_again_with_a_cached_key_and_pooled_buffers_gives_the_same_signature()
    {
        // Pooled buffers are reused dirty: a long session token, then a short request, must not leave anything behind.
        var credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", new string('T', 3000));
        var plain = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        var headers = new[] { KeyValuePair.Create("Content-Type", "application/x-www-form-urlencoded") };
        string Sign(AwsCredentials keys) => SigV4Signer.Sign("POST", new Uri("https://example.amazonaws.com/"), headers,
            Encoding.UTF8.GetBytes("Param1=value1"), keys, "us-east-1", "service", FixedTime).Single(h => h.Key == "Authorization").Value;

        string withToken = Sign(credentials);
        Assert.Equal(withToken, Sign(credentials));
        Assert.EndsWith("Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", Sign(plain));
        Assert.Equal(withToken, Sign(credentials));
    }

    private static string BotocoreAuthorization(string service, string region, string url, string contentType, string? target, string body, string? token)
    {
        const string script = """
import sys, json, datetime
from unittest import mock
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
a = json.loads(sys.stdin.read())
headers = {'Content-Type': a['contentType']}
if a['target']: headers['X-Amz-Target'] = a['target']
request = AWSRequest(method='POST', url=a['url'], data=a['body'].encode('utf-8'), headers=headers)
fixed = datetime.datetime(2015, 8, 30, 12, 36, 0)
with mock.patch('botocore.auth.get_current_datetime', return_value=fixed):
    SigV4Auth(Credentials('AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', a['token']), a['service'], a['region']).add_auth(request)
print(request.headers['Authorization'])
""";
        var start = new ProcessStartInfo("python3", new[] { "-c", script })
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(JsonSerializer.Serialize(new { service, region, url, contentType, target, body, token }));
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd().Trim();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "botocore signer failed: " + error);
        return output;
    }
}
