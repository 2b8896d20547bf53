using System;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// Runs item work (describe a batch, read a repository's policy and tags) concurrently with the listing
    /// that produces it, holding at most <c>limit</c> items in flight so a long listing cannot pile up
    /// unbounded work. The AWS call cap itself is the session's; this only bounds memory.
    /// </summary>
    internal sealed class WorkWindow : IDisposable
    {
        private readonly SemaphoreSlim _slots;
        private readonly TaskCompletionSource<bool> _idle = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _running = 1; // the window's own reference, dropped by WhenAllAsync
        private Exception? _firstFailure;

        public WorkWindow(int limit) => _slots = new SemaphoreSlim(limit, limit);

        public async Task StartAsync(Func<Task> item, CancellationToken cancellationToken)
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _running);
            _ = RunAsync(item);
        }

        /// <summary>Waits for every started item; rethrows the first failure an item did not handle itself.</summary>
        public async Task WhenAllAsync()
        {
            Release();
            await _idle.Task.ConfigureAwait(false);
            if (_firstFailure != null) throw _firstFailure;
        }

        private async Task RunAsync(Func<Task> item)
        {
            try
            {
                await item().ConfigureAwait(false);
            }
            catch (Exception failure)
            {
                Interlocked.CompareExchange(ref _firstFailure, failure, null);
            }
            finally
            {
                _slots.Release();
                Release();
            }
        }

        private void Release()
        {
            if (Interlocked.Decrement(ref _running) == 0) _idle.TrySetResult(true);
        }

        public void Dispose() => _slots.Dispose();
    }
}
