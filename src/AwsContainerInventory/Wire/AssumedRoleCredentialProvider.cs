using System;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// Credentials of an assumed role: assumed on first use, shared by every region of the role, and
    /// assumed again shortly before they expire so a run longer than the session duration loses nothing.
    /// </summary>
    internal sealed class AssumedRoleCredentialProvider : ICredentialProvider
    {
        private readonly Lazy<IStsClient> _sts;
        private readonly SemaphoreSlim _refreshLock = new SemaphoreSlim(1, 1);
        private readonly TimeProvider _time;
        private AwsCredentials? _current;
        private DateTime _issuedAt;

        public AssumedRoleCredentialProvider(string roleArn, string roleSessionName, int durationSeconds, Func<IStsClient> stsFactory,
            TimeProvider? time = null, string? externalId = null)
        {
            RoleArn = roleArn;
            RoleSessionName = roleSessionName;
            DurationSeconds = durationSeconds;
            ExternalId = externalId;
            _sts = new Lazy<IStsClient>(stsFactory);
            _time = time ?? TimeProvider.System;
        }

        public string RoleArn { get; }
        public string RoleSessionName { get; }
        public int DurationSeconds { get; }

        /// <summary>A profile's external_id, passed to AssumeRole; never shown.</summary>
        private string? ExternalId { get; }
        public string Description => "AssumeRole " + RoleArn;

        public async Task<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
        {
            AwsCredentials? current = _current;
            if (current != null && !NeedsRefresh(current)) return current;

            await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                current = _current;
                if (current != null && !NeedsRefresh(current)) return current;
                DateTime issuedAt = _time.GetUtcNow().UtcDateTime;
                AwsCredentials assumed;
                try
                {
                    assumed = await _sts.Value.AssumeRoleAsync(RoleArn, RoleSessionName, DurationSeconds, ExternalId, cancellationToken).ConfigureAwait(false);
                }
                catch (AwsServiceException error)
                {
                    throw new RoleAssumptionException(RoleArn, error);
                }
                _issuedAt = issuedAt;
                _current = assumed;
                return assumed;
            }
            finally
            {
                _refreshLock.Release();
            }
        }

        public bool IsCurrent(AwsCredentials credentials) => !NeedsRefresh(credentials);

        // Refresh five minutes before expiry, or a quarter of the lifetime when credentials live shorter than that.
        private bool NeedsRefresh(AwsCredentials credentials)
        {
            if (!credentials.Expiration.HasValue) return false;
            TimeSpan lifetime = credentials.Expiration.Value - _issuedAt;
            TimeSpan margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(5).Ticks, Math.Max(0, lifetime.Ticks / 4)));
            return _time.GetUtcNow().UtcDateTime >= credentials.Expiration.Value - margin;
        }
    }
}
