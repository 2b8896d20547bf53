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
    /// are few (one page per 20 accounts), so they cannot starve the others. Until a run's first record, a few slots are kept
    /// for discovery and later calls (<see cref="KeepForFollowUps"/>).
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
        private readonly int _keptForFollowUps;
        private readonly long _keepLapsesAfter;
        private int _available;
        private int _nextTurn;
        private int _keeps;
        private long _releases;
        private long _keepLapsesAt;

        public CallSlots(int count)
        {
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(count));
            _available = count;
            _turns = new[] { _firstCalls, _laterCalls, _setupCalls };
            _keptForFollowUps = count / SlotsPerKeptSlot;
            _keepLapsesAfter = (long)count * KeepLapsesAfterRounds;
        }

        /// <summary>One slot in this many is kept for follow-up calls while a run waits for its first record (none below 32 slots).</summary>
        internal const int SlotsPerKeptSlot = 32;

        /// <summary>A keep lapses after this many times the cap's calls have ended without a first record (a run that finds little).</summary>
        internal const int KeepLapsesAfterRounds = 16;

        /// <summary>Slots free now (for tests).</summary>
        public int Available { get { lock (_lock) return _available; } }

        /// <summary>How many slots a keep holds back from first and setup calls (for tests).</summary>
        internal int KeptForFollowUps => _keptForFollowUps;

        /// <summary>
        /// Keeps the last <see cref="KeptForFollowUps"/> free slots for discovery and a pair's later calls until the
        /// returned keep is disposed (the run's first record is written, or the run ends) or lapses (after
        /// <see cref="KeepLapsesAfterRounds"/> times the cap's calls have ended). Why: with every slot taken by new pairs
        /// and account setup, the calls that lead to a first record (a cluster's ListTasks, its DescribeTasks, the tasks'
        /// interfaces) each waited for the next slot to free, in an organization with every call taking the same time up
        /// to a whole call's latency a step, as all the slots free at about the same moments. While kept, freed slots go
        /// to follow-ups first; new pairs and setup get the rest. Follow-ups are few before a first record, so the cost is
        /// at most the kept slots idle for that long.
        /// </summary>
        public IDisposable KeepForFollowUps()
        {
            if (_keptForFollowUps == 0) return NoKeep.Instance;
            lock (_lock)
            {
                _keeps++;
                _keepLapsesAt = _releases + _keepLapsesAfter;
            }
            return new Keep(this);
        }

        private void EndKeep()
        {
            lock (_lock) _keeps--;
            Dispatch();
        }

        private bool Keeping => _keeps > 0 && _releases < _keepLapsesAt;

        /// <summary>Whether a call (a first or setup call when <paramref name="firstOrSetup"/>) may take a free slot now.</summary>
        private bool MayTake(bool firstOrSetup) => _available > (firstOrSetup && Keeping ? _keptForFollowUps : 0);

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
                // A free slot is taken at once unless a waiter that may take it is queued (between a release and its
                // handover): slots kept for follow-ups are free while first and setup calls wait.
                if (MayTake(first || kind == CallKind.Setup) && !AnyWaiterMayTake())
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
            lock (_lock)
            {
                _available++;
                _releases++;
            }
            Dispatch();
        }

        private bool AnyWaiterMayTake() =>
            _discoveryCalls.Count > 0 || _laterCalls.Count > 0 || ((_firstCalls.Count > 0 || _setupCalls.Count > 0) && MayTake(true));

        /// <summary>The next waiter a free slot goes to, with the slot taken; null when none may take one.</summary>
        private TaskCompletionSource<bool>? TakeNextWaiter()
        {
            if (_available == 0) return null;
            // Discovery first; then the next queue in turn that has a call waiting that may take the slot (an empty one,
            // or first calls and setup while the free slots are kept, pass their turn on).
            Queue<TaskCompletionSource<bool>>? queue = _discoveryCalls.Count > 0 ? _discoveryCalls : null;
            for (int i = 0; queue == null && i < _turns.Length; i++)
            {
                int turn = (_nextTurn + i) % _turns.Length;
                Queue<TaskCompletionSource<bool>> candidate = _turns[turn];
                if (candidate.Count == 0 || (candidate != _laterCalls && !MayTake(true))) continue;
                queue = candidate;
                _nextTurn = (turn + 1) % _turns.Length;
            }
            if (queue == null) return null;
            _available--;
            return queue.Dequeue();
        }

        /// <summary>Hands free slots to the waiters that may take them, in turn, until none may.</summary>
        private void Dispatch()
        {
            while (true)
            {
                TaskCompletionSource<bool>? next;
                lock (_lock)
                {
                    next = TakeNextWaiter();
                    if (next == null) return;
                }
                if (_inlineDepth >= MaxInlineDepth)
                {
                    // A call that ends at once (a failure, a cancellation) releases its slot from inside the previous
                    // handover: past a few levels the handover goes through the thread pool, so a wave of them cannot
                    // grow the stack.
                    ThreadPool.QueueUserWorkItem(HandOverCallback, new Handover(this, next));
                    continue;
                }
                _inlineDepth++;
                try
                {
                    // A waiter whose caller stopped waiting is passed over: the slot goes to the next one.
                    if (!next.TrySetResult(true)) GiveBack();
                }
                finally
                {
                    _inlineDepth--;
                }
            }
        }

        /// <summary>A slot taken for a waiter that had stopped waiting: free again, not counted as a call that ended.</summary>
        private void GiveBack()
        {
            lock (_lock) _available++;
        }

        private sealed class Keep : IDisposable
        {
            private CallSlots? _slots;

            public Keep(CallSlots slots) => _slots = slots;

            public void Dispose() => Interlocked.Exchange(ref _slots, null)?.EndKeep();
        }

        private sealed class NoKeep : IDisposable
        {
            public static readonly NoKeep Instance = new NoKeep();

            public void Dispose() { }
        }

        private const int MaxInlineDepth = 4;

        [ThreadStatic]
        private static int _inlineDepth;

        private static readonly WaitCallback HandOverCallback = state =>
        {
            var handover = (Handover)state!;
            if (!handover.Waiter.TrySetResult(true))
            {
                handover.Slots.GiveBack();
                handover.Slots.Dispatch();
            }
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
