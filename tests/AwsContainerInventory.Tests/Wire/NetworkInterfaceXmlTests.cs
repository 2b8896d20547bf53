using System.Xml;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Wire;

/// <summary>The streaming DescribeNetworkInterfaces reader keeps every value the element-tree reader kept, from its own level only.</summary>
public class NetworkInterfaceXmlTests
{
    private const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private static ApiPage<NetworkInterfaceAddresses> Read(string xml) =>
        NetworkInterfaceXml.ReadPage(PooledBodies.InLargerArray(xml));

    [Fact]
    public void An_interface_keeps_its_addresses_groups_subnet_and_vpc_and_the_page_its_token()
    {
        ApiPage<NetworkInterfaceAddresses> page = Read($@"<?xml version=""1.0"" encoding=""UTF-8""?>
<DescribeNetworkInterfacesResponse xmlns=""{Namespace}"">
  <requestId>r-1</requestId>
  <networkInterfaceSet>
    <item>
      <networkInterfaceId>eni-1</networkInterfaceId>
      <subnetId>subnet-1</subnetId>
      <vpcId>vpc-1</vpcId>
      <privateIpAddress>10.0.0.5</privateIpAddress>
      <groupSet>
        <item><groupId>sg-1</groupId><groupName>web</groupName></item>
        <item><groupId>sg-2</groupId><groupName>ssh</groupName></item>
        <item><groupId>sg-1</groupId></item>
      </groupSet>
      <attachment><attachmentId>a-1</attachmentId><status>attached</status></attachment>
      <association><publicIp>54.0.0.1</publicIp><ipOwnerId>amazon</ipOwnerId></association>
      <tagSet><item><key>subnetId</key><value>not-this</value></item></tagSet>
      <privateIpAddressesSet>
        <item><privateIpAddress>10.0.0.5</privateIpAddress><primary>true</primary><association><publicIp>54.0.0.1</publicIp></association></item>
        <item><privateIpAddress>10.0.0.6</privateIpAddress><primary>false</primary><association><publicIp>54.0.0.2</publicIp></association></item>
        <item><privateIpAddress>10.0.0.7</privateIpAddress><primary>false</primary></item>
      </privateIpAddressesSet>
      <ipv6AddressesSet><item><ipv6Address>2600:1f18::1</ipv6Address></item><item><ipv6Address/></item></ipv6AddressesSet>
    </item>
    <item>
      <networkInterfaceId>eni-2</networkInterfaceId>
      <groupSet/>
      <privateIpAddressesSet/>
    </item>
  </networkInterfaceSet>
  <nextToken>page-2</nextToken>
</DescribeNetworkInterfacesResponse>");

        Assert.Equal("page-2", page.NextToken);
        Assert.Equal(2, page.Items.Count);
        NetworkInterfaceAddresses first = page.Items[0];
        Assert.Equal("eni-1", first.NetworkInterfaceId);
        Assert.Equal(new[] { "54.0.0.1", "54.0.0.2" }, first.PublicIps);
        Assert.Equal(new[] { "2600:1f18::1" }, first.Ipv6Addresses);
        Assert.Equal("10.0.0.5", first.PrivateIp);
        Assert.Equal(new[] { "sg-1", "sg-2" }, first.SecurityGroupIds);
        Assert.Equal("subnet-1", first.SubnetId);
        Assert.Equal("vpc-1", first.VpcId);
        NetworkInterfaceAddresses second = page.Items[1];
        Assert.Equal("eni-2", second.NetworkInterfaceId);
        Assert.Empty(second.PublicIps);
        Assert.Empty(second.SecurityGroupIds);
        Assert.Null(second.PrivateIp);
        Assert.Null(second.SubnetId);
    }

    [Fact]
    public void The_primary_association_comes_first_wherever_it_stands_and_a_last_page_has_no_token()
    {
        ApiPage<NetworkInterfaceAddresses> page = Read($@"<DescribeNetworkInterfacesResponse xmlns=""{Namespace}""><networkInterfaceSet><item>
<privateIpAddressesSet><item><association><publicIp>3.3.3.3</publicIp></association></item></privateIpAddressesSet>
<association><publicIp>1.1.1.1</publicIp></association><networkInterfaceId>eni-9</networkInterfaceId>
</item></networkInterfaceSet></DescribeNetworkInterfacesResponse>");

        Assert.Null(page.NextToken);
        Assert.Equal(new[] { "1.1.1.1", "3.3.3.3" }, Assert.Single(page.Items).PublicIps);
    }

    [Fact]
    public void An_empty_set_is_an_empty_page()
    {
        ApiPage<NetworkInterfaceAddresses> page = Read($@"<DescribeNetworkInterfacesResponse xmlns=""{Namespace}""><requestId>r</requestId><networkInterfaceSet/></DescribeNetworkInterfacesResponse>");

        Assert.Empty(page.Items);
        Assert.Null(page.NextToken);
    }

    [Fact]
    public void Another_answer_an_interface_without_id_and_a_cut_body_are_format_failures()
    {
        Assert.Contains("<Response>", Assert.Throws<FormatException>(() => Read("<Response><Errors/></Response>")).Message);
        Assert.Throws<FormatException>(() => Read($@"<DescribeNetworkInterfacesResponse xmlns=""{Namespace}""><networkInterfaceSet><item><subnetId>s</subnetId></item></networkInterfaceSet></DescribeNetworkInterfacesResponse>"));
        Assert.Throws<XmlException>(() => Read($@"<DescribeNetworkInterfacesResponse xmlns=""{Namespace}""><networkInterfaceSet><item><networkInterfaceId>eni-1</networkInterfaceId>"));
    }
}
