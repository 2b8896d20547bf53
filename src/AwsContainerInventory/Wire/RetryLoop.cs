using System;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// The retries of one call, in the SDKs' standard mode (<see cref="RetryPolicy"/>, <see cref="ErrorClassifier"/>,
    /// the pair's <see cref="RetryQuota"/>): how long the next attempt may take, and after a failed attempt whether to
    /// try again and after what wait.
    /// </summary>
    internal sealed class RetryLoop
    {
        private readonly RetryPolicy _policy;
        private readonly AwsRequest _request;
        private readonly TimeProvider _time;
        private readonly long _started;
        private int _lastRetryCost;
        private int _malformedRetries;
        private bool _hadConnectionFailure;

        public RetryLoop(RetryPolicy policy, AwsRequest request, TimeProvider time)
        {
            _policy = policy;
            _request = request;
            _time = time;
            _started = time.GetTimestamp();
        }

        /// <summary>The attempt about to be made, 0 for the first.</summary>
        public int Attempt { get; private set; }

        /// <summary>
        /// How long the next attempt may take: the policy's attempt timeout, shortened after a connection failure so that
        /// the call's connection retries stay within <see cref="RetryPolicy.ConnectionRetryBudget"/> (at least 1 s).
        /// </summary>
        public TimeSpan AttemptTimeout
        {
            get
            {
                TimeSpan timeout = _policy.AttemptTimeout;
                if (!_hadConnectionFailure) return timeout;
                TimeSpan remaining = _policy.ConnectionRetryBudget - _time.GetElapsedTime(_started);
                if (remaining >= timeout) return timeout;
                return remaining > TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1);
            }
        }

        /// <summary>The call ended in a 2xx answer that was read: its pair's quota gets back what botocore gives back.</summary>
        public void Succeeded() => _policy.OnSuccess(_request, _lastRetryCost);

        /// <summary>
        /// After a failed attempt: true, with the wait before the next one, when the failure is worth retrying and the
        /// retries, the connection budget and the pair's quota allow it; false when the failure is to be reported.
        /// </summary>
        /// <param name="connectionLevel">No answer arrived (a connection failure or a timeout).</param>
        /// <param name="timedOut">The attempt ran out of time: a retry costs what a timeout costs.</param>
        /// <param name="retryAfter">The server's hint, if its answer carried one.</param>
        public bool ShouldRetry(AwsServiceException failure, bool connectionLevel, bool timedOut, TimeSpan? retryAfter, out TimeSpan delay)
        {
            delay = _policy.Backoff(Attempt, retryAfter);
            // Connection failures and timeouts share one time budget per call, so an unreachable or hung
            // endpoint is reported within 30 seconds however many retries are allowed.
            if (connectionLevel) _hadConnectionFailure = true;
            bool outOfTime = connectionLevel && _time.GetElapsedTime(_started) + delay >= _policy.ConnectionRetryBudget - TimeSpan.FromSeconds(1);
            // An unreadable 2xx body is retried at most MalformedResponseRetries times: a body in a format the
            // reader does not expect will not change on a later try, and must not drain the pair's quota.
            bool malformed = failure.ErrorCode == ClientCodes.MalformedResponse;
            if (!ErrorClassifier.IsRetryable(failure.ErrorCode, failure.StatusCode) || Attempt >= _policy.MaxRetries || outOfTime
                || (malformed && _malformedRetries >= RetryPolicy.MalformedResponseRetries)
                || !_policy.TryAcquireRetry(_request, timedOut, out int cost))
            {
                return false;
            }
            if (malformed) _malformedRetries++;
            // botocore refunds only the last retry's cost when the call finally succeeds.
            _lastRetryCost = cost;
            Attempt++;
            return true;
        }
    }
}
