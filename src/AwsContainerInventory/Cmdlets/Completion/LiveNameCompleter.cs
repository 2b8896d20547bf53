using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading.Tasks;
using AwsContainerInventory.Inventory;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>
    /// Completes live names of the current session (every role and region, or the -Region being typed), from a
    /// listing kept for a minute (<see cref="CompletionCache"/>); a Tab waits about a second at most. Silent when
    /// nothing can be listed.
    /// </summary>
    public abstract class LiveNameCompleter : IArgumentCompleter
    {
        private protected abstract string Kind { get; }

        private protected abstract Task ReadAsync(NameReader names);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                string[]? boundRegions = fakeBoundParameters != null && fakeBoundParameters.Contains("Region") && fakeBoundParameters["Region"] is object bound
                    ? LanguagePrimitives.ConvertTo<string[]>(bound)
                    : null;
                IReadOnlyList<string> names = CompletionCache.Names(Kind,
                    session => boundRegions != null ? RegionList.Normalize(boundRegions) : session.Regions, ReadAsync);
                return Completions.Matching(names, wordToComplete);
            }
            catch (Exception)
            {
                // Completion must never throw at the prompt.
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
