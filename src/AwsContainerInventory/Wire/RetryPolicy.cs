using System;
using System.Threading;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// The AWS SDKs' standard retry mode: exponential backoff with full jitter, capped, and a retry quota
    /// shared by the whole session so that an endpoint that keeps failing is not hammered.
    /// </summary>
    internal sealed class RetryPolicy
    {
        public const int QuotaCapacity = 500;
        public const int RetryCost = 5;
        public const int TimeoutRetryCost = 10;

        private readonly object _lock = new object();
        private readonly Random _random = new Random();
        private int _quota = QuotaCapacity;

        public RetryPolicy(int maxRetries)
        {
            if (maxRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxRetries));
            MaxRetries = maxRetries;
        }

        public int MaxRetries { get; }

        /// <summary>First backoff ceiling; doubles each attempt. Small so throttled runs stay fast.</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

        /// <summary>Largest backoff. Keeps ten retries against an unreachable endpoint under 30 seconds.</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>Longest server retry-after hint honoured.</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>How long one attempt may take before it counts as a timeout and is retried.</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>
        /// How long a call may keep retrying connection failures and timeouts, counted from its first attempt:
        /// an unreachable endpoint is reported within 30 seconds whatever MaxRetries is.
        /// </summary>
        public TimeSpan ConnectionRetryBudget { get; set; } = TimeSpan.FromSeconds(25);

        public int AvailableQuota { get { lock (_lock) return _quota; } }

        /// <summary>Takes retry capacity for one more attempt; false when the quota is spent.</summary>
        public bool TryAcquireRetry(bool timeoutOrConnection, out int cost)
        {
            cost = timeoutOrConnection ? TimeoutRetryCost : RetryCost;
            lock (_lock)
            {
                if (_quota < cost) { cost = 0; return false; }
                _quota -= cost;
                return true;
            }
        }

        /// <summary>A call succeeded: refund what its retries took, or a token for a first-try success.</summary>
        public void OnSuccess(int retryCostTaken)
        {
            lock (_lock) _quota = Math.Min(QuotaCapacity, _quota + (retryCostTaken > 0 ? retryCostTaken : 1));
        }

        /// <summary>Full jitter: uniform in [0, min(MaxDelay, BaseDelay · 2^attempt)], or the server's hint.</summary>
        public TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue && retryAfter.Value > TimeSpan.Zero)
                return retryAfter.Value <= MaxRetryAfter ? retryAfter.Value : MaxRetryAfter;
            double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
            double sample;
            lock (_lock) sample = _random.NextDouble();
            return TimeSpan.FromMilliseconds(sample * ceiling);
        }
    }
}
