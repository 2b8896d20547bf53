using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.Tests.Parity;

/// <summary>
/// Every response member the module reads is named in botocore's output shape for that operation, so a misspelt
/// or invented member (always null on the real service) cannot hide behind fakes written beside the code.
/// </summary>
public sealed class ResponseMemberTests
{
    // The calls that read a response member by name: ApiValues/JsonWire helpers and XML lookups with a literal second
    // argument, TryGetProperty("…"), ListAsync("Operation", "member").
    private static readonly Regex MemberRead = new(
        @"\b(?:ApiValues\.|JsonWire\.)?(?:String|Int|Bool|Time|Strings|Objects|Member|Members|Path|Array|StringArray|ReadDescribe|Child|Children|ListItems|Descendant|IsMember|ChildText)\(\s*[\w.!]+\s*,\s*""(?<name>[^""]+)""" +
        @"|\bTryGetProperty\(\s*""(?<name>[^""]+)""|\bListAsync\(\s*""\w+""\s*,\s*""(?<name>[^""]+)""|\bValue\(\s*""(?<name>[^""]+)""\s*\)");

    private static string SourceRoot => Path.Combine(Botocore.RepositoryRoot, "src", "AwsContainerInventory");

    [Fact]
    public void Every_member_read_is_in_botocores_output_shape()
    {
        var items = ResponseMemberReads.All.SelectMany(r => r.Paths.Select(p => (Reads: r, Path: p))).ToList();

        JsonArray answers = Botocore.Run("output-members", new JsonArray(items.Select(i => (JsonNode)new JsonObject
        {
            ["service"] = i.Reads.Service, ["operation"] = i.Reads.Operation, ["path"] = i.Path,
        }).ToArray()));

        var missing = items.Select((item, n) => (item, answer: answers[n]!.AsObject()))
            .Where(x => !x.answer["found"]!.GetValue<bool>())
            .Select(x => x.item.Reads.File + ": " + x.item.Reads.Service + " " + x.item.Reads.Operation + " " + x.item.Path + ": " + x.answer["detail"])
            .ToList();
        Assert.True(missing.Count == 0, "Not in botocore's output shapes:\n" + string.Join("\n", missing));
        Assert.True(items.Count > 100, "the table should list every member read");
    }

    [Fact]
    public void A_misspelt_member_or_a_list_read_as_an_object_is_not_found()
    {
        JsonArray answers = Botocore.Run("output-members", new JsonArray(
            new JsonObject { ["service"] = "ecs", ["operation"] = "DescribeTasks", ["path"] = "tasks[].taskArnn" },
            new JsonObject { ["service"] = "ecs", ["operation"] = "DescribeTasks", ["path"] = "tasks.taskArn" },
            new JsonObject { ["service"] = "ec2", ["operation"] = "DescribeNetworkInterfaces", ["path"] = "NetworkInterfaces[].NetworkInterfaceId" },
            new JsonObject { ["service"] = "ec2", ["operation"] = "DescribeNetworkInterfaces", ["path"] = "networkInterfaceSet[].networkInterfaceId" }));

        Assert.Equal(new[] { false, false, true, true }, answers.Select(a => a!["found"]!.GetValue<bool>()));
        Assert.Contains("'taskArnn' is not a member of Task", answers[0]!["detail"]!.GetValue<string>());
    }

    /// <summary>The table is complete: each member name the source reads is in its file's rows, and each row's member is read there.</summary>
    [Fact]
    public void The_table_lists_every_member_the_source_reads()
    {
        var problems = new List<string>();
        var files = Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(SourceRoot, f).Replace('\\', '/'))
            // Policy/ reads IAM policy documents (policyText), not response shapes.
            // Policy documents and the embedded endpoint rule sets are JSON too, but no AWS response.
            .Where(f => !f.StartsWith("obj/") && !f.StartsWith("bin/") && !f.StartsWith("Policy/") && !f.StartsWith("Wire/Endpoints/"));
        foreach (string file in files)
        {
            var names = MemberRead.Matches(File.ReadAllText(Path.Combine(SourceRoot, file))).Select(m => m.Groups["name"].Value).Distinct().ToList();
            var paths = ResponseMemberReads.All.Where(r => r.File == file).SelectMany(r => r.Paths).Select(p => "." + p.Replace("[]", "") + ".").ToList();
            foreach (string name in names.Where(n => !paths.Any(p => p.Contains("." + n + ".", StringComparison.Ordinal))))
                problems.Add(file + " reads \"" + name + "\", which no row of the table lists for that file");
            var readSegments = names.SelectMany(n => n.Split('.')).ToHashSet();
            foreach (string path in paths.Where(p => !readSegments.Contains(p.Trim('.').Split('.').Last())))
                problems.Add(file + ": the table lists " + path.Trim('.') + ", but the file does not read \"" + path.Trim('.').Split('.').Last() + "\"");
        }
        foreach (string file in ResponseMemberReads.All.Select(r => r.File).Distinct().Where(f => !File.Exists(Path.Combine(SourceRoot, f))))
            problems.Add("the table names " + file + ", which does not exist");

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
