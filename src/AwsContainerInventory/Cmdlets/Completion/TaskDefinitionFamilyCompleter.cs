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
    /// <summary>Completes live task definition families (Get-EcsTaskDefinition -FamilyPrefix).</summary>
    public sealed class TaskDefinitionFamilyCompleter : LiveNameCompleter
    {
        private protected override string Kind => "task definition families";

        private protected override Task ReadAsync(NameReader names) => names.ListTaskDefinitionFamiliesAsync();
    }
}
