using AwsContainerInventory.Exposure.Reachability;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Exposure.Reachability;

/// <summary>Security-group rule matching (protocols, port ranges, -1, IPv4 and IPv6) and route-table selection.</summary>
public class SecurityGroupAndRouteTests
{
    private static IngressRule Rule(string protocol, int? from, int? to, string? v4 = null, string? v6 = null) =>
        new(protocol, from, to, v4 == null ? Array.Empty<string>() : new[] { v4 }, v6 == null ? Array.Empty<string>() : new[] { v6 });

    private static SecurityGroupRules Group(params IngressRule[] rules) => new("sg-1", "web", "vpc-1", rules);

    [Theory]
    [InlineData("tcp", 8000, 8100, "tcp", 8080, true)]
    [InlineData("tcp", 8000, 8100, "tcp", 8101, false)]
    [InlineData("tcp", 443, 443, "udp", 443, false)]
    [InlineData("udp", 53, 53, "udp", 53, true)]
    [InlineData("6", 80, 80, "tcp", 80, true)]
    [InlineData("17", 80, 80, "tcp", 80, false)]
    [InlineData("-1", null, null, "udp", 5000, true)]
    [InlineData("tcp", -1, -1, "tcp", 22, true)]
    [InlineData("icmp", -1, -1, "tcp", 22, false)]
    public void A_rule_admits_a_port_by_protocol_and_range(string protocol, int? from, int? to, string asked, int port, bool admits)
    {
        var group = Group(Rule(protocol, from, to, v4: SecurityGroupMatch.AnyIpv4));

        Assert.Equal(admits, SecurityGroupMatch.Admitting(new[] { group }, SecurityGroupMatch.AnyIpv4, asked, port, port).Count > 0);
    }

    [Fact]
    public void A_published_range_is_admitted_by_any_overlap_and_the_evidence_names_group_rule_and_range()
    {
        var group = Group(Rule("tcp", 9000, 9010, v4: SecurityGroupMatch.AnyIpv4));

        Assert.Equal(new[] { "security group sg-1 (web) admits tcp 9000-9010 from 0.0.0.0/0" },
            SecurityGroupMatch.Admitting(new[] { group }, SecurityGroupMatch.AnyIpv4, "tcp", 8990, 9000));
        Assert.Empty(SecurityGroupMatch.Admitting(new[] { group }, SecurityGroupMatch.AnyIpv4, "tcp", 8000, 8999));
    }

    [Fact]
    public void IPv4_and_IPv6_openings_are_told_apart_and_narrower_ranges_never_count_as_the_internet()
    {
        var ipv6Only = Group(Rule("tcp", 443, 443, v6: SecurityGroupMatch.AnyIpv6));
        var narrow = Group(Rule("tcp", 443, 443, v4: "10.0.0.0/8"), Rule("-1", null, null, v4: "203.0.113.0/24"));

        Assert.Empty(SecurityGroupMatch.Admitting(new[] { ipv6Only }, SecurityGroupMatch.AnyIpv4, "tcp", 443, 443));
        Assert.Single(SecurityGroupMatch.Admitting(new[] { ipv6Only }, SecurityGroupMatch.AnyIpv6, "tcp", 443, 443));
        Assert.Empty(SecurityGroupMatch.Admitting(new[] { narrow }, SecurityGroupMatch.AnyIpv4, "tcp", 443, 443));
        Assert.Empty(SecurityGroupMatch.AdmittingAllTraffic(new[] { narrow }, SecurityGroupMatch.AnyIpv4));
    }

    [Fact]
    public void All_traffic_is_only_protocol_minus_one()
    {
        var group = Group(Rule("-1", null, null, v4: SecurityGroupMatch.AnyIpv4), Rule("tcp", 0, 65535, v6: SecurityGroupMatch.AnyIpv6));

        Assert.Equal(new[] { "security group sg-1 (web) admits all traffic from 0.0.0.0/0" }, SecurityGroupMatch.AdmittingAllTraffic(new[] { group }, SecurityGroupMatch.AnyIpv4));
        Assert.Empty(SecurityGroupMatch.AdmittingAllTraffic(new[] { group }, SecurityGroupMatch.AnyIpv6));
    }

    private static RouteTableRoutes Table(string id, bool main, string[] subnets, params RouteEntry[] routes) => new(id, "vpc-1", main, subnets, routes);

    private static RouteEntry Local => new("10.0.0.0/16", null, "local", "active");

    [Fact]
    public void A_subnets_explicit_association_wins_over_the_main_table()
    {
        var main = Table("rtb-main", true, Array.Empty<string>(), Local, new RouteEntry("0.0.0.0/0", null, "igw-1", "active"));
        var privateTable = Table("rtb-private", false, new[] { "subnet-private" }, Local);

        Assert.Same(privateTable, RouteSelection.TableFor("subnet-private", "vpc-1", new[] { main, privateTable }, out string how));
        Assert.Equal("explicit association of subnet-private", how);
        Assert.Null(RouteSelection.InternetRoute(privateTable, ipv6: false));

        Assert.Same(main, RouteSelection.TableFor("subnet-other", "vpc-1", new[] { main, privateTable }, out how));
        Assert.Equal("main table of vpc-1", how);
        Assert.Equal("igw-1", RouteSelection.InternetRoute(main, ipv6: false)!.GatewayId);
        Assert.Null(RouteSelection.TableFor("subnet-x", "vpc-2", new[] { main, privateTable }, out _));
    }

    [Fact]
    public void Only_an_active_default_route_to_an_internet_gateway_of_the_family_leads_in()
    {
        var ipv6 = Table("rtb-6", true, Array.Empty<string>(), new RouteEntry(null, "::/0", "igw-6", "active"));
        var egressOnly = Table("rtb-e", true, Array.Empty<string>(), new RouteEntry(null, "::/0", null, "active"), new RouteEntry("0.0.0.0/0", null, "nat-1", "active"));
        var blackhole = Table("rtb-b", true, Array.Empty<string>(), new RouteEntry("0.0.0.0/0", null, "igw-gone", "blackhole"));
        var narrow = Table("rtb-n", true, Array.Empty<string>(), new RouteEntry("198.51.100.0/24", null, "igw-1", "active"));

        Assert.Equal("igw-6", RouteSelection.InternetRoute(ipv6, ipv6: true)!.GatewayId);
        Assert.Null(RouteSelection.InternetRoute(ipv6, ipv6: false));
        Assert.Null(RouteSelection.InternetRoute(egressOnly, ipv6: true));
        Assert.Null(RouteSelection.InternetRoute(egressOnly, ipv6: false));
        Assert.Null(RouteSelection.InternetRoute(blackhole, ipv6: false));
        Assert.Null(RouteSelection.InternetRoute(narrow, ipv6: false));
    }
}
