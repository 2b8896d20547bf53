using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// Opens when every (role × region) pair of a run has done a first part (read its running tasks, read its whole
    /// exposure inventory), for a second part that needs all of them: a task in one account often runs an image of a
    /// registry in another.
    /// </summary>
    internal sealed class PairBarrier
    {
        private readonly TaskCompletionSource<bool> _allDone = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object _sync = new object();
        private int _expectedPairs = -1;
        private int _pairsDone;

        /// <summary>How many pairs will do the first part (known once every role has been assumed or has failed).</summary>
        public void ExpectPairs(int count)
        {
            lock (_sync) _expectedPairs = count;
            OpenIfAllDone();
        }

        /// <summary>One pair has done its first part, or failed to (its error is reported where it failed).</summary>
        public void PairDone()
        {
            lock (_sync) _pairsDone++;
            OpenIfAllDone();
        }

        /// <summary>Completes when every pair has done its first part; cancelled with the run.</summary>
        public async Task WhenAllDoneAsync(CancellationToken cancellationToken)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetCanceled(cancellationToken)))
            {
                Task<bool> first = await Task.WhenAny(_allDone.Task, cancelled.Task).ConfigureAwait(false);
                await first.ConfigureAwait(false);
            }
        }

        private void OpenIfAllDone()
        {
            bool done;
            lock (_sync) done = _expectedPairs >= 0 && _pairsDone >= _expectedPairs;
            if (done) _allDone.TrySetResult(true);
        }
    }
}
