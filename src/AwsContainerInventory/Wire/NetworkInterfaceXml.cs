using System;
using System.Collections.Generic;
using System.IO;
using System.Xml;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// Reads a DescribeNetworkInterfaces answer forward-only from the body's bytes: no string of the whole body and
    /// no element tree (a page of 200 interfaces was both, a few hundred KB a call), only the values
    /// <see cref="NetworkInterfaceAddresses"/> keeps. Members are matched by local name (EC2's XML carries a namespace).
    /// </summary>
    internal static class NetworkInterfaceXml
    {
        private const string ResponseName = "DescribeNetworkInterfacesResponse";
        private const string ListItemName = "item";

        private static readonly XmlReaderSettings Settings = new XmlReaderSettings
        {
            IgnoreWhitespace = true,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };

        public static ApiPage<NetworkInterfaceAddresses> ReadPage(ArraySegment<byte> body)
        {
            using var stream = new MemoryStream(body.Array!, body.Offset, body.Count, writable: false);
            using XmlReader reader = XmlReader.Create(stream, Settings);
            if (reader.MoveToContent() != XmlNodeType.Element)
                throw new XmlException("DescribeNetworkInterfaces answered without an element.");
            if (reader.LocalName != ResponseName)
                throw new FormatException("DescribeNetworkInterfaces answered with <" + reader.LocalName + ">.");
            var interfaces = new List<NetworkInterfaceAddresses>();
            string? nextToken = null;
            ForEachChild(reader, member =>
            {
                if (IsMember(member, "networkInterfaceSet")) ForEachItem(member, item => interfaces.Add(ReadInterface(item)));
                else if (IsMember(member, "nextToken")) nextToken = Text(member);
                else member.Skip();
            });
            return new ApiPage<NetworkInterfaceAddresses>(interfaces, nextToken);
        }

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

        /// <summary>Each <c>&lt;item&gt;</c> of a query-protocol list (the reader on it); other children are skipped.</summary>
        private static void ForEachItem(XmlReader reader, Action<XmlReader> read) => ForEachChild(reader, child =>
        {
            if (child.LocalName == ListItemName) read(child);
            else child.Skip();
        });

        private static bool IsMember(XmlReader reader, string localName) => reader.LocalName == localName;

        /// <summary>
        /// Hands each child element of the element the reader is on to <paramref name="visit"/>, which reads it to its end
        /// (or skips it); the reader ends after the element's end tag.
        /// </summary>
        private static void ForEachChild(XmlReader reader, Action<XmlReader> visit)
        {
            if (reader.IsEmptyElement) { reader.Read(); return; }
            int depth = reader.Depth;
            reader.Read();
            while (reader.Depth > depth)
            {
                if (reader.EOF) throw new XmlException("The answer ended inside <" + reader.LocalName + ">.");
                if (reader.NodeType == XmlNodeType.Element) visit(reader);
                else reader.Read();
            }
            reader.Read(); // the end tag
        }

        /// <summary>The text of the first child named <paramref name="localName"/> (null when absent); the reader ends after the element.</summary>
        private static string? ChildText(XmlReader reader, string localName)
        {
            string? text = null;
            ForEachChild(reader, child =>
            {
                if (text == null && child.LocalName == localName) text = Text(child);
                else child.Skip();
            });
            return text;
        }

        /// <summary>A leaf element's text ("" when empty); the reader ends after the element.</summary>
        private static string Text(XmlReader reader) => reader.ReadElementContentAsString();

        private static void AddDistinct(List<string> values, string? value)
        {
            if (!string.IsNullOrEmpty(value) && !values.Contains(value!)) values.Add(value!);
        }
    }
}
