using System.Text.Json.Nodes;

namespace AwsContainerInventory.Tests.Parity;

/// <summary>Compares a recorded request with botocore's serialization of the same operation and parameters.</summary>
public static class RequestComparison
{
    /// <summary>
    /// Headers botocore's serializer does not produce because they are added per attempt, later: signing
    /// (Authorization, X-Amz-Date, X-Amz-Security-Token, X-Amz-Content-Sha256), Date, User-Agent, the connection's
    /// Host and Content-Length, and the retry handler's amz-sdk-invocation-id / amz-sdk-request. Any other header
    /// must be the same on both sides, and one the module sends that botocore does not is a difference.
    /// </summary>
    public static readonly IReadOnlySet<string> NotCompared = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-Sha256",
        "Date", "User-Agent", "Host", "Content-Length", "amz-sdk-invocation-id", "amz-sdk-request",
    };

    /// <summary>Python input for one recorded request.</summary>
    public static JsonObject BotocoreInput(RecordedRequest request, ParityOperation operation) => new()
    {
        ["service"] = operation.BotocoreService,
        ["operation"] = operation.Operation,
        ["body"] = request.BodyText,
    };

    /// <summary>Each way the module's request differs from botocore's answer (empty when they agree).</summary>
    public static List<string> Differences(RecordedRequest request, ParityOperation operation, JsonObject botocore)
    {
        var differences = new List<string>();
        string? protocol = botocore["protocol"]?.GetValue<string>();
        if (protocol != operation.Protocol)
            differences.Add("botocore's " + operation.BotocoreService + " model has protocol " + protocol + ", the table says " + operation.Protocol);
        var unmapped = botocore["unmapped"]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? new List<string>();
        if (unmapped.Count > 0) differences.Add("parameters botocore's input shape has no place for: " + string.Join(", ", unmapped));
        if (botocore["error"] is JsonNode error)
        {
            differences.Add("botocore rejects the parameters: " + error.GetValue<string>().Replace('\n', ' '));
            return differences;
        }

        string method = botocore["method"]!.GetValue<string>(), path = botocore["path"]!.GetValue<string>();
        if (request.Method != method) differences.Add("method " + request.Method + ", botocore " + method);
        if (request.Path != path) differences.Add("path " + request.Path + ", botocore " + path);

        var expected = botocore["headers"]!.AsObject()
            .Where(h => !NotCompared.Contains(h.Key))
            .ToDictionary(h => h.Key, h => h.Value!.GetValue<string>(), StringComparer.OrdinalIgnoreCase);
        var sent = request.Headers.Where(h => !NotCompared.Contains(h.Key)).ToList();
        foreach (var group in sent.GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            string values = string.Join(", ", group.Select(h => h.Value));
            if (!expected.TryGetValue(group.Key, out string? value))
                differences.Add("sends header " + group.Key + ": " + values + "; botocore sends no " + group.Key);
            else if (group.Count() != 1 || group.First().Value != value)
                differences.Add("header " + group.Key + ": " + values + "; botocore " + value);
        }
        foreach (var header in expected.Where(h => !sent.Any(s => string.Equals(s.Key, h.Key, StringComparison.OrdinalIgnoreCase))))
            differences.Add("no header " + header.Key + "; botocore sends " + header.Key + ": " + header.Value);

        if (botocore["form"] is JsonArray form)
        {
            if (request.Form == null)
            {
                differences.Add("a JSON body where botocore sends a form");
                return differences;
            }
            var botocorePairs = form.Select(p => KeyValuePair.Create(p![0]!.GetValue<string>(), p[1]!.GetValue<string>())).ToList();
            var modulePairs = request.Form.ToList();
            foreach (var pair in modulePairs.Except(botocorePairs)) differences.Add("form sends " + pair.Key + "=" + pair.Value + ", botocore does not");
            foreach (var pair in botocorePairs.Except(modulePairs)) differences.Add("form lacks " + pair.Key + "=" + pair.Value + " that botocore sends");
            if (modulePairs.Count != modulePairs.Distinct().Count()) differences.Add("form repeats a key/value pair");
        }
        else
        {
            JsonNode? botocoreBody = JsonNode.Parse(botocore["body"]!.GetValue<string>());
            if (request.Json == null) differences.Add("a form body where botocore sends JSON");
            else if (!JsonNode.DeepEquals(request.Json, botocoreBody))
                differences.Add("body " + request.Json.ToJsonString() + ", botocore " + botocoreBody!.ToJsonString());
        }
        return differences;
    }
}
