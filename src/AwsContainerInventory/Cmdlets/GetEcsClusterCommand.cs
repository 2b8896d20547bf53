using System.Management.Automation;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Lists ECS clusters with every attribute of the Amazon ECS connector, across the session's roles and regions.</summary>
    [Cmdlet(VerbsCommon.Get, "EcsCluster")]
    [OutputType(typeof(EcsCluster))]
    public sealed class GetEcsClusterCommand : InventoryCmdletBase
    {
        private NameFilter _names = new NameFilter(null);

        /// <summary>Cluster names or ARNs; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        private protected override string Activity => "Get-EcsCluster";

        protected override void ProcessRecord()
        {
            _names = new NameFilter(Name);
            Plan.ForEachScope("Reading ECS clusters", (scope, token) => EcsInventory.ReadClustersAsync(scope, _names, Run, Session, token),
                unread: _names.MarkUnread);
            Run.DrainAvailable(this);
        }

        private protected override void ReportNotFound()
        {
            foreach (string name in _names.UnmatchedLiterals)
                WriteError(InventoryErrors.NotFound("EcsClusterNotFound", "ECS cluster", name, Where));
        }
    }
}
