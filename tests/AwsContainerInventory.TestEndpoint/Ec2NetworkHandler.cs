using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// EC2 DescribeSecurityGroups and DescribeRouteTables: ids (<c>GroupId.N</c>, <c>RouteTableId.N</c>; every one must
/// exist) or filters (values of one filter are alternatives, all filters must hold; at most 200 values a call),
/// MaxResults (5..1000 and 5..100; not with ids) and NextToken paging, as EC2 does.
/// </summary>
internal sealed partial class Ec2Handler
{
    private sealed record NetworkOperation(string Response, string ListName, string IdParameter, string IdMember, int MaxPage,
        string NotFoundCode, Func<NetworkResources, OrderedStore<JsonObject>> Store, IReadOnlyDictionary<string, Func<JsonObject, IEnumerable<string>>> Filters);

    private static readonly NetworkOperation SecurityGroups = new("DescribeSecurityGroupsResponse", "securityGroupInfo", "GroupId", "groupId", 1000,
        "InvalidGroup.NotFound", n => n.SecurityGroups, new Dictionary<string, Func<JsonObject, IEnumerable<string>>>
        {
            ["group-id"] = g => Values(g, "groupId"), ["group-name"] = g => Values(g, "groupName"), ["vpc-id"] = g => Values(g, "vpcId"),
        });

    private static readonly NetworkOperation RouteTables = new("DescribeRouteTablesResponse", "routeTableSet", "RouteTableId", "routeTableId", 100,
        "InvalidRouteTableID.NotFound", n => n.RouteTables, new Dictionary<string, Func<JsonObject, IEnumerable<string>>>
        {
            ["route-table-id"] = t => Values(t, "routeTableId"), ["vpc-id"] = t => Values(t, "vpcId"),
            ["association.subnet-id"] = t => (t["associationSet"] as JsonArray ?? []).Select(a => a?["subnetId"]?.GetValue<string>()).Where(v => v != null).Select(v => v!),
            ["association.main"] = t => (t["associationSet"] as JsonArray ?? []).Select(a => a?["main"] is JsonValue m && m.TryGetValue(out bool main) && main ? "true" : "false"),
        });

    private AwsResponse DescribeSecurityGroups(AwsCall call) => DescribeNetwork(call, SecurityGroups);

    private AwsResponse DescribeRouteTables(AwsCall call) => DescribeNetwork(call, RouteTables);

    private AwsResponse DescribeNetwork(AwsCall call, NetworkOperation operation)
    {
        var (ids, filters) = ParseNetworkQuery(call.Form, operation.IdParameter, strict: true);
        if (ids.Count + filters.Sum(f => f.Values.Count) > MaxValuesPerRequest)
        {
            _stats.BatchLimitViolated();
            throw new AwsServiceException(400, "FilterLimitExceeded", $"The maximum number of filter values specified on a single call is {MaxValuesPerRequest}");
        }
        foreach (var (name, values) in filters)
        {
            if (name is null || !operation.Filters.ContainsKey(name)) throw InvalidParameterValue($"The filter '{name ?? "null"}' is invalid");
            if (values.Count == 0) throw InvalidParameterValue($"The filter '{name}' has no values.");
        }
        int? maxResults = null;
        if (call.Form.GetValueOrDefault("MaxResults") is { } text)
        {
            if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < 5 || value > operation.MaxPage)
            {
                throw InvalidParameterValue($"Value ( {text} ) for parameter maxResults is invalid. Expecting a value between 5 and {operation.MaxPage}.");
            }
            if (ids.Count > 0)
            {
                throw new AwsServiceException(400, "InvalidParameterCombination", $"The parameter {operation.IdParameter}s cannot be used with the parameter maxResults");
            }
            maxResults = value;
        }
        var queryKey = call.Operation + "|" + call.AccountId + "|" + call.Region + "|" + string.Join(",", ids.Order(StringComparer.Ordinal)) + "|"
            + string.Join(";", filters.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => f.Name + "=" + string.Join(",", f.Values.Order(StringComparer.Ordinal))));
        if (!PageTokens.TryReadOffset(call.Form.GetValueOrDefault("NextToken"), queryKey, out var offset))
        {
            throw new AwsServiceException(400, "InvalidPaginationToken", $"Invalid pagination token: {call.Form.GetValueOrDefault("NextToken")}");
        }

        List<byte[]> page;
        int total;
        lock (_estate.SyncRoot)
        {
            var store = operation.Store(_estate.FindRegion(call.AccountId, call.Region)?.Network ?? new NetworkResources());
            var missing = ids.Where(id => !store.TryGet(id, out _)).ToList();
            if (missing.Count > 0)
            {
                throw new AwsServiceException(400, operation.NotFoundCode, $"The {operation.IdMember} '{string.Join(", ", missing)}' does not exist");
            }
            IEnumerable<JsonObject> matching = store.Items;
            if (ids.Count > 0) matching = matching.Where(i => ids.Contains(i[operation.IdMember]!.GetValue<string>()));
            foreach (var (name, values) in filters)
            {
                var of = operation.Filters[name!];
                matching = matching.Where(i => of(i).Any(values.Contains));
            }
            var all = matching.ToList();
            total = all.Count;
            page = all.Skip(offset).Take(maxResults ?? int.MaxValue).Select(Ec2Xml.Item).ToList();
        }

        var next = PageTokens.Next(offset + page.Count, total, queryKey);
        var body = new ArrayBufferWriter<byte>(256 + page.Sum(p => p.Length));
        Encoding.UTF8.GetBytes($"{AwsWire.XmlDeclaration}<{operation.Response} xmlns=\"{AwsWire.Ec2Namespace}\"><requestId>{call.RequestId}</requestId><{operation.ListName}>", body);
        foreach (var item in page) body.Write(item);
        Encoding.UTF8.GetBytes($"</{operation.ListName}>" + (next is null ? "" : $"<nextToken>{next}</nextToken>") + $"</{operation.Response}>", body);
        return new AwsResponse(200, body.WrittenMemory, AwsWire.Ec2ContentType);
    }

    /// <summary>Call-record facts of the two: batch size = ids plus filter values.</summary>
    private static (int? MaxResults, int? BatchSize, bool HasNextToken) NetworkCallFacts(IReadOnlyDictionary<string, string> form)
    {
        var idParameter = form.GetValueOrDefault("Action") == "DescribeSecurityGroups" ? "GroupId" : "RouteTableId";
        var (ids, filters) = ParseNetworkQuery(form, idParameter, strict: false);
        var asked = ids.Count + filters.Sum(f => f.Values.Count);
        return (int.TryParse(form.GetValueOrDefault("MaxResults"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var max) ? max : null,
            asked > 0 ? asked : null, form.ContainsKey("NextToken"));
    }

    private static (List<string> Ids, List<(string? Name, List<string> Values)> Filters) ParseNetworkQuery(IReadOnlyDictionary<string, string> form, string idParameter, bool strict)
    {
        var ids = new SortedDictionary<long, string>();
        var names = new SortedDictionary<long, string>();
        var values = new SortedDictionary<long, SortedDictionary<long, string>>();
        foreach (var (key, value) in form)
        {
            Match match;
            if ((match = IndexedParameter().Match(key)).Success && match.Groups[1].Value == idParameter)
            {
                ids[long.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture)] = value;
            }
            else if ((match = FilterNameParameter2().Match(key)).Success)
            {
                names[long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture)] = value;
            }
            else if ((match = FilterValueParameter2().Match(key)).Success)
            {
                var filter = long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
                if (!values.TryGetValue(filter, out var list)) values[filter] = list = [];
                list[long.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture)] = value;
            }
            else if (strict && key is not ("Action" or "Version" or "MaxResults" or "NextToken" or "DryRun"))
            {
                throw new AwsServiceException(400, "UnknownParameter", $"The parameter {key} is not recognized");
            }
        }
        var filters = names.Keys.Union(values.Keys).Order()
            .Select(n => (names.GetValueOrDefault(n), values.GetValueOrDefault(n)?.Values.ToList() ?? [])).ToList();
        return (ids.Values.ToList(), filters);
    }

    private static IEnumerable<string> Values(JsonObject item, string member) =>
        item[member] is JsonValue v && v.TryGetValue(out string? s) ? [s] : [];

    [GeneratedRegex(@"^(\w+)\.([1-9][0-9]{0,8})$")]
    private static partial Regex IndexedParameter();

    [GeneratedRegex(@"^Filter\.([1-9][0-9]{0,8})\.Name$")]
    private static partial Regex FilterNameParameter2();

    [GeneratedRegex(@"^Filter\.([1-9][0-9]{0,8})\.Value\.([1-9][0-9]{0,8})$")]
    private static partial Regex FilterValueParameter2();
}
