using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>The Amazon EC2 calls the inventory makes (query protocol, botocore's ec2 2016-11-15 model).</summary>
    internal interface IEc2Client
    {
        /// <summary>
        /// One page of the network interfaces among <paramref name="networkInterfaceIds"/> (at most
        /// <see cref="Ec2Limits.NetworkInterfaceIdsPerCall"/>). Asked by filter, not by id, so an interface that no
        /// longer exists (a stopped task's) is simply absent instead of failing the whole call.
        /// </summary>
        Task<ApiPage<NetworkInterfaceAddresses>> DescribeNetworkInterfacesAsync(IReadOnlyList<string> networkInterfaceIds, string? nextToken, CancellationToken cancellationToken);

        /// <summary>
        /// One page of the security groups among <paramref name="groupIds"/> (at most <see cref="Ec2Limits.FilterValuesPerCall"/>),
        /// asked by the <c>group-id</c> filter so that a group deleted meanwhile is absent instead of failing the call.
        /// </summary>
        Task<ApiPage<SecurityGroupRules>> DescribeSecurityGroupsAsync(IReadOnlyList<string> groupIds, string? nextToken, CancellationToken cancellationToken);

        /// <summary>One page of the route tables of the VPCs <paramref name="vpcIds"/> (the <c>vpc-id</c> filter, at most <see cref="Ec2Limits.FilterValuesPerCall"/>).</summary>
        Task<ApiPage<RouteTableRoutes>> DescribeRouteTablesAsync(IReadOnlyList<string> vpcIds, string? nextToken, CancellationToken cancellationToken);
    }

    internal static class Ec2Limits
    {
        /// <summary>
        /// Network interface ids per call. EC2 takes at most 200 values in one filter (more is FilterLimitExceeded),
        /// and ids must go in a filter: NetworkInterfaceId.N fails the whole call for one interface that is gone.
        /// </summary>
        public const int NetworkInterfaceIdsPerCall = FilterValuesPerCall;

        /// <summary>Values of all filters of one call together: more is FilterLimitExceeded.</summary>
        public const int FilterValuesPerCall = 200;

        /// <summary>The largest page DescribeNetworkInterfaces returns.</summary>
        public const int MaxResults = 1000;

        /// <summary>The largest page DescribeSecurityGroups returns.</summary>
        public const int SecurityGroupsMaxResults = 1000;

        /// <summary>The largest page DescribeRouteTables returns (botocore: 5 to 100).</summary>
        public const int RouteTablesMaxResults = 100;
    }

    /// <summary>
    /// A network interface's id and addresses: the public IPv4 addresses associated with it (primary and secondary),
    /// its IPv6 addresses, primary private IPv4, security groups, subnet and VPC.
    /// </summary>
    internal sealed class NetworkInterfaceAddresses
    {
        public NetworkInterfaceAddresses(string networkInterfaceId, IReadOnlyList<string> publicIps)
            : this(networkInterfaceId, publicIps, Array.Empty<string>(), null, Array.Empty<string>(), null, null)
        {
        }

        public NetworkInterfaceAddresses(string networkInterfaceId, IReadOnlyList<string> publicIps, IReadOnlyList<string> ipv6Addresses,
            string? privateIp, IReadOnlyList<string> securityGroupIds, string? subnetId, string? vpcId)
        {
            NetworkInterfaceId = networkInterfaceId;
            PublicIps = publicIps;
            Ipv6Addresses = ipv6Addresses;
            PrivateIp = privateIp;
            SecurityGroupIds = securityGroupIds;
            SubnetId = subnetId;
            VpcId = vpcId;
        }

        public string NetworkInterfaceId { get; }
        public IReadOnlyList<string> PublicIps { get; }
        public IReadOnlyList<string> Ipv6Addresses { get; }
        public string? PrivateIp { get; }
        public IReadOnlyList<string> SecurityGroupIds { get; }
        public string? SubnetId { get; }
        public string? VpcId { get; }
    }

    /// <summary>A security group and its inbound rules (<c>ipPermissions</c>).</summary>
    internal sealed class SecurityGroupRules
    {
        public SecurityGroupRules(string groupId, string? groupName, string? vpcId, IReadOnlyList<IngressRule> ingress)
        {
            GroupId = groupId;
            GroupName = groupName;
            VpcId = vpcId;
            Ingress = ingress;
        }

        public string GroupId { get; }
        public string? GroupName { get; }
        public string? VpcId { get; }
        public IReadOnlyList<IngressRule> Ingress { get; }

        public override string ToString() => GroupName == null ? GroupId : GroupId + " (" + GroupName + ")";
    }

    /// <summary>
    /// One inbound permission: protocol (<c>-1</c> all, <c>tcp</c>, <c>udp</c>, a number…), port range (null for all
    /// ports) and the IPv4 and IPv6 CIDR ranges it admits. Source groups and prefix lists never stand for the internet.
    /// </summary>
    internal sealed class IngressRule
    {
        public IngressRule(string protocol, int? fromPort, int? toPort, IReadOnlyList<string> ipv4Ranges, IReadOnlyList<string> ipv6Ranges)
        {
            Protocol = protocol;
            FromPort = fromPort;
            ToPort = toPort;
            Ipv4Ranges = ipv4Ranges;
            Ipv6Ranges = ipv6Ranges;
        }

        public string Protocol { get; }
        public int? FromPort { get; }
        public int? ToPort { get; }
        public IReadOnlyList<string> Ipv4Ranges { get; }
        public IReadOnlyList<string> Ipv6Ranges { get; }
    }

    /// <summary>A route table: its VPC, whether it is the VPC's main table, the subnets explicitly associated, and its routes.</summary>
    internal sealed class RouteTableRoutes
    {
        public RouteTableRoutes(string routeTableId, string? vpcId, bool isMain, IReadOnlyList<string> subnetIds, IReadOnlyList<RouteEntry> routes)
        {
            RouteTableId = routeTableId;
            VpcId = vpcId;
            IsMain = isMain;
            SubnetIds = subnetIds;
            Routes = routes;
        }

        public string RouteTableId { get; }
        public string? VpcId { get; }
        public bool IsMain { get; }
        public IReadOnlyList<string> SubnetIds { get; }
        public IReadOnlyList<RouteEntry> Routes { get; }
    }

    /// <summary>One route: its destination (IPv4 or IPv6 CIDR) and the gateway it goes to (<c>igw-…</c>, <c>local</c>, …; null for other targets).</summary>
    internal sealed class RouteEntry
    {
        public RouteEntry(string? destinationIpv4, string? destinationIpv6, string? gatewayId, string? state)
        {
            DestinationIpv4 = destinationIpv4;
            DestinationIpv6 = destinationIpv6;
            GatewayId = gatewayId;
            State = state;
        }

        public string? DestinationIpv4 { get; }
        public string? DestinationIpv6 { get; }
        public string? GatewayId { get; }

        /// <summary><c>active</c> or <c>blackhole</c> (a route whose gateway is gone carries no traffic).</summary>
        public string? State { get; }
    }

    // ---------------------------------------------------------------- regions (-Region All)

    /// <summary>Regions enabled for the caller's account, for -Region All (ec2:DescribeRegions).</summary>
    internal interface IEc2RegionsClient
    {
        /// <summary>
        /// The regions enabled for the account (AllRegions=false: those that need no opt-in and those opted in to),
        /// with their opt-in status.
        /// </summary>
        Task<IReadOnlyList<Ec2Region>> DescribeRegionsAsync(CancellationToken cancellationToken);
    }

    /// <summary>A region as DescribeRegions names it, with its opt-in status (opt-in-not-required, opted-in, not-opted-in).</summary>
    internal sealed class Ec2Region
    {
        public const string NotOptedIn = "not-opted-in";

        public Ec2Region(string name, string? optInStatus)
        {
            Name = name;
            OptInStatus = optInStatus;
        }

        public string Name { get; }
        public string? OptInStatus { get; }

        public bool IsEnabled => OptInStatus != NotOptedIn;
    }
}
