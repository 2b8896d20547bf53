using System.Management.Automation;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Lists ECS task definitions (ACTIVE) with every attribute of the Amazon ECS connector.</summary>
    [Cmdlet(VerbsCommon.Get, "EcsTaskDefinition")]
    [OutputType(typeof(EcsTaskDefinition))]
    public sealed class GetEcsTaskDefinitionCommand : InventoryCmdletBase
    {
        /// <summary>Only task definitions whose family starts with this (ListTaskDefinitions' familyPrefix); a trailing * is allowed.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TaskDefinitionFamilyCompleter))]
        public string? FamilyPrefix { get; set; }

        private protected override string Activity => "Get-EcsTaskDefinition";

        protected override void ProcessRecord()
        {
            string? prefix = FamilyPrefixToSend();
            Plan.ForEachScope("Reading ECS task definitions", (scope, token) => EcsInventory.ReadTaskDefinitionsAsync(scope, prefix, Run, Session, token));
            Run.DrainAvailable(this);
        }

        /// <summary>
        /// The API matches a plain prefix, so "web*" means "web" and "*" means every family; any other wildcard
        /// is sent as typed (AWS matches it literally), with a warning.
        /// </summary>
        private string? FamilyPrefixToSend()
        {
            if (FamilyPrefix == null) return null;
            string prefix = FamilyPrefix.TrimEnd('*');
            if (WildcardPattern.ContainsWildcardCharacters(prefix))
            {
                WriteWarning("-FamilyPrefix '" + FamilyPrefix + "': only a trailing '*' is supported (the family names are matched by prefix); " +
                    "other wildcards are not, so '" + prefix + "' is matched literally.");
            }
            return prefix.Length == 0 ? null : prefix;
        }
    }
}
