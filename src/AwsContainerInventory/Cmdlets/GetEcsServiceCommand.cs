using System.Management.Automation;
using System.Threading.Tasks;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Lists ECS services with every attribute of the Amazon ECS connector.</summary>
    [Cmdlet(VerbsCommon.Get, "EcsService")]
    [OutputType(typeof(EcsService))]
    public sealed class GetEcsServiceCommand : ClusterScopedCmdletBase
    {
        private protected override string Activity => "Get-EcsService";

        private protected override string What => "Reading ECS services";

        private protected override Task ReadAsync(InventoryContext context, ClusterSelection clusters) =>
            new ServiceReader(context).ReadAsync(clusters);
    }
}
