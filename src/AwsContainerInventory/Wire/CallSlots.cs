using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// The session's ParallelRequests slots, handed out in arrival order within three queues that take turns: the first
    /// call of each (credentials × region) pair; every later call of a pair (a next page, a Describe batch, a retry); and
    /// the calls that set an account up (AssumeRole and GetCallerIdentity through STS, DescribeRegions). Taking turns keeps
    /// all three moving under one cap: an organization of thousands of pairs starts them all at once, and a pair's
    /// follow-up calls would otherwise wait behind every other pair's first call, while a pair with a large inventory still
    /// takes at most every other turn (every third while setup calls wait). Setup has a queue of its own because it comes in
    /// floods (an AssumeRole and a DescribeRegions for every account a listing page names): queued with the follow-ups, it
    /// made a pair's next call wait behind tens of them (25-30 ms a step of the first records' chain at 64 slots).
    /// Discovery calls (the organization's listing pages) go before all three: every account waits for the page that names
    /// it, so a page queued behind the AssumeRole calls of the accounts already found delays all that come after; they
    /// are few (one page per 20 accounts), so they cannot starve the others.
    /// </summary>
    internal sealed class CallSlots
    {
        private readonly object _lock = new object();
        private readonly Queue<TaskCompletionSource<bool>> _discoveryCalls = new Queue<TaskCompletionSource<bool>>();
        private readonly Queue<TaskCompletionSource<bool>> _firstCalls = new Queue<TaskCompletionSource<bool>>();
        private readonly Queue<TaskCompletionSource<bool>> _laterCalls = new Queue<TaskCompletionSource<bool>>();
        private readonly Queue<TaskCompletionSource<bool>> _setupCalls = new Queue<TaskCompletionSource<bool>>();
        private readonly Queue<TaskCompletionSource<bool>>[] _turns;
        private readonly PairMap<object> _started = new PairMap<object>();
        private static readonly object Started = new object();
        private int _available;
        private int _nextTurn;

        public CallSlots(int count)
        {
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(count));
            _available = count;
            _turns = new[] { _firstCalls, _laterCalls, _setupCalls };
        }

        /// <summary>Slots free now (for tests).</summary>
        public int Available { get { lock (_lock) return _available; } }

        /// <summary>
        /// Waits for a slot for a call of <paramref name="kind"/>; a pair's call names its pair (<paramref name="credentials"/>
        /// or <paramref name="region"/> null: a call outside any pair, which is queued as setup unless it is discovery).
        /// </summary>
        public Task WaitAsync(ICredentialProvider? credentials, string? region, CancellationToken cancellationToken, CallKind kind = CallKind.Pair)
        {
            if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
            if ((credentials == null || region == null) && kind == CallKind.Pair) kind = CallKind.Setup;
            bool first = kind == CallKind.Pair && _started.TryAdd(credentials!, region!, Started);
            TaskCompletionSource<bool> waiter;
            lock (_lock)
            {
                if (_available > 0 && _discoveryCalls.Count == 0 && _firstCalls.Count == 0 && _laterCalls.Count == 0 && _setupCalls.Count == 0)
                {
                    _available--;
                    return Task.CompletedTask;
                }
                // Continuations run on the releasing thread (see Release): the freed slot's next call goes out at once,
                // without waiting for a thread-pool thread to pick it up.
                waiter = new TaskCompletionSource<bool>();
                (kind == CallKind.Discovery ? _discoveryCalls : kind == CallKind.Setup ? _setupCalls : first ? _firstCalls : _laterCalls).Enqueue(waiter);
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
                    // Discovery first; then the next queue in turn that has a call waiting (an empty one passes its turn on).
                    Queue<TaskCompletionSource<bool>>? queue = _discoveryCalls.Count > 0 ? _discoveryCalls : null;
                    for (int i = 0; queue == null && i < _turns.Length; i++)
                    {
                        int turn = (_nextTurn + i) % _turns.Length;
                        if (_turns[turn].Count == 0) continue;
                        queue = _turns[turn];
                        _nextTurn = (turn + 1) % _turns.Length;
                    }
                    if (queue == null)
                    {
                        _available++;
                        return;
                    }
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
