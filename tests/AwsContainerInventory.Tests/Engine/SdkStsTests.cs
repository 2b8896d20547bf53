using System.Diagnostics;
using System.Management.Automation;
using System.Text.Json.Nodes;
using AwsContainerInventory.Session;
using AwsContainerInventory.TestEndpoint;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Engine;

/// <summary>
/// STS through the AWS SDK for .NET: it rides the session's transport (cap, pool, override URL), its failures keep
/// STS's code and the SDK's exception, Ctrl+C cancels it, and it works against an STS that answers JSON when asked.
/// </summary>
[Collection(SessionCollection.Name)]
public sealed class SdkStsTests
{
    private static readonly string[] Roles = Enumerable.Range(1, 4).Select(i => $"arn:aws:iam::20000000000{i}:role/Inventory").ToArray();

    /// <summary>The roles assumable at the fake's STS, each account with one repository.</summary>
    private static FakeAwsHandler WithRoles(FakeAwsHandler handler, params string[] roles)
    {
        foreach (string role in roles)
        {
            handler.Estate.AddRole(role);
            handler.WithRepositories(1, account: role.Split(':')[4]);
        }
        return handler;
    }

    [Fact]
    public void AssumeRole_calls_take_a_slot_of_the_sessions_one_cap_and_go_to_its_endpoint()
    {
        var handler = WithRoles(new FakeAwsHandler { Latency = TimeSpan.FromMilliseconds(60) }, Roles);
        CmdletHarness.Connect(handler, parallelRequests: 1, roles: Roles);

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(result.Errors);
        Assert.Equal(4, result.Output.Count);
        Assert.Equal(4, handler.CallCount("AssumeRole"));
        Assert.Equal(1, handler.PeakConcurrency);   // the SDK's calls waited for the one slot like every other call
        Assert.All(handler.Calls.Where(c => c.Operation == "AssumeRole"), call =>
        {
            Assert.Equal("aws.test", call.Request.RequestUri!.Host);
            Assert.Contains("/us-east-1/sts/aws4_request", call.Request.Headers.GetValues("Authorization").Single());
            // Real STS answers JSON to "Accept: application/json", which an XML reader cannot read.
            Assert.DoesNotContain(call.Request.Headers.Accept, accept => accept.MediaType == "application/json");
        });
    }

    [Fact]
    public void A_refused_role_keeps_the_sts_code_in_the_message_and_the_sdk_exception_inside()
    {
        var handler = new FakeAwsHandler().WithRepositories(1).On("AssumeRole", _ => FakeResponse.Xml(403,
            "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to perform sts:AssumeRole</Message></Error><RequestId>r-9</RequestId></ErrorResponse>"));
        CmdletHarness.Connect(handler, roles: new[] { Roles[0] });

        var error = Assert.Single(CmdletHarness.Invoke("Get-EcrRepository").Errors);

        Assert.StartsWith("AwsRoleAssumptionFailed,", error.FullyQualifiedErrorId);
        Assert.Equal(Roles[0], error.TargetObject);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("AccessDenied", error.Exception.Message);
        var sts = Assert.IsType<AwsServiceException>(error.Exception.InnerException);
        Assert.Equal(("sts", "AssumeRole", "AccessDenied", 403, "r-9"), (sts.Service, sts.Operation, sts.ErrorCode, sts.StatusCode, sts.RequestId));
        Assert.StartsWith("Amazon.", sts.InnerException!.GetType().FullName);
        Assert.Equal(1, handler.CallCount("AssumeRole"));   // a refusal is not retried
    }

    [Fact]
    public void Stopping_the_pipeline_cancels_an_assume_role_in_flight()
    {
        var handler = WithRoles(new FakeAwsHandler(), Roles[0]);
        handler.OperationLatency["AssumeRole"] = TimeSpan.FromSeconds(30);
        CmdletHarness.Connect(handler, roles: new[] { Roles[0] });

        using var shell = CmdletHarness.NewShell("Get-EcrRepository");
        var clock = Stopwatch.StartNew();
        var running = shell.BeginInvoke();
        SpinWait.SpinUntil(() => handler.CallCount("AssumeRole") == 1, TimeSpan.FromSeconds(10));
        shell.Stop();
        clock.Stop();

        Assert.Equal(1, handler.CallCount("AssumeRole"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "Stop took " + clock.Elapsed);
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.Equal(0, handler.CallCount("DescribeRepositories"));
    }

    [Fact]
    public async Task The_role_path_works_against_an_sts_that_answers_json_when_asked()
    {
        await using var endpoint = await ScriptedAwsEndpoint.StartAsync();
        endpoint.Estate.Generate(new EstateGenerationOptions { Accounts = 2, FirstAccountId = "400000000001", Regions = new[] { "us-east-1" }, RepositoriesPerRegion = 2 });
        var roles = new[] { "arn:aws:iam::400000000001:role/Inventory", "arn:aws:iam::400000000002:role/Inventory" };

        // The endpoint answers as AWS does: JSON to a request that asks for it, XML otherwise.
        Assert.StartsWith("{\"AssumeRoleResponse\":{\"AssumeRoleResult\":", await AssumeRoleBodyAsync(endpoint, roles[0], "application/json"));
        Assert.StartsWith("<AssumeRoleResponse", await AssumeRoleBodyAsync(endpoint, roles[0], null));

        try
        {
            CmdletHarness.Connect(null, roles: roles, endpoint: endpoint.BaseUri,
                keys: new AwsCredentials(Estate.DefaultAccessKeyId, Estate.DefaultSecretAccessKey));
            var result = CmdletHarness.Invoke("Get-EcrRepository");

            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "400000000001", "400000000002" }, result.Of<EcrRepository>().Select(r => r.AccountId).Distinct().OrderBy(a => a));
            Assert.Equal(4, result.Output.Count);
            Assert.Equal(2 + 2, endpoint.Stats.AssumeRoleCalls.Count(c => c.Outcome == "Issued"));
            Assert.Equal(0, endpoint.Stats.SignatureRejections);
        }
        finally
        {
            SessionStore.Clear();
        }
    }

    // One AssumeRole signed by the module's own signer, with or without "Accept: application/json".
    private static async Task<string> AssumeRoleBodyAsync(ScriptedAwsEndpoint endpoint, string roleArn, string? accept)
    {
        byte[] body = System.Text.Encoding.UTF8.GetBytes("Action=AssumeRole&Version=2011-06-15&RoleSessionName=probe&RoleArn=" + Uri.EscapeDataString(roleArn));
        const string contentType = "application/x-www-form-urlencoded; charset=utf-8";
        var signed = SigV4Signer.Sign("POST", endpoint.BaseUri, new[] { new KeyValuePair<string, string>("Content-Type", contentType) }, body,
            new AwsCredentials(Estate.DefaultAccessKeyId, Estate.DefaultSecretAccessKey), "us-east-1", "sts", DateTime.UtcNow);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.BaseUri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        foreach (var header in signed) request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        if (accept != null) request.Headers.Accept.ParseAdd(accept);
        using var client = new HttpClient();
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsStringAsync();
    }
}
