using System;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// One retry quota, as botocore's RetryQuota (retries/quota.py) keeps one per client: a retry takes
    /// <see cref="RetryPolicy.RetryCost"/> (<see cref="RetryPolicy.TimeoutRetryCost"/> after a timeout), a call that
    /// then succeeds gives back its last retry's cost, one that needed none gives back
    /// <see cref="RetryPolicy.NoRetryIncrement"/>; with the quota spent, failures are reported at once. The session keeps
    /// one per (account × region), so an endpoint that keeps failing for one pair never stops another pair's retries.
    /// </summary>
    internal sealed class RetryQuota
    {
        private readonly object _lock = new object();
        private int _available = RetryPolicy.QuotaCapacity;

        public int Available { get { lock (_lock) return _available; } }

        /// <summary>Takes capacity for one more attempt; false (and cost 0) when the quota cannot pay for it.</summary>
        public bool TryAcquire(bool afterTimeout, out int cost)
        {
            cost = afterTimeout ? RetryPolicy.TimeoutRetryCost : RetryPolicy.RetryCost;
            lock (_lock)
            {
                if (_available < cost) { cost = 0; return false; }
                _available -= cost;
                return true;
            }
        }

        /// <summary>
        /// A call ended in a 2xx answer that was read: gives back what its last retry took, or
        /// <see cref="RetryPolicy.NoRetryIncrement"/> when it needed none (botocore's release_retry_quota). Earlier
        /// retries of the same call stay spent.
        /// </summary>
        public void Release(int lastRetryCost)
        {
            int refund = lastRetryCost > 0 ? lastRetryCost : RetryPolicy.NoRetryIncrement;
            lock (_lock) _available = Math.Min(RetryPolicy.QuotaCapacity, _available + refund);
        }
    }
}
