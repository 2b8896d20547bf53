using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading.Tasks;
using AwsContainerInventory.Inventory;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Completes live ECS cluster names (-Cluster, Get-EcsCluster -Name).</summary>
    public sealed class ClusterCompleter : LiveNameCompleter
    {
        private protected override string Kind => "clusters";

        private protected override Task ReadAsync(NameReader names) => names.ListClusterNamesAsync();
    }
}
