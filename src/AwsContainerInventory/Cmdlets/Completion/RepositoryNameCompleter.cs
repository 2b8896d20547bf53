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
    /// <summary>Completes live ECR repository names (Get-EcrRepository -Name).</summary>
    public sealed class RepositoryNameCompleter : LiveNameCompleter
    {
        private protected override string Kind => "repositories";

        private protected override Task ReadAsync(NameReader names) => names.ListRepositoryNamesAsync();
    }
}
