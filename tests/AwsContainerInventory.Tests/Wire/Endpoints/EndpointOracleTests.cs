using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using AwsContainerInventory.Wire;
using AwsContainerInventory.Wire.Endpoints;

namespace AwsContainerInventory.Tests.Wire.Endpoints;

/// <summary>
/// botocore is the oracle: its partition data and rule sets are what the module embeds, and the URL its
/// clients' rule-set resolver gives for every region of every partition × ECR, ECS, EC2, STS, Organizations × FIPS ×
/// dual-stack is the URL the module must give (tests/Moto/endpoint_oracle.py).
/// </summary>
public sealed class EndpointOracleTests
{
    private static readonly Lazy<JsonArray> Oracle = new(() => JsonNode.Parse(RunPython(Path.Combine(RepositoryRoot(), "tests", "Moto", "endpoint_oracle.py")))!.AsArray());

    private static readonly Dictionary<string, AwsService> Services = new(StringComparer.Ordinal)
    {
        ["ecr"] = AwsService.Ecr, ["ecs"] = AwsService.Ecs, ["ec2"] = AwsService.Ec2, ["sts"] = AwsService.Sts, ["elbv2"] = AwsService.ElasticLoadBalancingV2, ["organizations"] = AwsService.Organizations,
    };

    [Fact]
    public void EveryRegionServiceAndVariantResolvesAsBotocoreDoes()
    {
        var mismatches = new List<string>();
        int compared = 0;
        foreach (JsonNode? entry in Oracle.Value)
        {
            string service = (string)entry!["service"]!;
            string region = (string)entry["region"]!;
            bool fips = (bool)entry["fips"]!;
            bool dualStack = (bool)entry["dualstack"]!;
            var endpoints = new ServiceEndpoints(new EndpointSettings(null, new Dictionary<string, ConfiguredEndpoint>(), fips, dualStack));
            string expected = entry["url"] is JsonNode url ? new Uri((string)url!).AbsoluteUri : "error: " + (string)entry["error"]!;
            string actual;
            try
            {
                actual = endpoints.Resolve(Services[service], region).Url.AbsoluteUri;
            }
            catch (EndpointResolutionException error)
            {
                actual = "error: " + error.Message;
            }
            compared++;
            bool same = expected.StartsWith("error: ", StringComparison.Ordinal)
                ? actual.StartsWith("error: ", StringComparison.Ordinal) && actual.Contains(expected.Substring(7), StringComparison.Ordinal)
                : actual == expected;
            if (!same) mismatches.Add($"{service} {region} fips={fips} dualstack={dualStack}: botocore {expected}, module {actual}");
        }
        // 8 partitions' regions plus 9 unlisted ones, × 5 services × 4 variants.
        Assert.True(compared >= (AwsPartitions.Default.ListedRegions.Count + 9) * 4 * AwsService.All.Count, "only " + compared + " combinations compared");
        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
    }

    [Fact]
    public void TheOracleCoversEveryPartitionAndEveryListedRegion()
    {
        var regions = Oracle.Value.Select(e => (string)e!["region"]!).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(AwsPartitions.Default.ListedRegions.ToHashSet(), regions);
        Assert.Equal(new[] { "aws", "aws-cn", "aws-eusc", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-us-gov" },
            AwsPartitions.Default.All.Select(p => p.Id).OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void TheEmbeddedDataEqualsBotocoresCopy()
    {
        // botocore's loader reads data/<name>.json or .json.gz, whichever the installation ships.
        const string script = """
import json, sys, botocore, botocore.loaders
loader = botocore.loaders.create_loader()
data = {"partitions.json": loader.load_data("partitions")}
for service in sys.argv[1:]:
    data[service + ".endpoint-rule-set.json"] = loader.load_service_model(service, "endpoint-rule-set-1")
data["source.json"] = {"botocore": botocore.__version__}
json.dump(data, sys.stdout)
""";
        var arguments = new List<string> { "-c", script };
        arguments.AddRange(AwsService.All.Select(s => s.RuleSetName));
        JsonObject botocore = JsonNode.Parse(RunPython(arguments.ToArray()))!.AsObject();
        foreach (var (file, expected) in botocore)
            Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(EndpointData.Read(file))),
                file + " differs from botocore's copy: run python3 tools/update_endpoint_data.py");
        Assert.Equal(AwsService.All.Count + 2, botocore.Count);
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "AwsContainerInventory.sln"))) return folder.FullName;
        throw new InvalidOperationException("The repository root (AwsContainerInventory.sln) is not above " + AppContext.BaseDirectory);
    }

    private static string RunPython(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "python3 " + string.Join(" ", arguments) + " failed: " + error.Result);
        return output;
    }
}
