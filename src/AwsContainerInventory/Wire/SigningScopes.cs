using System;

namespace AwsContainerInventory.Wire
{
    /// <summary>A day's credential scope (<c>yyyyMMdd/region/service/aws4_request</c>) and the signing key derived for it.</summary>
    internal sealed class SigningScope
    {
        public SigningScope(string dateStamp, string region, string service, string scope, byte[] key)
        {
            DateStamp = dateStamp;
            Region = region;
            Service = service;
            Scope = scope;
            Key = key;
        }

        public string DateStamp { get; }
        public string Region { get; }
        public string Service { get; }
        public string Scope { get; }
        public byte[] Key { get; }

        public override string ToString() => Scope;
    }

    /// <summary>
    /// The signing keys one set of credentials has derived, by day, region and service: four HMACs a call saved, as the
    /// SDKs cache them, and no lookup key made per call. Kept with the credentials they come from, in memory only as the
    /// secret is, and gone with them; a set of credentials signs for a few regions and services a day, so a full cache
    /// (a long-lived session's days) simply starts again.
    /// </summary>
    internal sealed class SigningScopes
    {
        private const int MaxScopes = 128;
        private volatile SigningScope[] _scopes = Array.Empty<SigningScope>();
        private readonly object _lock = new object();

        /// <param name="amzDate">The request's <c>X-Amz-Date</c> (<c>yyyyMMddTHHmmssZ</c>): its first eight characters are the day.</param>
        public SigningScope Get(string secretAccessKey, string amzDate, string region, string service)
        {
            // Read without the lock: the array is replaced, never changed, once published.
            SigningScope[] scopes = _scopes;
            foreach (SigningScope scope in scopes)
            {
                if (string.CompareOrdinal(scope.DateStamp, 0, amzDate, 0, 8) == 0 && string.Equals(scope.Region, region, StringComparison.Ordinal)
                    && string.Equals(scope.Service, service, StringComparison.Ordinal))
                    return scope;
            }
            string dateStamp = amzDate.Substring(0, 8);
            var added = new SigningScope(dateStamp, region, service, dateStamp + "/" + region + "/" + service + "/aws4_request",
                SigV4Signer.SigningKey(secretAccessKey, dateStamp, region, service));
            lock (_lock)
            {
                SigningScope[] current = _scopes.Length >= MaxScopes ? Array.Empty<SigningScope>() : _scopes;
                var next = new SigningScope[current.Length + 1];
                Array.Copy(current, next, current.Length);
                next[current.Length] = added;
                _scopes = next;
            }
            return added;
        }
    }
}
