using System.Management.Automation;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Lists ECR repositories with every attribute of the Amazon ECR connector, across the session's roles and regions.</summary>
    [Cmdlet(VerbsCommon.Get, "EcrRepository")]
    [OutputType(typeof(EcrRepository))]
    public sealed class GetEcrRepositoryCommand : NamedResourceCmdletBase
    {
        /// <summary>Repository names or ARNs; wildcards allowed; from the pipeline as strings or by property name.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RepositoryNameCompleter))]
        public string[]? Name { get; set; }

        private protected override string Activity => "Get-EcrRepository";

        private protected override string[]? BoundNames => Name;

        private protected override string Noun => "ECR repository";

        private protected override string NotFoundErrorId => "EcrRepositoryNotFound";

        private protected override void StartReading(NameFilter names) =>
            Plan.ForEachScope("Reading ECR repositories", context => new RepositoryReader(context).ReadAsync(names),
                unread: names.MarkUnread);
    }
}
