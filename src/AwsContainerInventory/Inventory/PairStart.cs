using System;
using System.Threading;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>An admitted pair's permit, and the observer of its calls (each told to the run as well).</summary>
    internal sealed class PairStart : ICallObserver, IDisposable
    {
        private readonly PairStarts? _permits;
        private readonly ICallObserver _calls;
        private int _returned;

        /// <param name="permits">Where the permit goes back; null for a pair started without one (the run was stopped).</param>
        public PairStart(PairStarts? permits, ICallObserver calls)
        {
            _permits = permits;
            _calls = calls;
        }

        public bool WantsAnswers => Volatile.Read(ref _returned) == 0;

        public void OnCall(AwsRequest request) => _calls.OnCall(request);

        public void OnRetry(AwsRequest request, int attempt, TimeSpan delay, string reason) => _calls.OnRetry(request, attempt, delay, reason);

        public void OnAnswered(AwsRequest request) => Return();

        /// <summary>The pair has ended: the permit goes back if no call of it has been answered.</summary>
        public void Dispose() => Return();

        private void Return()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0) _permits?.Return();
        }
    }
}
