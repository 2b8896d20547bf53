using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// The session's ParallelRequests slots, handed out in arrival order within two queues that take turns: the first
    /// call of each (credentials × region) pair, and every later call (a next page, a Describe batch, a retry, an STS
    /// call). Taking turns keeps both moving under one cap: an organization of thousands of pairs starts them all at
    /// once, and a pair's follow-up calls (and the organization listing itself) would otherwise wait behind every other
    /// pair's first call, while a pair with a large inventory still cannot hold more than half the slots that others wait for.
    /// Discovery calls (the organization's listing pages) go before both: every account waits for the page that names it,
    /// so a page queued behind the AssumeRole calls of the accounts already found delays all that come after; they are
    /// few (one page per 20 accounts), so they cannot starve the others.
    /// </summary>
    internal sealed class CallSlots
    {
        private readonly object _lock = new object();
        private readonly Queue<TaskCompletionSource<bool>> _discoveryCalls = new Queue<TaskCompletionSource<bool>>();
        private readonly Queue<TaskCompletionSource<bool>> _firstCalls = new Queue<TaskCompletionSource<bool>>();
        private readonly Queue<TaskCompletionSource<bool>> _laterCalls = new Queue<TaskCompletionSource<bool>>();
        private readonly PairMap<object> _started = new PairMap<object>();
        private static readonly object Started = new object();
        private int _available;
        private bool _firstCallsNext = true;

        public CallSlots(int count)
        {
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(count));
            _available = count;
        }

        /// <summary>Slots free now (for tests).</summary>
        public int Available { get { lock (_lock) return _available; } }

        /// <summary>
        /// Waits for a slot for a call of the pair (<paramref name="credentials"/> null: a call outside any pair, queued as a
        /// later call); <paramref name="discovery"/>: a call that finds the work the others do, served first.
        /// </summary>
        public Task WaitAsync(ICredentialProvider? credentials, string? region, CancellationToken cancellationToken, bool discovery = false)
        {
            if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
            bool first = credentials != null && region != null && _started.TryAdd(credentials, region, Started);
            TaskCompletionSource<bool> waiter;
            lock (_lock)
            {
                if (_available > 0 && _discoveryCalls.Count == 0 && _firstCalls.Count == 0 && _laterCalls.Count == 0)
                {
                    _available--;
                    return Task.CompletedTask;
                }
                // Continuations run on the releasing thread (see Release): the freed slot's next call goes out at once,
                // without waiting for a thread-pool thread to pick it up.
                waiter = new TaskCompletionSource<bool>();
                (discovery ? _discoveryCalls : first ? _firstCalls : _laterCalls).Enqueue(waiter);
            }
            if (!cancellationToken.CanBeCanceled) return waiter.Task;
            return WaitCancellableAsync(waiter, cancellationToken);
        }

        public void Release()
        {
            while (true)
            {
                TaskCompletionSource<bool>? next;
                lock (_lock)
                {
                    Queue<TaskCompletionSource<bool>>? queue = _discoveryCalls.Count > 0 ? _discoveryCalls
                        : _firstCalls.Count > 0 && (_firstCallsNext || _laterCalls.Count == 0) ? _firstCalls
                        : _laterCalls.Count > 0 ? _laterCalls : null;
                    if (queue == null)
                    {
                        _available++;
                        return;
                    }
                    if (queue != _discoveryCalls) _firstCallsNext = queue != _firstCalls;
                    next = queue.Dequeue();
                }
                if (_inlineDepth >= MaxInlineDepth)
                {
                    // A call that ends at once (a failure, a cancellation) releases its slot from inside the previous
                    // handover: past a few levels the handover goes through the thread pool, so a wave of them cannot
                    // grow the stack.
                    ThreadPool.QueueUserWorkItem(HandOverCallback, new Handover(this, next));
                    return;
                }
                _inlineDepth++;
                try
                {
                    // A waiter whose caller stopped waiting is passed over: the slot goes to the next one.
                    if (next.TrySetResult(true)) return;
                }
                finally
                {
                    _inlineDepth--;
                }
            }
        }

        private const int MaxInlineDepth = 4;

        [ThreadStatic]
        private static int _inlineDepth;

        private static readonly WaitCallback HandOverCallback = state =>
        {
            var handover = (Handover)state!;
            if (!handover.Waiter.TrySetResult(true)) handover.Slots.Release();
        };

        private sealed class Handover
        {
            public Handover(CallSlots slots, TaskCompletionSource<bool> waiter)
            {
                Slots = slots;
                Waiter = waiter;
            }

            public CallSlots Slots { get; }
            public TaskCompletionSource<bool> Waiter { get; }
        }

        private async Task WaitCancellableAsync(TaskCompletionSource<bool> waiter, CancellationToken cancellationToken)
        {
            using (cancellationToken.Register(() => waiter.TrySetCanceled(cancellationToken)))
                await waiter.Task.ConfigureAwait(false);
        }
    }
}
