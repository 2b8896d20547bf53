using System.Management.Automation;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Lists ECS clusters with every attribute of the Amazon ECS connector, across the session's roles and regions.</summary>
    [Cmdlet(VerbsCommon.Get, "EcsCluster")]
    [OutputType(typeof(EcsCluster))]
    public sealed class GetEcsClusterCommand : NamedResourceCmdletBase
    {
        /// <summary>Cluster names or ARNs; wildcards allowed; from the pipeline as strings or by property name.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ClusterCompleter))]
        public string[]? Name { get; set; }

        private protected override string Activity => "Get-EcsCluster";

        private protected override string[]? BoundNames => Name;

        private protected override string Noun => "ECS cluster";

        private protected override string NotFoundErrorId => "EcsClusterNotFound";

        private protected override void StartReading(NameFilter names) =>
            Plan.ForEachScope("Reading ECS clusters", context => new ClusterReader(context).ReadAsync(names),
                unread: names.MarkUnread);
    }
}
