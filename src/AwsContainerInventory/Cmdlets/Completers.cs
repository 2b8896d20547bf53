using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Inventory;
using AwsContainerInventory.Session;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Completes AWS region names: eu-w&lt;Tab&gt; → eu-west-1, eu-west-2, eu-west-3.</summary>
    public sealed class RegionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completions.Matching(RegionList.Known, wordToComplete);
    }

    /// <summary>Completes the profile names of the shared config and credentials files.</summary>
    public sealed class ProfileCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Completions.Matching(SessionStore.DefaultChains().ListProfileNames(), wordToComplete);
    }

    /// <summary>
    /// Completes the live cluster names of the current session (every role and region, first answers within
    /// a few seconds). Silent when nothing can be listed.
    /// </summary>
    public sealed class ClusterCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                InventorySession session = SessionStore.CurrentOrDefault();
                IReadOnlyList<string> regions = fakeBoundParameters != null && fakeBoundParameters.Contains("Region") && fakeBoundParameters["Region"] is object bound
                    ? RegionList.Normalize(LanguagePrimitives.ConvertTo<string[]>(bound))
                    : session.Regions;
                if (regions.Count == 0) return Array.Empty<CompletionResult>();
                IEnumerable<ICredentialProvider> identities = session.RoleArns.Count == 0
                    ? new[] { session.BaseCredentials }
                    : session.RoleArns.Select(role => (ICredentialProvider)session.RoleCredentials(role, regions[0]));
                var names = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
                using var budget = new CancellationTokenSource(Budget);
                var listings = identities.SelectMany(identity => regions.Select(region => ListAsync(session, identity, region, names, budget.Token))).ToArray();
                Task.WaitAll(listings.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)).ToArray(), Budget);
                return Completions.Matching(names.Keys.OrderBy(n => n, StringComparer.Ordinal), wordToComplete);
            }
            catch (Exception)
            {
                // Completion must never throw at the prompt.
                return Array.Empty<CompletionResult>();
            }
        }

        private static async Task ListAsync(InventorySession session, ICredentialProvider credentials, string region, ConcurrentDictionary<string, bool> names, CancellationToken token)
        {
            var ecs = new EcsClient(session.Transport, session.Endpoints.Ecs(region), region, credentials, null);
            string? next = null;
            do
            {
                ApiPage<string> page = await ecs.ListClustersAsync(session.PageSize, next, token).ConfigureAwait(false);
                foreach (string arn in page.Items) names[EcsInventory.ClusterNameFromArn(arn)] = true;
                next = page.NextToken;
            }
            while (next != null);
        }
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
