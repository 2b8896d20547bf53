using System;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// The AWS SDKs' standard retry mode, as botocore implements it (retries/standard.py): truncated exponential
    /// backoff with full jitter, <c>rand × min(2^attempt s, 20 s)</c>, and retry quotas so that an endpoint that keeps
    /// failing is not hammered. botocore keeps one quota per client; the session keeps one per (credentials × region),
    /// which is one per (account × region), so a throttled account backs off without using up the others' retries.
    /// </summary>
    internal sealed class RetryPolicy
    {
        /// <summary>botocore's RetryQuota.INITIAL_CAPACITY.</summary>
        public const int QuotaCapacity = 500;

        /// <summary>What a retry takes from the quota (botocore's _RETRY_COST).</summary>
        public const int RetryCost = 5;

        /// <summary>What a retry after a connect or read timeout takes (botocore's _TIMEOUT_RETRY_REQUEST).</summary>
        public const int TimeoutRetryCost = 10;

        /// <summary>What a call that succeeded at its first attempt gives back (botocore's _NO_RETRY_INCREMENT).</summary>
        public const int NoRetryIncrement = 1;

        /// <summary>
        /// Retries of a 2xx answer whose body cannot be read. botocore retries none (a parse failure is raised at once);
        /// one retry covers a proxy's one-off error page without spending the quota on an answer that will not change.
        /// </summary>
        public const int MalformedResponseRetries = 1;

        /// <summary>A server's retry-after hint may lengthen the backoff by at most this (botocore's _RETRY_AFTER_MAX_ADDITIONAL).</summary>
        public static readonly TimeSpan RetryAfterMaxAdditional = TimeSpan.FromSeconds(5);

        private readonly object _lock = new object();
        private readonly Func<double> _random;
        private readonly PairMap<RetryQuota> _quotas = new PairMap<RetryQuota>();

        /// <param name="maxRetries">Retries after the first attempt.</param>
        /// <param name="random">A source of samples in [0, 1] for the jitter; tests inject one to assert exact delays.</param>
        public RetryPolicy(int maxRetries, Func<double>? random = null)
        {
            if (maxRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxRetries));
            MaxRetries = maxRetries;
            _random = random ?? SharedRandom();
        }

        public int MaxRetries { get; }

        /// <summary>The first backoff ceiling, doubled each attempt (botocore: 1 s, growth factor 2).</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

        /// <summary>The largest backoff ceiling (botocore's _MAX_BACKOFF, 20 s).</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>How long one attempt may take before it counts as a timeout and is retried.</summary>
        public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>
        /// How long a call may keep retrying connection failures and timeouts, counted from its first attempt:
        /// an unreachable endpoint is reported within 30 seconds whatever MaxRetries is.
        /// </summary>
        public TimeSpan ConnectionRetryBudget { get; set; } = TimeSpan.FromSeconds(25);

        /// <summary>The quota of the pair <paramref name="credentials"/> × <paramref name="region"/>, made on first use.</summary>
        public RetryQuota QuotaFor(ICredentialProvider credentials, string region) =>
            _quotas.GetOrAdd(credentials, region, () => new RetryQuota());

        /// <summary>Takes retry capacity for one more attempt of <paramref name="request"/> from its pair's quota (see <see cref="RetryQuota.TryAcquire"/>).</summary>
        public bool TryAcquireRetry(AwsRequest request, bool afterTimeout, out int cost) =>
            QuotaFor(request.Credentials, request.Region).TryAcquire(afterTimeout, out cost);

        /// <summary><paramref name="request"/> ended in a 2xx answer that was read (see <see cref="RetryQuota.Release"/>).</summary>
        public void OnSuccess(AwsRequest request, int lastRetryCost) => QuotaFor(request.Credentials, request.Region).Release(lastRetryCost);

        /// <summary>
        /// The wait before retry <paramref name="attempt"/> + 1 (attempt 0 is the first try):
        /// <c>rand × min(BaseDelay · 2^attempt, MaxDelay)</c>. A server hint (x-amz-retry-after or Retry-After) is
        /// honoured as botocore does: never less than that backoff, never more than it plus <see cref="RetryAfterMaxAdditional"/>.
        /// </summary>
        public TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
        {
            double ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(Math.Max(attempt, 0), 30)));
            double sample;
            lock (_lock) sample = _random();
            double backoff = Math.Max(0, Math.Min(1, sample)) * ceiling;
            if (retryAfter.HasValue && retryAfter.Value > TimeSpan.Zero)
                backoff = Math.Max(backoff, Math.Min(retryAfter.Value.TotalMilliseconds, backoff + RetryAfterMaxAdditional.TotalMilliseconds));
            return TimeSpan.FromTicks((long)Math.Round(backoff * TimeSpan.TicksPerMillisecond));
        }

        private static Func<double> SharedRandom()
        {
            var random = new Random();
            // Called under _lock: System.Random is not thread-safe.
            return random.NextDouble;
        }
    }
}
