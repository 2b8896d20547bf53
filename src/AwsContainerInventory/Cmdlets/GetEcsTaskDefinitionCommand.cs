using System.Management.Automation;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Lists ECS task definitions (ACTIVE) with every attribute of the Amazon ECS connector.</summary>
    [Cmdlet(VerbsCommon.Get, "EcsTaskDefinition")]
    [OutputType(typeof(EcsTaskDefinition))]
    public sealed class GetEcsTaskDefinitionCommand : InventoryCmdletBase
    {
        /// <summary>Only task definitions of this family (ListTaskDefinitions' familyPrefix).</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? FamilyPrefix { get; set; }

        private protected override string Activity => "Get-EcsTaskDefinition";

        protected override void ProcessRecord()
        {
            Plan.ForEachScope("Reading ECS task definitions", (scope, token) => EcsInventory.ReadTaskDefinitionsAsync(scope, FamilyPrefix, Run, Session, token));
            Run.DrainAvailable(this);
        }
    }
}
