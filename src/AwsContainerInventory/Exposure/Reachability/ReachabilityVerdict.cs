namespace AwsContainerInventory.Exposure.Reachability
{
    internal enum ReachabilityVerdict
    {
        /// <summary>No public address and no load balancer path: nothing to report.</summary>
        NotExposed,

        /// <summary>At least one path from the internet is proven.</summary>
        Reachable,

        /// <summary>The task has a public address, but nothing admits the internet or no route leads in.</summary>
        PublicAddressNotReachable,

        /// <summary>No path is proven and something that could make one could not be read.</summary>
        Unknown,
    }
}
