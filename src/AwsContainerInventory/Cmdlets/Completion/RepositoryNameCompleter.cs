using System.Threading.Tasks;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Completes live ECR repository names (Get-EcrRepository -Name).</summary>
    public sealed class RepositoryNameCompleter : LiveNameCompleter
    {
        private protected override string Kind => "repositories";

        private protected override Task ReadAsync(NameReader names) => names.ListRepositoryNamesAsync();
    }
}
