using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>The Amazon EC2 call the inventory makes (query protocol, botocore's ec2 2016-11-15 model).</summary>
    internal interface IEc2Client
    {
        /// <summary>
        /// One page of the network interfaces among <paramref name="networkInterfaceIds"/> (at most
        /// <see cref="Ec2Limits.NetworkInterfaceIdsPerCall"/>). Asked by filter, not by id, so an interface that no
        /// longer exists (a stopped task's) is simply absent instead of failing the whole call.
        /// </summary>
        Task<ApiPage<NetworkInterfaceAddresses>> DescribeNetworkInterfacesAsync(IReadOnlyList<string> networkInterfaceIds, string? nextToken, CancellationToken cancellationToken);
    }

    internal static class Ec2Limits
    {
        /// <summary>
        /// Network interface ids per call. EC2 takes at most 200 values in one filter (more is FilterLimitExceeded),
        /// and ids must go in a filter: NetworkInterfaceId.N fails the whole call for one interface that is gone.
        /// </summary>
        public const int NetworkInterfaceIdsPerCall = 200;

        /// <summary>The largest page DescribeNetworkInterfaces returns.</summary>
        public const int MaxResults = 1000;
    }

    /// <summary>A network interface's id and the public IPv4 addresses associated with it (primary and secondary).</summary>
    internal sealed class NetworkInterfaceAddresses
    {
        public NetworkInterfaceAddresses(string networkInterfaceId, IReadOnlyList<string> publicIps)
        {
            NetworkInterfaceId = networkInterfaceId;
            PublicIps = publicIps;
        }

        public string NetworkInterfaceId { get; }
        public IReadOnlyList<string> PublicIps { get; }
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
