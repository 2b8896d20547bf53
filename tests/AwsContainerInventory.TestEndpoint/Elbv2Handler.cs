using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// Elastic Load Balancing v2, query protocol (form bodies <c>Action=…&amp;Version=2015-12-01</c>, XML answers in the
/// elbv2 namespace, lists as <c>member</c> elements, errors as STS's <c>ErrorResponse</c>): DescribeLoadBalancers,
/// DescribeTargetGroups, DescribeListeners, DescribeRules (Marker/PageSize paging, 1..400) and DescribeTargetHealth,
/// with the API's not-found errors. Parameters the operation does not take are a ValidationError, so a client
/// that sends a wrong name shows up.
/// </summary>
internal sealed partial class Elbv2Handler(Estate estate) : IServiceHandler
{
    public const string ApiVersion = "2015-12-01";

    public static readonly IReadOnlySet<string> Operations = new HashSet<string>
    {
        "DescribeLoadBalancers", "DescribeTargetGroups", "DescribeListeners", "DescribeRules", "DescribeTargetHealth",
    };

    private static readonly Dictionary<string, string[]> Parameters = new()
    {
        ["DescribeLoadBalancers"] = ["LoadBalancerArns", "Names", "Marker", "PageSize"],
        ["DescribeTargetGroups"] = ["LoadBalancerArn", "TargetGroupArns", "Names", "Marker", "PageSize"],
        ["DescribeListeners"] = ["LoadBalancerArn", "ListenerArns", "Marker", "PageSize"],
        ["DescribeRules"] = ["ListenerArn", "RuleArns", "Marker", "PageSize"],
        ["DescribeTargetHealth"] = ["TargetGroupArn", "Targets", "Include"],
    };

    private readonly Estate _estate = estate;

    public AwsResponse Handle(AwsCall call)
    {
        if (call.Form.GetValueOrDefault("Version") != ApiVersion)
        {
            throw new AwsServiceException(400, "InvalidAction", $"Could not find operation {call.Operation} for version {call.Form.GetValueOrDefault("Version")}");
        }
        foreach (var key in call.Form.Keys.Where(k => k is not ("Action" or "Version")))
        {
            var name = key.Split('.')[0];
            if (!Parameters[call.Operation].Contains(name))
            {
                throw Validation($"Unrecognized parameter '{key}' for {call.Operation}.");
            }
        }
        lock (_estate.SyncRoot)
        {
            var network = _estate.FindRegion(call.AccountId, call.Region)?.Network ?? new NetworkResources();
            return call.Operation switch
            {
                "DescribeLoadBalancers" => Page(call, "LoadBalancers", Select(network.LoadBalancers, "LoadBalancerArn", List(call, "LoadBalancerArns"),
                    "LoadBalancerNotFound", "One or more load balancers not found", Names(call, "LoadBalancerName"))),
                "DescribeTargetGroups" => Page(call, "TargetGroups", TargetGroups(call, network)),
                "DescribeListeners" => Page(call, "Listeners", Listeners(call, network)),
                "DescribeRules" => Page(call, "Rules", Rules(call, network)),
                _ => TargetHealth(call, network),
            };
        }
    }

    private static List<JsonObject> TargetGroups(AwsCall call, NetworkResources network)
    {
        var groups = Select(network.TargetGroups, "TargetGroupArn", List(call, "TargetGroupArns"), "TargetGroupNotFound",
            "One or more target groups not found", Names(call, "TargetGroupName"));
        if (call.Form.GetValueOrDefault("LoadBalancerArn") is { } balancer)
        {
            RequireBalancer(network, balancer);
            groups = groups.Where(g => (g["LoadBalancerArns"] as JsonArray ?? []).Any(a => a?.GetValue<string>() == balancer)).ToList();
        }
        return groups;
    }

    private static List<JsonObject> Listeners(AwsCall call, NetworkResources network)
    {
        var balancer = call.Form.GetValueOrDefault("LoadBalancerArn");
        var arns = List(call, "ListenerArns");
        if (balancer is null && arns.Count == 0)
        {
            throw Validation("You must specify either listener ARNs or a load balancer ARN");
        }
        if (balancer is not null) RequireBalancer(network, balancer);
        return Select(network.Listeners, "ListenerArn", arns, "ListenerNotFound", "One or more listeners not found", null)
            .Where(l => balancer is null || l["LoadBalancerArn"]?.GetValue<string>() == balancer).ToList();
    }

    private static List<JsonObject> Rules(AwsCall call, NetworkResources network)
    {
        var listener = call.Form.GetValueOrDefault("ListenerArn");
        var arns = List(call, "RuleArns");
        if (listener is null && arns.Count == 0)
        {
            throw Validation("You must specify either listener rule ARNs or a listener ARN");
        }
        if (listener is not null && !network.Listeners.TryGet(listener, out _))
        {
            throw new AwsServiceException(400, "ListenerNotFound", "One or more listeners not found");
        }
        // Every listener has its default rule, as in AWS: the listener's default actions.
        var rules = Select(network.Rules, "RuleArn", arns, "RuleNotFound", "One or more rules not found", null)
            .Where(r => listener is null || r["ListenerArn"]?.GetValue<string>() == listener)
            .OrderBy(r => r["Priority"]?.GetValue<string>() is { } p && int.TryParse(p, out var n) ? n : int.MaxValue).ToList();
        if (listener is not null && arns.Count == 0 && network.Listeners.TryGet(listener, out var owner))
        {
            rules.Add(new JsonObject
            {
                ["RuleArn"] = listener.Replace(":listener/", ":listener-rule/", StringComparison.Ordinal) + "/default", ["Priority"] = "default",
                ["Conditions"] = new JsonArray(), ["Actions"] = owner["DefaultActions"]?.DeepClone(), ["IsDefault"] = true,
            });
        }
        return rules.Select(r => { var copy = r.DeepClone().AsObject(); copy.Remove("ListenerArn"); return copy; }).ToList();
    }

    private static AwsResponse TargetHealth(AwsCall call, NetworkResources network)
    {
        var group = call.Form.GetValueOrDefault("TargetGroupArn") ?? throw Validation("TargetGroupArn is required");
        if (!network.TargetGroups.TryGet(group, out _))
        {
            throw new AwsServiceException(400, "TargetGroupNotFound", $"Target groups '{group}' not found");
        }
        var targets = network.TargetHealth.TryGetValue(group, out var health) ? health.Select(t => t!.AsObject()).ToList() : [];
        return Respond(call, "TargetHealthDescriptions", targets, null);
    }

    private static void RequireBalancer(NetworkResources network, string arn)
    {
        if (!network.LoadBalancers.TryGet(arn, out _))
        {
            throw new AwsServiceException(400, "LoadBalancerNotFound", "One or more load balancers not found");
        }
    }

    /// <summary>All items, or those asked for by ARN (every one must exist) or by name.</summary>
    private static List<JsonObject> Select(OrderedStore<JsonObject> store, string key, List<string> arns, string notFoundCode, string notFound,
        (string Member, List<string> Values)? names)
    {
        if (arns.Count > 0 && names is { Values.Count: > 0 })
        {
            throw Validation("ARNs and names cannot be given together");
        }
        if (arns.Count > 0)
        {
            return arns.Select(arn => store.TryGet(arn, out var item) ? item : throw new AwsServiceException(400, notFoundCode, notFound)).ToList();
        }
        if (names is { Values.Count: > 0 } byName)
        {
            return byName.Values.Select(name => store.Items.FirstOrDefault(i => i[byName.Member]?.GetValue<string>() == name)
                ?? throw new AwsServiceException(400, notFoundCode, notFound)).ToList();
        }
        return store.Items.ToList();
    }

    private static AwsResponse Page(AwsCall call, string listName, List<JsonObject> items)
    {
        var pageSize = 400;
        if (call.Form.GetValueOrDefault("PageSize") is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 400))
        {
            throw Validation($"1 validation error detected: Value '{text}' at 'pageSize' failed to satisfy constraint: Member must have value between 1 and 400");
        }
        var queryKey = call.Operation + "|" + call.AccountId + "|" + call.Region + "|" + string.Join(",",
            call.Form.Where(p => p.Key is not ("Marker" or "PageSize")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        if (!PageTokens.TryReadOffset(call.Form.GetValueOrDefault("Marker"), queryKey, out var offset))
        {
            throw Validation("The marker provided is not valid");
        }
        var page = items.Skip(offset).Take(pageSize).ToList();
        return Respond(call, listName, page, PageTokens.Next(offset + page.Count, items.Count, queryKey));
    }

    private static AwsResponse Respond(AwsCall call, string listName, IEnumerable<JsonObject> items, string? nextMarker)
    {
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = new UTF8Encoding(false) };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            writer.WriteStartElement(call.Operation + "Response", AwsWire.Elbv2Namespace);
            writer.WriteStartElement(call.Operation + "Result");
            writer.WriteStartElement(listName);
            foreach (var item in items)
            {
                writer.WriteStartElement("member");
                QueryXml.WriteMembers(writer, item, "member");
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
            if (nextMarker is not null) writer.WriteElementString("NextMarker", nextMarker);
            writer.WriteEndElement();
            writer.WriteStartElement("ResponseMetadata");
            writer.WriteElementString("RequestId", call.RequestId);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        return new AwsResponse(200, buffer.ToArray(), AwsWire.XmlContentType);
    }

    /// <summary>A query-protocol list (<c>Name.member.N</c>), in index order.</summary>
    private static List<string> List(AwsCall call, string name) =>
        call.Form.Select(p => (Match: MemberPattern().Match(p.Key), p.Value))
            .Where(x => x.Match.Success && x.Match.Groups[1].Value == name)
            .OrderBy(x => int.Parse(x.Match.Groups[2].ValueSpan, CultureInfo.InvariantCulture))
            .Select(x => x.Value).ToList();

    private static (string, List<string>) Names(AwsCall call, string member) => (member, List(call, "Names"));

    private static AwsServiceException Validation(string message) => new(400, "ValidationError", message);

    [GeneratedRegex(@"^(\w+)\.member\.([1-9][0-9]{0,4})$")]
    private static partial Regex MemberPattern();
}
