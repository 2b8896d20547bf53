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
    /// <summary>Completes -Region: All (every region enabled in each account), then the region names of every partition: eu-w&lt;Tab&gt; → eu-west-1, eu-west-2, eu-west-3.</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completions.Matching(RegionList.Completions, wordToComplete);
    }

    /// <summary>Completes the profile names of the shared config and credentials files.</summary>
    public sealed class ProfileCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completions.Matching(SessionStore.DefaultChains().ListProfileNames(), wordToComplete);
    }

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

    /// <summary>Completes live ECS cluster names (-Cluster, Get-EcsCluster -Name).</summary>
    public sealed class ClusterCompleter : LiveNameCompleter
    {
        private protected override string Kind => "clusters";

        private protected override Task ReadAsync(NameReader names) => names.ListClusterNamesAsync();
    }

    /// <summary>Completes live ECR repository names (Get-EcrRepository -Name).</summary>
    public sealed class RepositoryNameCompleter : LiveNameCompleter
    {
        private protected override string Kind => "repositories";

        private protected override Task ReadAsync(NameReader names) => names.ListRepositoryNamesAsync();
    }

    /// <summary>Completes live task definition families (Get-EcsTaskDefinition -FamilyPrefix).</summary>
    public sealed class TaskDefinitionFamilyCompleter : LiveNameCompleter
    {
        private protected override string Kind => "task definition families";

        private protected override Task ReadAsync(NameReader names) => names.ListTaskDefinitionFamiliesAsync();
    }

    internal static class Completions
    {
        public static IEnumerable<CompletionResult> Matching(IEnumerable<string> candidates, string? wordToComplete)
        {
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var pattern = new WildcardPattern(prefix + "*", WildcardOptions.IgnoreCase);
            return candidates.Where(c => pattern.IsMatch(c))
                .Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, c))
                .ToList();
        }

        private static string Quote(string value) =>
            value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ',', ';', '(', ')', '{', '}', '@', '#' }) >= 0 ? "'" + value.Replace("'", "''") + "'" : value;
    }
}
