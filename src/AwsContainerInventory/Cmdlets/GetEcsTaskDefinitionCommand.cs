using System;
using System.Management.Automation;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Lists ECS task definitions (ACTIVE) with every attribute of the Amazon ECS connector.</summary>
    [Cmdlet(VerbsCommon.Get, "EcsTaskDefinition")]
    [OutputType(typeof(EcsTaskDefinition))]
    public sealed class GetEcsTaskDefinitionCommand : InventoryCmdletBase
    {
        /// <summary>
        /// Only task definitions of this family (ListTaskDefinitions' familyPrefix, which AWS matches against the
        /// whole family name); with a trailing * every family that starts with it.
        /// </summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(TaskDefinitionFamilyCompleter))]
        public string? FamilyPrefix { get; set; }

        private protected override string Activity => "Get-EcsTaskDefinition";

        protected override void ProcessRecord()
        {
            (string? family, Func<string, bool>? include) = Selection();
            Plan.ForEachScope("Reading ECS task definitions", context => new TaskDefinitionReader(context).ReadAsync(family, include));
            Run.DrainAvailable(this);
        }

        /// <summary>
        /// A plain name goes to the API (which matches the whole family); "web*" lists every family and keeps
        /// those starting with "web", before any Describe; "*" is everything. Any other wildcard is sent as
        /// typed (AWS matches it literally), with a warning.
        /// </summary>
        private (string? Family, Func<string, bool>? Include) Selection()
        {
            if (FamilyPrefix == null) return (null, null);
            string prefix = FamilyPrefix.TrimEnd('*');
            if (WildcardPattern.ContainsWildcardCharacters(prefix))
            {
                WriteWarning("-FamilyPrefix '" + FamilyPrefix + "': only a trailing '*' is supported (every family starting with the text before it); " +
                    "other wildcards are not, so '" + prefix + "' is matched literally.");
                return (prefix, null);
            }
            if (prefix.Length == FamilyPrefix.Length) return (FamilyPrefix, null);
            if (prefix.Length == 0) return (null, null);
            return (null, arn => NameReader.FamilyFromArn(arn).StartsWith(prefix, StringComparison.Ordinal));
        }
    }
}
