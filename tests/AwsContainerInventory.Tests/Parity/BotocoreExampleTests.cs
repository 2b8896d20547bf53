using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Parity;

/// <summary>
/// The documented example responses of botocore's ecs and ecr examples-1.json, answered to the module's clients
/// and mapped to records: each record carries the example's values. (ECR ListTagsForResource has no example.)
/// </summary>
public sealed class BotocoreExampleTests
{
    private const string Region = "us-east-1";
    private static readonly DateTime Captured = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    private static readonly (string Service, string Operation)[] Used =
    {
        ("ecr", "DescribeRepositories"), ("ecr", "GetRepositoryPolicy"),
        ("ecs", "ListClusters"), ("ecs", "DescribeClusters"), ("ecs", "ListServices"), ("ecs", "DescribeServices"),
        ("ecs", "ListTasks"), ("ecs", "DescribeTasks"), ("ecs", "ListTaskDefinitions"), ("ecs", "DescribeTaskDefinition"),
    };

    // One helper run for all operations, shared by the theory's cases.
    private static readonly Lazy<Dictionary<string, List<JsonObject>>> Examples = new(() =>
    {
        JsonArray answers = Botocore.Run("examples", new JsonArray(Used.Select(u => (JsonNode)new JsonObject { ["service"] = u.Service, ["operation"] = u.Operation }).ToArray()));
        return Used.Select((u, i) => (Key: u.Service + " " + u.Operation, Outputs: answers[i]!["examples"]!.AsArray().Select(e => e!["output"]!.AsObject()).ToList()))
            .ToDictionary(x => x.Key, x => x.Outputs);
    });

    public static IEnumerable<object[]> Operations() => Used.Select(u => new object[] { u.Service, u.Operation });

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task The_documented_example_response_maps_to_records_with_its_values(string service, string operation)
    {
        List<JsonObject> outputs = Examples.Value[service + " " + operation];
        Assert.NotEmpty(outputs);
        foreach (JsonObject output in outputs)
        {
            var handler = new FakeAwsHandler().On(operation, _ => FakeResponse.Json(output.ToJsonString()));
            var transport = new AwsTransport(2, new RetryPolicy(0), new HttpClient(handler));
            var keys = new StaticCredentialProvider(new AwsCredentials("AKIDEXAMPLES", "examples-secret"), "test");
            handler.Estate.AddCredential("AKIDEXAMPLES", "examples-secret", FakeEstate.Account);   // the fake verifies signatures
            var endpoint = new Uri("https://aws.test/");
            if (service == "ecr") await CheckEcrAsync(new EcrClient(transport, endpoint, Region, keys, null), operation, output);
            else await CheckEcsAsync(new EcsClient(transport, endpoint, Region, keys, null), operation, output);
            Assert.Equal(1, handler.CallCount(operation));
        }
    }

    private static async Task CheckEcrAsync(EcrClient ecr, string operation, JsonObject output)
    {
        switch (operation)
        {
            case "DescribeRepositories":
                var page = await ecr.DescribeRepositoriesAsync(100, null, CancellationToken.None);
                var repositories = page.Items.Select(r => EcrRepositoryMapping.FromApi(r, null, Array.Empty<KeyValuePair<string, string>>(), Region, Captured)).ToList();
                Assert.Equal(Strings(output["repositories"], "repositoryArn"), repositories.Select(r => r.RepositoryArn));
                Assert.Equal(Strings(output["repositories"], "repositoryName"), repositories.Select(r => r.RepositoryName));
                Assert.Equal(Strings(output["repositories"], "registryId"), repositories.Select(r => r.RegistryId));
                Assert.All(repositories, r => Assert.Equal(r.RepositoryArn.Split(':')[4], r.AccountId));
                Assert.Null(page.NextToken);
                break;
            case "GetRepositoryPolicy":
                string expected = output["policyText"]!.GetValue<string>();
                string? policy = await ecr.GetRepositoryPolicyAsync(output["registryId"]!.GetValue<string>(), output["repositoryName"]!.GetValue<string>(), CancellationToken.None);
                Assert.Equal(expected, policy);
                using (JsonDocument repository = JsonDocument.Parse(new JsonObject { ["repositoryName"] = output["repositoryName"]!.GetValue<string>() }.ToJsonString()))
                {
                    var record = EcrRepositoryMapping.FromApi(repository.RootElement, policy, Array.Empty<KeyValuePair<string, string>>(), Region, Captured);
                    Assert.Equal(expected, record.RepositoryPolicy);
                    // The example allows one named role, not everyone.
                    Assert.DoesNotContain("\"*\"", expected);
                    Assert.False(record.IsPublic);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }

    private static async Task CheckEcsAsync(EcsClient ecs, string operation, JsonObject output)
    {
        var none = new[] { "x" };
        switch (operation)
        {
            case "ListClusters": AssertPage(await ecs.ListClustersAsync(100, null, CancellationToken.None), output, "clusterArns"); break;
            case "ListServices": AssertPage(await ecs.ListServicesAsync("default", 100, null, CancellationToken.None), output, "serviceArns"); break;
            case "ListTasks": AssertPage(await ecs.ListTasksAsync("default", "RUNNING", 100, null, CancellationToken.None), output, "taskArns"); break;
            case "ListTaskDefinitions": AssertPage(await ecs.ListTaskDefinitionsAsync(null, 100, null, CancellationToken.None), output, "taskDefinitionArns"); break;
            case "DescribeClusters":
                var clusterResult = await ecs.DescribeClustersAsync(none, CancellationToken.None);
                var clusters = clusterResult.Items.Select(c => EcsClusterMapping.FromApi(c, Region, Captured)).ToList();
                Assert.Equal(Strings(output["clusters"], "clusterArn"), clusters.Select(c => c.ClusterArn));
                Assert.Equal(Strings(output["clusters"], "clusterName"), clusters.Select(c => c.ClusterName));
                Assert.Equal(Strings(output["clusters"], "status"), clusters.Select(c => c.SourceStatus));
                Assert.Equal(output["failures"]!.AsArray().Count, clusterResult.Failures.Count);
                break;
            case "DescribeServices":
                var serviceResult = await ecs.DescribeServicesAsync("default", none, CancellationToken.None);
                var services = serviceResult.Items.Select(s => EcsServiceMapping.FromApi(s, Region, Captured)).ToList();
                JsonNode? items = output["services"];
                Assert.Equal(Strings(items, "serviceArn"), services.Select(s => s.ServiceArn));
                Assert.Equal(Strings(items, "serviceName"), services.Select(s => s.ServiceName));
                Assert.Equal(Strings(items, "clusterArn"), services.Select(s => s.ClusterArn));
                Assert.Equal(Strings(items, "status"), services.Select(s => s.SourceStatus));
                Assert.Equal(Strings(items, "taskDefinition"), services.Select(s => s.TaskDefinition));
                Assert.Equal(Ints(items, "desiredCount"), services.Select(s => s.DesiredCount));
                Assert.Equal(Ints(items, "runningCount"), services.Select(s => s.RunningCount));
                Assert.Equal(Ints(items, "pendingCount"), services.Select(s => s.PendingCount));
                Assert.Equal(Strings(items, "createdAt").Select(Time), services.Select(s => s.FirstSeen));
                Assert.All(services, s => Assert.Empty(s.TargetGroupArns!));   // "loadBalancers": []
                Assert.Equal(output["failures"]!.AsArray().Count, serviceResult.Failures.Count);
                break;
            case "DescribeTasks":
                var taskResult = await ecs.DescribeTasksAsync("default", none, CancellationToken.None);
                var tasks = taskResult.Items.Select(t => EcsTaskMapping.FromApi(t, Region, Captured)).ToList();
                JsonNode? taskItems = output["tasks"];
                Assert.Equal(Strings(taskItems, "taskArn"), tasks.Select(t => t.TaskArn));
                Assert.Equal(Strings(taskItems, "clusterArn"), tasks.Select(t => t.ClusterArn));
                Assert.Equal(Strings(taskItems, "taskDefinitionArn"), tasks.Select(t => t.TaskDefinitionArn));
                Assert.Equal(Strings(taskItems, "containerInstanceArn"), tasks.Select(t => t.ContainerInstanceArn));
                Assert.Equal(Strings(taskItems, "lastStatus"), tasks.Select(t => t.SourceStatus));
                Assert.Equal(Strings(taskItems, "desiredStatus"), tasks.Select(t => t.DesiredStatus));
                Assert.Equal(taskItems!.AsArray().Select(t => t!["containers"]!.AsArray().Count(c => c!["image"] != null)), tasks.Select(t => t.ContainerImages!.Count));
                Assert.All(tasks, t => Assert.Null(t.NetworkInterfaceIds));   // no ENI attachment in the example
                break;
            case "DescribeTaskDefinition":
                var definitionResult = await ecs.DescribeTaskDefinitionAsync("hello_world:8", CancellationToken.None);
                var definition = EcsTaskDefinitionMapping.FromApi(definitionResult.TaskDefinition, definitionResult.Tags, Region, Captured);
                JsonNode example = output["taskDefinition"]!;
                var containers = example["containerDefinitions"]!.AsArray();
                Assert.Equal(example["taskDefinitionArn"]!.GetValue<string>(), definition.TaskDefinitionArn);
                Assert.Equal(example["family"]!.GetValue<string>(), definition.Family);
                Assert.Equal(example["revision"]!.GetValue<int>(), definition.Revision);
                Assert.Equal(example["family"] + ":" + example["revision"], definition.Name);
                Assert.Equal(Strings(containers, "image"), definition.ContainerImages!);
                var environment = containers.SelectMany(c => c!["environment"]!.AsArray()).ToList();
                Assert.Equal(environment.Select(e => e!["name"]!.GetValue<string>()), definition.EnvironmentKeys!);
                // Names only: no environment value of the example reaches the record.
                string shown = string.Join("\n", typeof(EcsTaskDefinition).GetProperties().Select(p => p.GetValue(definition)?.ToString()));
                Assert.All(environment, e => Assert.DoesNotContain(e!["value"]!.GetValue<string>(), shown, StringComparison.Ordinal));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }

    private static void AssertPage(ApiPage<string> page, JsonObject output, string member)
    {
        Assert.Equal(output[member]!.AsArray().Select(a => a!.GetValue<string>()), page.Items);
        Assert.Null(page.NextToken);
    }

    private static List<string?> Strings(JsonNode? items, string member) =>
        items!.AsArray().Select(i => i![member]?.GetValue<string>()).ToList();

    private static List<int?> Ints(JsonNode? items, string member) =>
        items!.AsArray().Select(i => i![member] == null ? (int?)null : i[member]!.GetValue<int>()).ToList();

    private static DateTime? Time(string? iso) =>
        iso == null ? null : DateTime.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
