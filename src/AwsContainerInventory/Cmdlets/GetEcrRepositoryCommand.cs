using System.Management.Automation;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Lists ECR repositories with every attribute of the Amazon ECR connector, across the session's roles and regions.</summary>
    [Cmdlet(VerbsCommon.Get, "EcrRepository")]
    [OutputType(typeof(EcrRepository))]
    public sealed class GetEcrRepositoryCommand : InventoryCmdletBase
    {
        private NameFilter _names = new NameFilter(null);

        /// <summary>Repository names or ARNs; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        public string[]? Name { get; set; }

        private protected override string Activity => "Get-EcrRepository";

        protected override void ProcessRecord()
        {
            _names = new NameFilter(Name);
            Plan.ForEachScope("Reading ECR repositories", (scope, token) => EcrInventory.ReadRepositoriesAsync(scope, _names, Run, Session, token),
                unread: _names.MarkUnread);
            Run.DrainAvailable(this);
        }

        private protected override void ReportNotFound()
        {
            foreach (string name in _names.UnmatchedLiterals)
                WriteError(InventoryErrors.NotFound("EcrRepositoryNotFound", "ECR repository", name, Where));
        }
    }
}
