using System.Collections.Generic;
using System.Management.Automation;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>
    /// Get-EcrRepository and Get-EcsCluster: -Name takes names, ARNs or wildcards from the command line or the
    /// pipeline ('web','api' | Get-EcrRepository, or objects with a Name property). Names given on the command
    /// line start the run at once, so records stream while the prompt waits; piped names are collected and read
    /// in one run at the end of the input (one listing per pair, however many names arrive). A literal name found
    /// nowhere is one ObjectNotFound error at the end.
    /// </summary>
    public abstract class NamedResourceCmdletBase : InventoryCmdletBase
    {
        private readonly List<string> _pipedNames = new List<string>();
        private NameFilter _names = new NameFilter(null);

        /// <summary>The -Name value of the current record.</summary>
        private protected abstract string[]? BoundNames { get; }

        /// <summary>"ECR repository": names the resource in the not-found error.</summary>
        private protected abstract string Noun { get; }

        /// <summary>The not-found error id, such as "EcrRepositoryNotFound".</summary>
        private protected abstract string NotFoundErrorId { get; }

        /// <summary>Starts reading every (role × region) pair for <paramref name="names"/>.</summary>
        private protected abstract void StartReading(NameFilter names);

        protected override void ProcessRecord()
        {
            if (MyInvocation.ExpectingInput)
            {
                if (BoundNames != null) _pipedNames.AddRange(BoundNames);
            }
            else
            {
                _names = new NameFilter(BoundNames);
                StartReading(_names);
            }
            Run.DrainAvailable(this);
        }

        protected override void EndProcessing()
        {
            // Piped input with no names (an empty array) reads nothing rather than everything.
            if (MyInvocation.ExpectingInput && _pipedNames.Count > 0)
            {
                _names = new NameFilter(_pipedNames);
                StartReading(_names);
            }
            base.EndProcessing();
        }

        private protected override void ReportNotFound()
        {
            foreach (string name in _names.UnmatchedLiterals)
                WriteError(InventoryErrors.NotFound(NotFoundErrorId, Noun, name, Where));
        }
    }
}
