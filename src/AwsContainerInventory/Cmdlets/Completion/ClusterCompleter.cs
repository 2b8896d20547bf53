using System.Threading.Tasks;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Completes live ECS cluster names (-Cluster, Get-EcsCluster -Name).</summary>
    public sealed class ClusterCompleter : LiveNameCompleter
    {
        private protected override string Kind => "clusters";

        private protected override Task ReadAsync(NameReader names) => names.ListClusterNamesAsync();
    }
}
