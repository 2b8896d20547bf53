using System;
using System.Collections.Generic;
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
    internal sealed class ExposureReader
    {
        private readonly InventoryContext _context;
        private readonly ExposureAnalysis _analysis;

        public ExposureReader(InventoryContext context, ExposureAnalysis analysis)
        {
            _context = context;
            _analysis = analysis;
        }

        public async Task ReadAsync()
        {
            var services = new ServiceReader(_context);
            await Task.WhenAll(
                PartAsync("Reading ECR repositories", () => new RepositoryReader(_context).ReadAsync(new NameFilter(null))),
                PartAsync("Reading ECS services and tasks",
                    () => new TaskReader(_context, _analysis.Reachability).ReadRunningWithPublicIpsAsync(alongside: services.ReadClusterAsync)),
                PartAsync("Reading the registry scanning configuration", () => new RegistryScanningReader(_context).ReadAsync(_analysis.RegistryScanning))
            ).ConfigureAwait(false);

            IReadOnlyList<string> definitionsInUse = _analysis.ClaimTaskDefinitionsInUse(_context.Region, _context.Scope.AccountId);
            await PartAsync("Reading ECS task definitions",
                () => new TaskDefinitionReader(_context, _analysis.Reachability).DescribeAsync(definitionsInUse)).ConfigureAwait(false);
            await PartAsync("Reading the network for reachability", () => new ReachabilityReader(_context).ReadAsync(_analysis.Reachability)).ConfigureAwait(false);
        }

        /// <summary>
        /// The scan results (ecr:DescribeImages by digest, at most 100 a call) of the images reachable tasks run, for
        /// the repositories of this pair's account and region; a pair whose registry no reachable task uses asks nothing.
        /// </summary>
        public async Task ReadReachableImageScansAsync()
        {
            IReadOnlyDictionary<string, IReadOnlyCollection<string>> digests = _analysis.ReachableImageDigests();
            if (digests.Count == 0) return;
            ImagesByDigest found = await new ImageReader(_context).DescribeByDigestAsync(digests).ConfigureAwait(false);
            _analysis.AddScannedImages(found.Images);
        }

        private async Task PartAsync(string what, Func<Task> part)
        {
            try
            {
                await part().ConfigureAwait(false);
            }
            catch (Exception error) when (InventoryErrors.IsScopeFailure(error) && !_context.IsCancelled)
            {
                _context.Run.WriteError(InventoryErrors.ScopeFailed(error, _context.Scope, what));
            }
        }
    }
}
