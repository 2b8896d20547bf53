using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>
    /// Get-EcsService and Get-EcsTask: -Cluster takes names, ARNs or wildcards, from the command line or the
    /// pipeline: strings by value ('prod' | Get-EcsTask) and ClusterArn by property name (Get-EcsCluster |
    /// Get-EcsService). Each piped cluster starts at once, so records stream; each cluster is read once per run
    /// however often it arrives.
    /// </summary>
    public abstract class ClusterScopedCmdletBase : InventoryCmdletBase
    {
        private readonly List<ClusterSelection> _selections = new List<ClusterSelection>();
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private bool _allClustersStarted;

        /// <summary>Cluster names or ARNs (wildcards allowed); none means every cluster.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ClusterArn")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ClusterCompleter))]
        public string[]? Cluster { get; set; }

        private protected abstract string What { get; }

        private protected abstract Task ReadAsync(InventoryContext context, ClusterSelection clusters);

        protected override void ProcessRecord()
        {
            ClusterSelection? selection = null;
            if (Cluster == null || Cluster.Length == 0)
            {
                if (!_allClustersStarted) selection = new ClusterSelection(null);
                _allClustersStarted = true;
            }
            else
            {
                string[] fresh = Cluster.Where(c => !string.IsNullOrEmpty(c) && _seen.Add(c)).ToArray();
                if (fresh.Length > 0) selection = new ClusterSelection(fresh);
            }

            if (selection != null)
            {
                _selections.Add(selection);
                ClusterSelection current = selection;
                Plan.ForEachScope(What, context => ReadAsync(context, current),
                    include: scope => current.NeedsListing || current.Names.Literals.Any(c => current.Applies(c, scope)),
                    unread: current.Names.MarkUnread);
            }
            Run.DrainAvailable(this);
        }

        private protected override void ReportNotFound()
        {
            foreach (string cluster in _selections.SelectMany(s => s.Names.UnmatchedLiterals))
                WriteError(InventoryErrors.NotFound("EcsClusterNotFound", "ECS cluster", cluster, Where));
        }
    }
}
