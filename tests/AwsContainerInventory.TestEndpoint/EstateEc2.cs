using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>EC2 network interfaces, in EC2's wire vocabulary (security groups and route tables are in EstateNetwork.cs).</summary>
public sealed partial class Estate
{
    /// <summary>
    /// Adds (or replaces, by <c>networkInterfaceId</c>) an ENI given in the EC2 wire vocabulary
    /// (see <see cref="AwsShapes.NetworkInterface"/>). It is served only in this account and region.
    /// </summary>
    /// <returns>The ENI id.</returns>
    public string AddNetworkInterface(string accountId, string region, JsonObject networkInterface)
    {
        ArgumentNullException.ThrowIfNull(networkInterface);
        var entry = NetworkInterfaceEntry.Capture(networkInterface);
        lock (_sync)
        {
            Region(accountId, region).NetworkInterfaces.Upsert(entry.Id, entry);
        }
        return entry.Id;
    }

    /// <summary>Adds an ECS task ENI built by <see cref="AwsShapes.NetworkInterface"/>.</summary>
    public string AddNetworkInterface(
        string accountId,
        string region,
        string networkInterfaceId,
        string subnetId,
        string privateIp,
        string? publicIp = null) =>
        AddNetworkInterface(accountId, region,
            AwsShapes.NetworkInterface(accountId, region, networkInterfaceId, subnetId, privateIp, publicIp));

    public JsonObject? GetNetworkInterface(string accountId, string region, string networkInterfaceId)
    {
        lock (_sync)
        {
            return FindRegion(accountId, region) is { } r && r.NetworkInterfaces.TryGet(networkInterfaceId, out var e)
                ? e.ToJsonObject()
                : null;
        }
    }

    /// <summary>Gives an existing ENI a public IP, or takes it away (null). See <see cref="AwsShapes.WithPublicIp"/>.</summary>
    public void SetPublicIp(string accountId, string region, string networkInterfaceId, string? publicIp)
    {
        lock (_sync)
        {
            if (FindRegion(accountId, region)?.NetworkInterfaces is not { } store || !store.TryGet(networkInterfaceId, out var entry))
            {
                throw new InvalidOperationException(
                    $"Network interface '{networkInterfaceId}' does not exist in {accountId}/{region}; add it (or its task) first.");
            }
            store.Upsert(networkInterfaceId,
                NetworkInterfaceEntry.Own(AwsShapes.WithPublicIp(entry.ToJsonObject(), region, publicIp)));
        }
    }

    /// <summary>Removes an ENI (a task's interface that is gone); true when there was one.</summary>
    public bool RemoveNetworkInterface(string accountId, string region, string networkInterfaceId)
    {
        lock (_sync)
        {
            return FindRegion(accountId, region)?.NetworkInterfaces.Remove(networkInterfaceId) == true;
        }
    }
}
