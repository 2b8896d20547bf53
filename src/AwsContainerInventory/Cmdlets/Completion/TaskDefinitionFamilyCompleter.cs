using System.Threading.Tasks;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Completes live task definition families (Get-EcsTaskDefinition -FamilyPrefix).</summary>
    public sealed class TaskDefinitionFamilyCompleter : LiveNameCompleter
    {
        private protected override string Kind => "task definition families";

        private protected override Task ReadAsync(NameReader names) => names.ListTaskDefinitionFamiliesAsync();
    }
}
