using System.Management.Automation;
using System.Threading.Tasks;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Lists ECS tasks (RUNNING, and STOPPED with -IncludeStopped) with every attribute of the Amazon ECS connector.</summary>
    [Cmdlet(VerbsCommon.Get, "EcsTask")]
    [OutputType(typeof(EcsTask))]
    public sealed class GetEcsTaskCommand : ClusterScopedCmdletBase
    {
        /// <summary>Also lists tasks whose desired status is STOPPED (the connector's fetchStoppedTasks).</summary>
        [Parameter]
        public SwitchParameter IncludeStopped { get; set; }

        /// <summary>
        /// Leaves PublicIpAddresses $null instead of looking up the tasks' network interfaces with
        /// ec2:DescribeNetworkInterfaces (for roles without that permission, or for the fastest listing).
        /// </summary>
        [Parameter]
        public SwitchParameter SkipPublicIp { get; set; }

        private protected override string Activity => "Get-EcsTask";

        private protected override string What => "Reading ECS tasks";

        private protected override Task ReadAsync(InventoryContext context, ClusterSelection clusters) =>
            new TaskReader(context).ReadAsync(clusters, IncludeStopped.IsPresent, !SkipPublicIp.IsPresent);
    }
}
