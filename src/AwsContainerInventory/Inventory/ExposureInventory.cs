using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Exposure;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// What Get-ContainerExposure reads of one (role × region) pair: the same ECR and ECS inventory the Get-
    /// cmdlets make (repositories with their policies and the registry's scanning configuration; services and running
    /// tasks with their network interfaces, from one cluster listing), then only the task definitions those tasks and
    /// services use, then the network that decides whether the internet reaches those tasks (<see cref="ReachabilityReader"/>).
    /// Each part fails on its own: a denied ECR does not hide the pair's reachable tasks.
    /// </summary>
    internal static class ExposureInventory
    {
        public static async Task ReadAsync(InventoryScope scope, ExposureAnalysis analysis, InventoryRun run, InventorySession session, CancellationToken cancellationToken)
        {
            await Task.WhenAll(
                PartAsync("Reading ECR repositories", scope, run, cancellationToken,
                    () => EcrInventory.ReadRepositoriesAsync(scope, new NameFilter(null), run, session, cancellationToken)),
                PartAsync("Reading ECS services and tasks", scope, run, cancellationToken,
                    () => EcsInventory.ReadServicesAndTasksAsync(scope, run, session, cancellationToken, analysis.Reachability)),
                PartAsync("Reading the registry scanning configuration", scope, run, cancellationToken,
                    () => RegistryScanningReader.ReadAsync(scope, analysis.RegistryScanning, run, cancellationToken))
            ).ConfigureAwait(false);

            IReadOnlyList<string> definitionsInUse = analysis.ClaimTaskDefinitionsInUse(scope.Region, scope.AccountId);
            await PartAsync("Reading ECS task definitions", scope, run, cancellationToken,
                () => EcsInventory.DescribeTaskDefinitionsAsync(scope, definitionsInUse, run, session, cancellationToken, analysis.Reachability)).ConfigureAwait(false);
            await PartAsync("Reading the network for reachability", scope, run, cancellationToken,
                () => ReachabilityReader.ReadAsync(scope, analysis.Reachability, run, session, cancellationToken)).ConfigureAwait(false);
        }

        private static async Task PartAsync(string what, InventoryScope scope, InventoryRun run, CancellationToken cancellationToken, Func<Task> part)
        {
            try
            {
                await part().ConfigureAwait(false);
            }
            catch (Exception error) when (InventoryErrors.IsScopeFailure(error) && !cancellationToken.IsCancellationRequested)
            {
                run.WriteError(InventoryErrors.ScopeFailed(error, scope, what));
            }
        }

        /// <summary>
        /// The scan results (ecr:DescribeImages by digest, at most 100 a call) of the images reachable tasks run, for
        /// the repositories of this pair's account and region; a pair whose registry no reachable task uses asks nothing.
        /// </summary>
        public static async Task ReadReachableImageScansAsync(InventoryScope scope, ExposureAnalysis analysis, InventoryRun run, InventorySession session,
            CancellationToken cancellationToken)
        {
            IReadOnlyDictionary<string, IReadOnlyCollection<string>> digests = analysis.ReachableImageDigests();
            if (digests.Count == 0) return;
            ImagesByDigest found = await EcrImageInventory.DescribeImagesByDigestAsync(scope, digests, run, session, cancellationToken).ConfigureAwait(false);
            analysis.AddScannedImages(found.Images);
        }
    }
}
