using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// EC2 DescribeRegions: the partition's regions with the caller's account's opt-in status (see
/// <see cref="Estate.SetRegionOptIn"/>). AllRegions=false (the default) lists only the enabled ones (opt-in-not-required
/// and opted-in); RegionName.N and the filters region-name and opt-in-status narrow the list.
/// </summary>
internal sealed partial class Ec2Handler
{
    private static readonly IReadOnlySet<string> RegionFilterNames = new HashSet<string> { "region-name", "opt-in-status", "endpoint" };

    private AwsResponse DescribeRegions(AwsCall call)
    {
        bool all = false, dryRun = false;
        var names = new List<string>();
        var filters = new SortedDictionary<int, (string? Name, List<string> Values)>();
        foreach (var (key, value) in call.Form)
        {
            if (key is "Action" or "Version") continue;
            if (key == "AllRegions") all = ParseBoolean("AllRegions", value);
            else if (key == "DryRun") dryRun = ParseBoolean("DryRun", value);
            else if (RegionNameParameter().IsMatch(key)) names.Add(value);
            else if (RegionFilterParameter().Match(key) is { Success: true } filter)
            {
                int index = int.Parse(filter.Groups[1].ValueSpan);
                var entry = filters.GetValueOrDefault(index, (null, []));
                if (filter.Groups[2].Value == "Name") entry.Name = value;
                else entry.Values.Add(value);
                filters[index] = entry;
            }
            else throw new AwsServiceException(400, "UnknownParameter", $"The parameter {key} is not recognized");
        }
        foreach (var (_, (name, values)) in filters)
        {
            if (name is null || !RegionFilterNames.Contains(name)) throw InvalidParameterValue($"The filter '{name ?? "null"}' is invalid");
            if (values.Count == 0) throw InvalidParameterValue($"The filter '{name}' has no values.");
        }
        if (dryRun) throw new AwsServiceException(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");

        var regions = _estate.RegionsOf(call.AccountId);
        var unknown = names.Where(n => !regions.Any(r => r.Region == n)).ToList();
        if (unknown.Count > 0) throw new AwsServiceException(400, "InvalidParameterValue", $"Invalid region name(s): {string.Join(", ", unknown)}");
        var listed = regions
            .Where(r => all || names.Count > 0 || r.OptInStatus != "not-opted-in")
            .Where(r => names.Count == 0 || names.Contains(r.Region))
            .Where(r => filters.Values.All(f => f.Values.Contains(f.Name switch
            {
                "region-name" => r.Region,
                "opt-in-status" => r.OptInStatus,
                _ => $"ec2.{r.Region}.amazonaws.com",
            })))
            .ToList();

        var body = new StringBuilder($"{AwsWire.XmlDeclaration}<DescribeRegionsResponse xmlns=\"{AwsWire.Ec2Namespace}\"><requestId>{call.RequestId}</requestId><regionInfo>");
        foreach (var (region, status) in listed)
        {
            body.Append("<item><regionName>").Append(SecurityElement.Escape(region)).Append("</regionName><regionEndpoint>ec2.")
                .Append(SecurityElement.Escape(region)).Append(".amazonaws.com</regionEndpoint><optInStatus>").Append(status).Append("</optInStatus></item>");
        }
        body.Append("</regionInfo></DescribeRegionsResponse>");
        return new AwsResponse(200, Encoding.UTF8.GetBytes(body.ToString()), AwsWire.Ec2ContentType);
    }

    [GeneratedRegex(@"^RegionName\.[1-9][0-9]{0,8}$")]
    private static partial Regex RegionNameParameter();

    [GeneratedRegex(@"^Filter\.([1-9][0-9]{0,8})\.(Name|Value\.[1-9][0-9]{0,8})$")]
    private static partial Regex RegionFilterParameter();
}
