using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace AwsContainerInventory.Wire
{
    /// <summary>Amazon EC2 over its query protocol: only what the task public-IP lookup needs.</summary>
    internal sealed class Ec2Client : AwsQueryClient, IEc2Client, IEc2RegionsClient
    {
        public Ec2Client(AwsTransport transport, Uri endpoint, string region, ICredentialProvider credentials, ICallObserver? observer)
            : base("ec2", "2016-11-15", transport, endpoint, region, credentials, observer)
        {
        }

        public Task<ApiPage<NetworkInterfaceAddresses>> DescribeNetworkInterfacesAsync(IReadOnlyList<string> networkInterfaceIds, string? nextToken, CancellationToken cancellationToken)
        {
            if (networkInterfaceIds.Count == 0 || networkInterfaceIds.Count > Ec2Limits.NetworkInterfaceIdsPerCall)
                throw new ArgumentOutOfRangeException(nameof(networkInterfaceIds), networkInterfaceIds.Count, "1 to " + Ec2Limits.NetworkInterfaceIdsPerCall + " network interface ids a call.");
            var parameters = new List<KeyValuePair<string, string>>(networkInterfaceIds.Count + 3)
            {
                Parameter("Filter.1.Name", "network-interface-id"),
            };
            for (int i = 0; i < networkInterfaceIds.Count; i++)
                parameters.Add(Parameter("Filter.1.Value." + (i + 1).ToString(CultureInfo.InvariantCulture), networkInterfaceIds[i]));
            // MaxResults is allowed with filters (not with NetworkInterfaceId.N) and makes the call pageable.
            parameters.Add(Parameter("MaxResults", Ec2Limits.MaxResults.ToString(CultureInfo.InvariantCulture)));
            if (nextToken != null) parameters.Add(Parameter("NextToken", nextToken));
            return SendAsync("DescribeNetworkInterfaces", parameters, root =>
            {
                if (root.Name.LocalName != "DescribeNetworkInterfacesResponse")
                    throw new FormatException("DescribeNetworkInterfaces answered with <" + root.Name.LocalName + ">.");
                var interfaces = ListItems(root, "networkInterfaceSet").Select(ReadInterface).ToList();
                return new ApiPage<NetworkInterfaceAddresses>(interfaces, Child(root, "nextToken")?.Value);
            }, cancellationToken);
        }

        private static NetworkInterfaceAddresses ReadInterface(XElement item)
        {
            string id = Child(item, "networkInterfaceId")?.Value ?? throw new FormatException("A network interface without networkInterfaceId.");
            // The primary address's association is repeated on the interface itself; secondary addresses only in the set.
            var publicIps = new[] { Child(item, "association") }
                .Concat(ListItems(item, "privateIpAddressesSet").Select(address => Child(address, "association")))
                .Select(association => Child(association, "publicIp")?.Value)
                .Where(ip => !string.IsNullOrEmpty(ip))
                .Select(ip => ip!)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            return new NetworkInterfaceAddresses(id, publicIps);
        }

        // ---------------------------------------------------------------- regions (-Region All)

        public Task<IReadOnlyList<Ec2Region>> DescribeRegionsAsync(CancellationToken cancellationToken)
        {
            // AllRegions=false (also the default) leaves out the opt-in regions the account has not enabled.
            var parameters = new[] { Parameter("AllRegions", "false") };
            return SendAsync("DescribeRegions", parameters, root =>
            {
                if (root.Name.LocalName != "DescribeRegionsResponse")
                    throw new FormatException("DescribeRegions answered with <" + root.Name.LocalName + ">.");
                IReadOnlyList<Ec2Region> regions = ListItems(root, "regionInfo")
                    .Select(item => new Ec2Region(Child(item, "regionName")?.Value ?? throw new FormatException("A region without regionName."),
                        Child(item, "optInStatus")?.Value))
                    .ToList();
                return regions;
            }, cancellationToken);
        }
    }
}
