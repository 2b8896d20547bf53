using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// Amazon EC2, query protocol (form bodies <c>Action=…&amp;Version=2016-11-15</c>, XML answers in the
/// 2016-11-15 namespace): DescribeNetworkInterfaces with EC2's parameter names, limits, filters, paging and errors.
/// </summary>
internal sealed partial class Ec2Handler(Estate estate, EndpointStats stats) : IServiceHandler
{
    public const string ApiVersion = "2016-11-15";

    /// <summary>
    /// Filter values and ENI ids one DescribeNetworkInterfaces call may carry, together: EC2 answers more than 200
    /// values with FilterLimitExceeded.
    /// </summary>
    public const int MaxValuesPerRequest = 200;

    public static readonly IReadOnlySet<string> Operations = new HashSet<string> { "DescribeNetworkInterfaces", "DescribeSecurityGroups", "DescribeRouteTables", "DescribeRegions" };

    private static readonly IReadOnlySet<string> FilterNames =
        new HashSet<string> { "network-interface-id", "subnet-id", "vpc-id", "association.public-ip" };

    private readonly Estate _estate = estate;
    private readonly EndpointStats _stats = stats;

    public AwsResponse Handle(AwsCall call)
    {
        var version = call.Form.GetValueOrDefault("Version");
        if (version is null)
        {
            throw new AwsServiceException(400, "MissingParameter", "The request must contain the parameter Version");
        }
        if (version != ApiVersion)
        {
            // EC2 accepts older versions with older shapes; the endpoint only knows this one.
            throw new AwsServiceException(400, "InvalidParameterValue",
                $"The scripted endpoint serves EC2 API version {ApiVersion} only, not '{version}'.");
        }

        return call.Operation switch
        {
            "DescribeNetworkInterfaces" => DescribeNetworkInterfaces(call),
            "DescribeSecurityGroups" => DescribeSecurityGroups(call),
            "DescribeRouteTables" => DescribeRouteTables(call),
            "DescribeRegions" => DescribeRegions(call),
            _ => throw InvalidAction(call.Operation),
        };
    }

    public static AwsServiceException InvalidAction(string operation) =>
        new(400, "InvalidAction", $"The action {operation} is not valid for this web service.");

    /// <summary>Call-record facts, read leniently (the handler reports what is wrong).</summary>
    public static (int? MaxResults, int? BatchSize, bool HasNextToken) CallFacts(IReadOnlyDictionary<string, string> form)
    {
        if (form.GetValueOrDefault("Action") is "DescribeSecurityGroups" or "DescribeRouteTables")
        {
            return NetworkCallFacts(form);
        }
        var query = NetworkInterfaceQuery.Parse(form, strict: false);
        var asked = query.AskedIds;
        return (int.TryParse(query.MaxResults, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var max) ? max : null,
            asked > 0 ? asked : null,
            query.NextToken is not null);
    }

    // ---------------------------------------------------------------- DescribeNetworkInterfaces

    private AwsResponse DescribeNetworkInterfaces(AwsCall call)
    {
        var query = NetworkInterfaceQuery.Parse(call.Form, strict: true);
        if (query.ValueCount > MaxValuesPerRequest)
        {
            _stats.BatchLimitViolated();
            throw new AwsServiceException(400, "FilterLimitExceeded",
                $"The maximum number of filter values specified on a single call is {MaxValuesPerRequest}");
        }
        foreach (var filter in query.Filters)
        {
            if (filter.Name is null || !FilterNames.Contains(filter.Name))
            {
                throw InvalidParameterValue($"The filter '{filter.Name ?? "null"}' is invalid");
            }
            if (filter.Values.Count == 0)
            {
                // Not verified against AWS: rejected so that a client's empty batch shows up.
                throw InvalidParameterValue($"The filter '{filter.Name}' has no values.");
            }
        }

        var maxResults = ParseMaxResults(query.MaxResults);
        if (maxResults is not null && query.Ids.Count > 0)
        {
            throw new AwsServiceException(400, "InvalidParameterCombination",
                "The parameter NetworkInterfaceIds cannot be used with the parameter maxResults");
        }
        var dryRun = ParseBoolean("DryRun", query.DryRun);
        ParseBoolean("IncludeManagedResources", query.IncludeManagedResources);  // no ENI here is operator-managed
        foreach (var id in query.Ids)
        {
            if (!NetworkInterfaceIdPattern().IsMatch(id))
            {
                throw new AwsServiceException(400, "InvalidNetworkInterfaceID.Malformed", $"Invalid id: \"{id}\" (expecting \"eni-...\")");
            }
        }

        var queryKey = $"DescribeNetworkInterfaces|{call.AccountId}|{call.Region}|{query.Fingerprint()}";
        if (!PageTokens.TryReadOffset(query.NextToken, queryKey, out var offset))
        {
            throw new AwsServiceException(400, "InvalidPaginationToken", $"Invalid pagination token: {query.NextToken}");
        }
        if (dryRun)
        {
            throw new AwsServiceException(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
        }

        List<byte[]> page;
        int total;
        lock (_estate.SyncRoot)
        {
            var store = _estate.FindRegion(call.AccountId, call.Region)?.NetworkInterfaces;
            var missing = query.Ids.Where(id => store is null || !store.TryGet(id, out _)).Distinct().ToList();
            if (missing.Count > 0)
            {
                throw new AwsServiceException(400, "InvalidNetworkInterfaceID.NotFound", missing.Count == 1
                    ? $"The networkInterface ID '{missing[0]}' does not exist"
                    : $"The networkInterface IDs '{string.Join(", ", missing)}' do not exist");
            }

            IEnumerable<NetworkInterfaceEntry> matching = store?.Items ?? [];
            if (query.Ids.Count > 0)
            {
                var ids = query.Ids.ToHashSet(StringComparer.Ordinal);
                matching = matching.Where(e => ids.Contains(e.Id));
            }
            // Values of one filter are alternatives; all filters must hold.
            foreach (var filter in query.Filters)
            {
                var values = filter.Values.ToHashSet(StringComparer.Ordinal);
                var name = filter.Name;
                matching = matching.Where(e => FilterValue(e, name) is { } value && values.Contains(value));
            }

            var all = matching.ToList();
            total = all.Count;
            page = all.Skip(offset).Take(maxResults ?? int.MaxValue).Select(e => e.ItemXml).ToList();
        }

        var next = PageTokens.Next(offset + page.Count, total, queryKey);
        var body = new ArrayBufferWriter<byte>(256 + page.Sum(p => p.Length));
        Encoding.UTF8.GetBytes(
            $"{AwsWire.XmlDeclaration}<DescribeNetworkInterfacesResponse xmlns=\"{AwsWire.Ec2Namespace}\">" +
            $"<requestId>{call.RequestId}</requestId><networkInterfaceSet>", body);
        foreach (var item in page)
        {
            body.Write(item);
        }
        Encoding.UTF8.GetBytes("</networkInterfaceSet>" + (next is null ? "" : $"<nextToken>{next}</nextToken>") +
            "</DescribeNetworkInterfacesResponse>", body);
        return new AwsResponse(200, body.WrittenMemory, AwsWire.Ec2ContentType);
    }

    private static string? FilterValue(NetworkInterfaceEntry entry, string? filterName) => filterName switch
    {
        "network-interface-id" => entry.Id,
        "subnet-id" => entry.SubnetId,
        "vpc-id" => entry.VpcId,
        "association.public-ip" => entry.PublicIp,
        _ => null,
    };

    private static int? ParseMaxResults(string? text)
    {
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw InvalidParameterValue($"Invalid value '{text}' for maxResults. It must be an integer.");
        }
        if (value is < 5 or > 1000)
        {
            throw InvalidParameterValue($"Value ( {value} ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
        }
        return value;
    }

    private static bool ParseBoolean(string name, string? text) => text?.ToLowerInvariant() switch
    {
        null or "false" => false,
        "true" => true,
        _ => throw InvalidParameterValue($"Invalid value '{text}' for {name}. It must be true or false."),
    };

    private static AwsServiceException InvalidParameterValue(string message) => new(400, "InvalidParameterValue", message);

    [GeneratedRegex("^eni-(?:[0-9a-f]{8}|[0-9a-f]{17})$")]
    private static partial Regex NetworkInterfaceIdPattern();

    /// <summary>
    /// DescribeNetworkInterfaces parameters as EC2 names them on the wire (<c>NetworkInterfaceId.N</c>,
    /// <c>Filter.N.Name</c>, <c>Filter.N.Value.M</c>, …), lists in index order.
    /// </summary>
    private sealed partial record NetworkInterfaceQuery(
        IReadOnlyList<string> Ids,
        IReadOnlyList<(string? Name, IReadOnlyList<string> Values)> Filters,
        string? MaxResults,
        string? NextToken,
        string? DryRun,
        string? IncludeManagedResources)
    {
        private static readonly IReadOnlySet<string> CommonParameters = new HashSet<string>(StringComparer.Ordinal)
        {
            "Action", "Version", "MaxResults", "NextToken", "DryRun", "IncludeManagedResources",
        };

        /// <summary>Filter values plus ids, the count EC2 limits.</summary>
        public int ValueCount => Ids.Count + Filters.Sum(f => f.Values.Count);

        /// <summary>ENI ids asked for, by <c>NetworkInterfaceId.N</c> or the <c>network-interface-id</c> filter.</summary>
        public int AskedIds => Ids.Count + Filters.Where(f => f.Name == "network-interface-id").Sum(f => f.Values.Count);

        /// <param name="strict">When true, a parameter EC2 does not know (e.g. <c>Filters.1.Name</c>) is an <c>UnknownParameter</c> error.</param>
        public static NetworkInterfaceQuery Parse(IReadOnlyDictionary<string, string> form, bool strict)
        {
            var ids = new SortedDictionary<long, string>();
            var names = new SortedDictionary<long, string>();
            var values = new SortedDictionary<long, SortedDictionary<long, string>>();
            foreach (var (key, value) in form)
            {
                if (IdParameter().Match(key) is { Success: true } id)
                {
                    ids[long.Parse(id.Groups[1].ValueSpan, CultureInfo.InvariantCulture)] = value;
                }
                else if (FilterNameParameter().Match(key) is { Success: true } name)
                {
                    names[long.Parse(name.Groups[1].ValueSpan, CultureInfo.InvariantCulture)] = value;
                }
                else if (FilterValueParameter().Match(key) is { Success: true } filterValue)
                {
                    var filter = long.Parse(filterValue.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
                    if (!values.TryGetValue(filter, out var list))
                    {
                        values[filter] = list = [];
                    }
                    list[long.Parse(filterValue.Groups[2].ValueSpan, CultureInfo.InvariantCulture)] = value;
                }
                else if (strict && !CommonParameters.Contains(key))
                {
                    throw new AwsServiceException(400, "UnknownParameter", $"The parameter {key} is not recognized");
                }
            }

            var filters = names.Keys.Union(values.Keys).Order()
                .Select(n => (names.GetValueOrDefault(n), (IReadOnlyList<string>)(values.GetValueOrDefault(n)?.Values.ToList() ?? [])))
                .ToList();
            return new NetworkInterfaceQuery(ids.Values.ToList(), filters,
                form.GetValueOrDefault("MaxResults"), form.GetValueOrDefault("NextToken"),
                form.GetValueOrDefault("DryRun"), form.GetValueOrDefault("IncludeManagedResources"));
        }

        /// <summary>Identifies what is asked, independent of order and page size (binds paging tokens to it).</summary>
        public string Fingerprint()
        {
            var canonical = new StringBuilder();
            canonical.AppendJoin(',', Ids.Order(StringComparer.Ordinal));
            foreach (var (name, values) in Filters.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                canonical.Append('\n').Append(name).Append('=').AppendJoin(',', values.Order(StringComparer.Ordinal));
            }
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))[..32];
        }

        [GeneratedRegex(@"^NetworkInterfaceId\.([1-9][0-9]{0,8})$")]
        private static partial Regex IdParameter();

        [GeneratedRegex(@"^Filter\.([1-9][0-9]{0,8})\.Name$")]
        private static partial Regex FilterNameParameter();

        [GeneratedRegex(@"^Filter\.([1-9][0-9]{0,8})\.Value\.([1-9][0-9]{0,8})$")]
        private static partial Regex FilterValueParameter();
    }
}
