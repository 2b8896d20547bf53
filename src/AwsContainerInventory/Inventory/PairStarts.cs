using System;
using System.Collections.Generic;
using System.Threading;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// Lets the pairs of a run start a few at a time. An organization has thousands of pairs, all known within a second:
    /// started at once, each would wait for its first call with its whole chain of readers, clients and request alive,
    /// and every garbage collection of the run would have to walk and copy all of them (about a tenth of the run's
    /// time in the 500-account benchmark). A pair waits here as no more than its start (a delegate in a queue), not as
    /// a suspended task, and goes in while fewer than <c>limit</c> admitted pairs are still waiting for the answer to their
    /// first call: admission follows the calls, not the pairs' whole inventories, so a large pair does not keep the
    /// others out once it is under way. Once <c>stopped</c> is cancelled, every waiting pair starts at once (without a
    /// permit), to see the cancellation and end.
    /// </summary>
    internal sealed class PairStarts
    {
        private readonly object _lock = new object();
        private readonly Queue<Action<PairStart>> _waiting = new Queue<Action<PairStart>>();
        private readonly ICallObserver _calls;
        private readonly CancellationToken _stopped;
        private int _available;

        /// <param name="calls">The run's observer, which every admitted pair's calls are told to as well.</param>
        public PairStarts(int limit, ICallObserver calls, CancellationToken stopped = default)
        {
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit));
            _available = limit;
            _calls = calls;
            _stopped = stopped;
            stopped.Register(StartAllWaiting);
        }

        /// <summary>Pairs waiting for a permit (for tests).</summary>
        public int Waiting { get { lock (_lock) return _waiting.Count; } }

        /// <summary>Permits free now (for tests).</summary>
        public int Available { get { lock (_lock) return _available; } }

        /// <summary>
        /// Calls <paramref name="start"/> with a permit, now if one is free, else (on the thread that gives one back)
        /// when one comes back; the permit goes back at the answer to the pair's first call, or when the pair ends.
        /// <paramref name="start"/> should only hand the pair to a thread of its own.
        /// </summary>
        public void Enter(Action<PairStart> start)
        {
            bool permit;
            lock (_lock)
            {
                permit = _available > 0;
                if (permit) _available--;
                else if (!_stopped.IsCancellationRequested)
                {
                    _waiting.Enqueue(start);
                    return;
                }
            }
            start(new PairStart(permit ? this : null, _calls));
        }

        /// <summary>A permit is back: the longest-waiting pair takes it.</summary>
        internal void Return()
        {
            Action<PairStart> next;
            lock (_lock)
            {
                if (_waiting.Count == 0)
                {
                    _available++;
                    return;
                }
                next = _waiting.Dequeue();
            }
            next(new PairStart(this, _calls));
        }

        private void StartAllWaiting()
        {
            Action<PairStart>[] all;
            lock (_lock)
            {
                all = _waiting.ToArray();
                _waiting.Clear();
            }
            foreach (Action<PairStart> start in all) start(new PairStart(null, _calls));
        }
    }
}
