using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Wire;

/// <summary>The streaming DescribeRegions reader: each region's name and opt-in status, from its own level only.</summary>
public class RegionXmlTests
{
    private const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private static IReadOnlyList<Ec2Region> Read(string xml) =>
        RegionXml.ReadRegions(PooledBodies.InLargerArray(xml));

    [Fact]
    public void Each_region_keeps_its_name_and_opt_in_status()
    {
        // As EC2 answers AllRegions=false: the enabled regions, opt-in ones among them.
        IReadOnlyList<Ec2Region> regions = Read($@"<?xml version=""1.0"" encoding=""UTF-8""?>
<DescribeRegionsResponse xmlns=""{Namespace}"">
  <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
  <regionInfo>
    <item><regionName>eu-north-1</regionName><regionEndpoint>ec2.eu-north-1.amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required</optInStatus></item>
    <item>
      <regionName>af-south-1</regionName>
      <regionEndpoint>ec2.af-south-1.amazonaws.com</regionEndpoint>
      <optInStatus>opted-in</optInStatus>
    </item>
    <item><regionEndpoint>ec2.us-east-1.amazonaws.com</regionEndpoint><regionName>us-east-1</regionName></item>
  </regionInfo>
</DescribeRegionsResponse>");

        Assert.Equal(new[] { ("eu-north-1", "opt-in-not-required"), ("af-south-1", "opted-in"), ("us-east-1", (string?)null) },
            regions.Select(r => (r.Name, r.OptInStatus)));
    }

    [Fact]
    public void An_empty_region_list_is_no_region()
    {
        Assert.Empty(Read($@"<DescribeRegionsResponse xmlns=""{Namespace}""><requestId>r</requestId><regionInfo/></DescribeRegionsResponse>"));
        Assert.Empty(Read($@"<DescribeRegionsResponse xmlns=""{Namespace}""><requestId>r</requestId></DescribeRegionsResponse>"));
    }

    [Fact]
    public void Another_answer_or_a_region_without_a_name_is_malformed()
    {
        var other = Assert.Throws<FormatException>(() => Read($@"<DescribeAvailabilityZonesResponse xmlns=""{Namespace}""/>"));
        Assert.Equal("DescribeRegions answered with <DescribeAvailabilityZonesResponse>.", other.Message);
        var unnamed = Assert.Throws<FormatException>(() => Read(
            $@"<DescribeRegionsResponse xmlns=""{Namespace}""><regionInfo><item><optInStatus>opted-in</optInStatus></item></regionInfo></DescribeRegionsResponse>"));
        Assert.Equal("A region without regionName.", unnamed.Message);
        Assert.Throws<System.Xml.XmlException>(() => Read($@"<DescribeRegionsResponse xmlns=""{Namespace}""><regionInfo><item>"));
    }
}
