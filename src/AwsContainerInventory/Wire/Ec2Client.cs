using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace AwsContainerInventory.Wire
{
    /// <summary>Amazon EC2 over its query protocol: what the task public-IP lookup, the reachability analysis and -Region All need.</summary>
    internal sealed class Ec2Client : AwsQueryClient, IEc2Client, IEc2RegionsClient
    {
        public Ec2Client(AwsTransport transport, Uri endpoint, string region, ICredentialProvider credentials, ICallObserver? observer)
            : base("ec2", "2016-11-15", transport, endpoint, region, credentials, observer)
        {
        }

        public Task<ApiPage<NetworkInterfaceAddresses>> DescribeNetworkInterfacesAsync(IReadOnlyList<string> networkInterfaceIds, string? nextToken, CancellationToken cancellationToken) =>
            // Read streaming: the one EC2 answer a task inventory asks for on every 200 interfaces.
            SendReadingBodyAsync("DescribeNetworkInterfaces", FilteredPage("network-interface-id", networkInterfaceIds, Ec2Limits.MaxResults, nextToken),
                NetworkInterfaceXml.ReadPage, cancellationToken);

        public Task<ApiPage<SecurityGroupRules>> DescribeSecurityGroupsAsync(IReadOnlyList<string> groupIds, string? nextToken, CancellationToken cancellationToken) =>
            SendAsync("DescribeSecurityGroups", FilteredPage("group-id", groupIds, Ec2Limits.SecurityGroupsMaxResults, nextToken),
                root => Page(root, "DescribeSecurityGroupsResponse", "securityGroupInfo", ReadSecurityGroup), cancellationToken);

        public Task<ApiPage<RouteTableRoutes>> DescribeRouteTablesAsync(IReadOnlyList<string> vpcIds, string? nextToken, CancellationToken cancellationToken) =>
            SendAsync("DescribeRouteTables", FilteredPage("vpc-id", vpcIds, Ec2Limits.RouteTablesMaxResults, nextToken),
                root => Page(root, "DescribeRouteTablesResponse", "routeTableSet", ReadRouteTable), cancellationToken);

        /// <summary>One filter with the given values, MaxResults (allowed with filters, and it makes the call pageable) and the token.</summary>
        private static List<KeyValuePair<string, string>> FilteredPage(string filterName, IReadOnlyList<string> values, int maxResults, string? nextToken)
        {
            if (values.Count == 0 || values.Count > Ec2Limits.FilterValuesPerCall)
                throw new ArgumentOutOfRangeException(nameof(values), values.Count, "1 to " + Ec2Limits.FilterValuesPerCall + " " + filterName + " values a call.");
            var parameters = new List<KeyValuePair<string, string>>(values.Count + 3) { Parameter("Filter.1.Name", filterName) };
            for (int i = 0; i < values.Count; i++)
                parameters.Add(Parameter("Filter.1.Value." + (i + 1).ToString(CultureInfo.InvariantCulture), values[i]));
            parameters.Add(Parameter("MaxResults", maxResults.ToString(CultureInfo.InvariantCulture)));
            if (nextToken != null) parameters.Add(Parameter("NextToken", nextToken));
            return parameters;
        }

        private static ApiPage<T> Page<T>(XElement root, string responseName, string listName, Func<XElement, T> read)
        {
            if (root.Name.LocalName != responseName)
                throw new FormatException(responseName.Replace("Response", string.Empty) + " answered with <" + root.Name.LocalName + ">.");
            return new ApiPage<T>(ListItems(root, listName).Select(read).ToList(), Child(root, "nextToken")?.Value);
        }

        private static SecurityGroupRules ReadSecurityGroup(XElement item)
        {
            string id = Required(Child(item, "groupId"), "A security group without groupId.");
            var rules = ListItems(item, "ipPermissions").Select(permission => new IngressRule(
                Child(permission, "ipProtocol")?.Value ?? "-1",
                Port(Child(permission, "fromPort")),
                Port(Child(permission, "toPort")),
                Texts(ListItems(permission, "ipRanges").Select(range => Child(range, "cidrIp"))),
                Texts(ListItems(permission, "ipv6Ranges").Select(range => Child(range, "cidrIpv6"))))).ToList();
            return new SecurityGroupRules(id, Child(item, "groupName")?.Value, Child(item, "vpcId")?.Value, rules);
        }

        private static RouteTableRoutes ReadRouteTable(XElement item)
        {
            string id = Required(Child(item, "routeTableId"), "A route table without routeTableId.");
            var associations = ListItems(item, "associationSet")
                // A disassociated (or failed) association no longer decides the subnet's routes.
                .Where(a => Child(Child(a, "associationState"), "state")?.Value is null or "associated")
                .ToList();
            bool main = associations.Any(a => string.Equals(Child(a, "main")?.Value, "true", StringComparison.OrdinalIgnoreCase));
            var routes = ListItems(item, "routeSet").Select(route => new RouteEntry(
                Child(route, "destinationCidrBlock")?.Value,
                Child(route, "destinationIpv6CidrBlock")?.Value,
                Child(route, "gatewayId")?.Value,
                Child(route, "state")?.Value)).ToList();
            return new RouteTableRoutes(id, Child(item, "vpcId")?.Value, main, Texts(associations.Select(a => Child(a, "subnetId"))), routes);
        }

        private static string Required(XElement? element, string problem) =>
            element?.Value is { Length: > 0 } value ? value : throw new FormatException(problem);

        /// <summary>The distinct non-empty texts of the elements, in order.</summary>
        private static IReadOnlyList<string> Texts(IEnumerable<XElement?> elements) =>
            elements.Select(e => e?.Value).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).Distinct(StringComparer.Ordinal).ToList();

        private static int? Port(XElement? element) =>
            int.TryParse(element?.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int port) ? port : (int?)null;
        // ---------------------------------------------------------------- regions (-Region All)

        public Task<IReadOnlyList<Ec2Region>> DescribeRegionsAsync(CancellationToken cancellationToken)
        {
            // AllRegions=false (also the default) leaves out the opt-in regions the account has not enabled.
            var parameters = new[] { Parameter("AllRegions", "false") };
            return SendReadingBodyAsync("DescribeRegions", parameters, RegionXml.ReadRegions, cancellationToken);
        }
    }
}
