using System.Threading;
using System.Threading.Tasks;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// Lets the pairs of a run start a few at a time. An organization has thousands of pairs, all known within a second:
    /// started at once, each would wait for its first call with its whole chain of readers, clients and request alive,
    /// and every garbage collection of the run would have to walk and copy all of them (about a tenth of the run's
    /// time in the 500-account benchmark). A pair waits here holding almost nothing, and goes in while fewer than
    /// <c>limit</c> admitted pairs are still waiting for the answer to their first call: admission follows the calls, not
    /// the pairs' whole inventories, so a large pair does not keep the others out once it is under way.
    /// </summary>
    internal sealed class PairStarts
    {
        private readonly SemaphoreSlim _permits;

        public PairStarts(int limit) => _permits = new SemaphoreSlim(limit, limit);

        /// <summary>Waits for a permit; the permit goes back at the answer to the pair's first call, or when the pair ends.</summary>
        public async Task<PairStart> EnterAsync(ICallObserver calls, CancellationToken cancellationToken)
        {
            await _permits.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new PairStart(_permits, calls);
        }
    }
}
