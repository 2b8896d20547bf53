using System.Collections.Generic;
using System.Text.Json;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Exposure.Reachability
{
    /// <summary>
    /// Told, on worker threads, what Get-ContainerExposure's reachability needs beyond the records: each task and
    /// task definition as the API returned it, and each task network interface as EC2 described it (or that it
    /// could not be described, and why).
    /// </summary>
    internal interface ITaskNetworkObserver
    {
        /// <summary>The task as DescribeTasks answered it, valid only during the call (it points into the answer's pooled document): read what is needed, or Clone it.</summary>
        void OnTask(JsonElement task);

        void OnTaskDefinition(JsonElement taskDefinition);

        void OnNetworkInterface(NetworkInterfaceAddresses networkInterface);

        void OnNetworkInterfacesUnread(IReadOnlyList<string> networkInterfaceIds, string reason);
    }
}
