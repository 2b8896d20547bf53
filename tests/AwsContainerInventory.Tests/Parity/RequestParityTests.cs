using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AwsContainerInventory.Session;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Parity;

/// <summary>
/// Request parity with botocore: the cmdlets run against a recording loopback endpoint through every operation the
/// module sends, and each recorded request must be what botocore's serializer makes of the same operation and
/// parameters: method, path, headers (apart from signing and per-attempt ones) and body.
/// </summary>
[Collection(SessionCollection.Name)]
public sealed class RequestParityTests : IAsyncLifetime
{
    // Every cmdlet and parameter that changes what is sent: listings, literal names, digests, -InUse, -IncludeStopped, -FamilyPrefix.
    private const string Script = """
        Get-EcrRepository
        Get-EcrImage
        Get-EcrImage -Repository parity/api -ImageDigest 'sha256:0000000000000000000000000000000000000000000000000000000000000001'
        Get-EcrImage -InUse
        Get-EcsCluster
        Get-EcsCluster -Name alpha, beta
        Get-EcsService -Cluster alpha
        Get-EcsTask -IncludeStopped
        Get-EcsTaskDefinition
        Get-EcsTaskDefinition -FamilyPrefix web
        Get-ContainerExposure
        """;

    // The organization: the whole of it in every enabled region, then a root and the OUs below it.
    private const string OrganizationScript = """
        $keys = @{ AccessKey = 'AKIDPARITYORG0000001'; SecretKey = (ConvertTo-SecureString 'parity-org-secret' -AsPlainText -Force); EndpointUrl = '{url}'; MaxRetries = 0 }
        Connect-AwsInventory @keys -Region All -OrganizationRoleName ParityInventory
        Get-EcsCluster -Name alpha
        Connect-AwsInventory @keys -Region us-east-1 -OrganizationRoleName ParityInventory -OrganizationalUnitId r-pari
        Get-EcsCluster -Name alpha
        """;

    private RecordingAwsEndpoint _endpoint = null!;

    public Task InitializeAsync()
    {
        _endpoint = new RecordingAwsEndpoint(MinimalAwsAnswers.Answer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        SessionStore.Clear();
        await _endpoint.DisposeAsync();
    }

    [Fact]
    public async Task Every_request_the_module_sends_is_the_one_botocore_serializes()
    {
        // A role, so AssumeRole is sent and every later call carries a session token.
        InventorySession session = CmdletHarness.Connect(null, regions: new[] { MinimalAwsAnswers.Region },
            roles: new[] { MinimalAwsAnswers.RoleArn }, maxRetries: 0, endpoint: _endpoint.BaseUri);

        RunResult result = CmdletHarness.Invoke(Script);
        RunResult organization = CmdletHarness.Invoke(OrganizationScript.Replace("{url}", _endpoint.BaseUri.ToString()));

        Assert.Empty(result.Errors.Select(e => e.ToString()));
        Assert.Empty(organization.Errors.Select(e => e.ToString()));
        // Both accounts of the organization, each in its one enabled region: the caller's own and the member's (through its role).
        Assert.Equal(4, organization.Of<EcsCluster>().Count);
        var assumed = _endpoint.Requests.Where(r => r.Operation == "AssumeRole").Select(r => r.Parameter("RoleArn")).ToList();
        Assert.Equal(2, assumed.Count(arn => arn == "arn:aws:iam::" + MinimalAwsAnswers.MemberAccount + ":role/ParityInventory"));
        Assert.Equal(1, assumed.Count(arn => arn == MinimalAwsAnswers.RoleArn));   // the first script's -RoleArn; never the caller's own account
        Assert.Empty(_endpoint.Problems);
        Assert.Equal(2, result.Of<EcrRepository>().Count);
        // Two repositories of two images each, the digest asked for, and the one image the tasks run.
        Assert.Equal(4 + 1 + 1, result.Of<EcrImage>().Count);
        Assert.Equal(MinimalAwsAnswers.TaskImageDigest, result.Of<EcrImage>().Last().ImageDigest);
        Assert.Equal(4, result.Of<EcsCluster>().Count);
        Assert.Equal(MinimalAwsAnswers.ServicesPerCluster, result.Of<EcsService>().Count);
        Assert.Equal(8, result.Of<EcsTask>().Count);
        Assert.All(result.Of<EcsTask>(), t => Assert.Single(t.PublicIpAddresses!));
        Assert.Equal(4, result.Of<EcsTaskDefinition>().Count);
        Assert.NotEmpty(result.Of<ExposureFinding>());

        List<RecordedRequest> requests = _endpoint.Requests.ToList();
        // Issue 16: given Accept: application/json, real STS answers in JSON; botocore sends no Accept header.
        Assert.All(requests, r => Assert.Null(r.Header("Accept")));
        var unlisted = requests.Where(r => !ParityOperations.All.Any(o => o.Matches(r))).Select(r => r.Service + " " + r.Operation).Distinct();
        Assert.Empty(unlisted);
        var missing = ParityOperations.All.SelectMany(o => o.Variants.Where(v => !requests.Any(r => o.Matches(r) && v.Matches(r))).Select(v => o + ": " + v.Name));
        Assert.Empty(missing);

        var operations = requests.Select(r => ParityOperations.All.Single(o => o.Matches(r))).ToList();
        JsonArray answers = Botocore.Run("serialize", new JsonArray(requests.Select((r, i) => (JsonNode)RequestComparison.BotocoreInput(r, operations[i])).ToArray()));
        var differences = requests
            .Select((r, i) => (Operation: operations[i], Request: r, Differences: RequestComparison.Differences(r, operations[i], answers[i]!.AsObject())))
            .Where(x => x.Differences.Count > 0)
            .GroupBy(x => x.Operation.ToString() + ": " + string.Join("; ", x.Differences))
            .Select(g => g.Key + " (" + g.Count() + " requests, e.g. " + g.First().Request.BodyText + ")")
            .ToList();
        Assert.True(differences.Count == 0, "Requests differ from botocore's:\n" + string.Join("\n", differences));
    }

    [Fact]
    public void The_comparison_reports_a_header_botocore_does_not_send_and_a_changed_body()
    {
        var request = new RecordedRequest("POST", "/", new[]
        {
            KeyValuePair.Create("Host", "127.0.0.1"),
            KeyValuePair.Create("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters"),
            KeyValuePair.Create("Accept", "application/json"),
            KeyValuePair.Create("Content-Type", "application/x-amz-json-1.1"),
        }, "{\"maxResults\":100}"u8.ToArray());
        ParityOperation operation = ParityOperations.All.Single(o => o.Operation == "ListClusters");
        var botocore = JsonNode.Parse("""
            {"protocol":"json","unmapped":[],"error":null,"method":"POST","path":"/","body":"{\"maxResults\": 50}",
             "headers":{"X-Amz-Target":"AmazonEC2ContainerServiceV20141113.ListClusters","Content-Type":"application/x-amz-json-1.1"}}
            """)!.AsObject();

        var differences = RequestComparison.Differences(request, operation, botocore);

        Assert.Equal(2, differences.Count);
        Assert.Contains(differences, d => d.StartsWith("sends header Accept: application/json; botocore sends no Accept"));
        Assert.Contains(differences, d => d.StartsWith("body {\"maxResults\":100}, botocore"));
    }

    [Fact]
    public void Botocore_rejects_a_parameter_of_the_wrong_type_or_unknown_to_the_model()
    {
        var form = new RecordedRequest("POST", "/", new[] { KeyValuePair.Create("Content-Type", "application/x-www-form-urlencoded; charset=utf-8") },
            "Action=DescribeNetworkInterfaces&Version=2016-11-15&Filter.1.Name=network-interface-id&Filter.1.Value.1=eni-1&NetworkInterfaceIds=eni-1"u8.ToArray());
        var json = new RecordedRequest("POST", "/", new[] { KeyValuePair.Create("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListTasks") },
            "{\"cluster\":\"c\",\"maxResults\":\"100\"}"u8.ToArray());
        ParityOperation ec2 = ParityOperations.All.Single(o => o.Operation == "DescribeNetworkInterfaces");
        ParityOperation listTasks = ParityOperations.All.Single(o => o.Operation == "ListTasks");

        JsonArray answers = Botocore.Run("serialize", new JsonArray(RequestComparison.BotocoreInput(form, ec2), RequestComparison.BotocoreInput(json, listTasks)));

        Assert.Contains(RequestComparison.Differences(form, ec2, answers[0]!.AsObject()), d => d == "parameters botocore's input shape has no place for: NetworkInterfaceIds");
        Assert.Contains(RequestComparison.Differences(json, listTasks, answers[1]!.AsObject()), d => d.StartsWith("botocore rejects the parameters:") && d.Contains("maxResults"));
    }

    /// <summary>A new operation in a hand-written client must be added to the table (and so to the parity run).</summary>
    [Fact]
    public void The_table_lists_every_operation_a_hand_written_client_sends()
    {
        var sent = new List<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(Botocore.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)) continue;
            string text = File.ReadAllText(file);
            var operations = Regex.Matches(text, @"\b(?:SendAsync|SendReadingBodyAsync|ListAsync)(?:<[^(]*>)?\(\s*""(\w+)""").Select(m => m.Groups[1].Value).ToList();
            if (operations.Count == 0) continue;
            Match service = Regex.Match(text, @":\s*base\(\s*""(\w+)""");
            Assert.True(service.Success, Path.GetFileName(file) + " sends operations but names no service in its base(...) call");
            sent.AddRange(operations.Select(o => service.Groups[1].Value + " " + o));
        }

        Assert.Contains("ecs DescribeTasks", sent);
        Assert.Contains("ec2 DescribeNetworkInterfaces", sent);
        Assert.Empty(sent.Distinct().Except(ParityOperations.All.Select(o => o.ToString())));
    }
}
