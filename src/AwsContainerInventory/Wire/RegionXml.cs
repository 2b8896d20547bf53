using System;
using System.Collections.Generic;
using static AwsContainerInventory.Wire.QueryXml;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// Reads a DescribeRegions answer forward-only (<see cref="QueryXml"/>): asked once per account, an organization's
    /// run asks it hundreds of times in its first second, when an element tree of each answer was the largest part of
    /// what the run allocated.
    /// </summary>
    internal static class RegionXml
    {
        public static IReadOnlyList<Ec2Region> ReadRegions(ArraySegment<byte> body) => Read(body, "DescribeRegions", reader =>
        {
            var regions = new List<Ec2Region>();
            ForEachChild(reader, member =>
            {
                if (IsMember(member, "regionInfo")) ForEachItem(member, item => regions.Add(ReadRegion(item)));
                else member.Skip();
            });
            return regions;
        });

        private static Ec2Region ReadRegion(System.Xml.XmlReader reader)
        {
            string? name = null, optInStatus = null;
            ForEachChild(reader, member =>
            {
                if (name == null && IsMember(member, "regionName")) name = Text(member);
                else if (optInStatus == null && IsMember(member, "optInStatus")) optInStatus = Text(member);
                else member.Skip();
            });
            return new Ec2Region(name ?? throw new FormatException("A region without regionName."), optInStatus);
        }
    }
}
