using System;
using System.Collections.Generic;
using System.Xml;
using static AwsContainerInventory.Wire.QueryXml;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// Reads a DescribeNetworkInterfaces answer forward-only (<see cref="QueryXml"/>): no string of the whole body and
    /// no element tree (a page of 200 interfaces was both, a few hundred KB a call), only the values
    /// <see cref="NetworkInterfaceAddresses"/> keeps.
    /// </summary>
    internal static class NetworkInterfaceXml
    {
        public static ApiPage<NetworkInterfaceAddresses> ReadPage(ArraySegment<byte> body) => QueryXml.Read(body, "DescribeNetworkInterfaces", reader =>
        {
            var interfaces = new List<NetworkInterfaceAddresses>();
            string? nextToken = null;
            ForEachChild(reader, member =>
            {
                if (IsMember(member, "networkInterfaceSet")) ForEachItem(member, item => interfaces.Add(ReadInterface(item)));
                else if (IsMember(member, "nextToken")) nextToken = Text(member);
                else member.Skip();
            });
            return new ApiPage<NetworkInterfaceAddresses>(interfaces, nextToken);
        });

        /// <summary>One <c>&lt;item&gt;</c> of the set; the reader ends after it.</summary>
        private static NetworkInterfaceAddresses ReadInterface(XmlReader reader)
        {
            string? id = null, privateIp = null, subnetId = null, vpcId = null, primaryPublicIp = null;
            var secondaryPublicIps = new List<string>();
            var ipv6 = new List<string>();
            var groups = new List<string>();
            ForEachChild(reader, member =>
            {
                if (IsMember(member, "networkInterfaceId")) id = Text(member);
                else if (IsMember(member, "privateIpAddress")) privateIp = Text(member);
                else if (IsMember(member, "subnetId")) subnetId = Text(member);
                else if (IsMember(member, "vpcId")) vpcId = Text(member);
                // The primary address's association is repeated on the interface itself; secondary addresses only in the set.
                else if (IsMember(member, "association")) primaryPublicIp = ChildText(member, "publicIp");
                else if (IsMember(member, "privateIpAddressesSet"))
                    ForEachItem(member, address => ForEachChild(address, child =>
                    {
                        if (IsMember(child, "association")) AddDistinct(secondaryPublicIps, ChildText(child, "publicIp"));
                        else child.Skip();
                    }));
                else if (IsMember(member, "ipv6AddressesSet")) ForEachItem(member, address => AddDistinct(ipv6, ChildText(address, "ipv6Address")));
                else if (IsMember(member, "groupSet")) ForEachItem(member, group => AddDistinct(groups, ChildText(group, "groupId")));
                else member.Skip();
            });
            if (string.IsNullOrEmpty(id)) throw new FormatException("A network interface without networkInterfaceId.");
            var publicIps = new List<string>(secondaryPublicIps.Count + 1);
            AddDistinct(publicIps, primaryPublicIp);
            foreach (string ip in secondaryPublicIps) AddDistinct(publicIps, ip);
            return new NetworkInterfaceAddresses(id!, publicIps, ipv6, privateIp, groups, subnetId, vpcId);
        }

        private static void AddDistinct(List<string> values, string? value)
        {
            if (!string.IsNullOrEmpty(value) && !values.Contains(value!)) values.Add(value!);
        }
    }
}
