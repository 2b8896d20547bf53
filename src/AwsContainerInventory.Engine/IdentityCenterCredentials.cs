using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Amazon.Runtime.CredentialManagement;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Engine
{
    /// <summary>
    /// IAM Identity Center (SSO) profiles, in both forms (sso_session and the legacy sso_start_url). AWSSDK.Core reads
    /// the cached sign-in token and calls the portal's GetRoleCredentials (AWSSDK.SSO, AWSSDK.SSOOIDC). The module never
    /// starts a sign-in itself: a missing or expired token is an error that says to run <c>aws sso login</c>.
    /// </summary>
    internal static class IdentityCenterCredentials
    {
        /// <summary>Fails, saying to run aws sso login, when the profile has no cached token the SDK could use.</summary>
        public static void RequireCachedToken(string profileName, CredentialProfileOptions options)
        {
            string? cacheFile = CacheFile(options);
            TokenState state = cacheFile == null ? TokenState.Missing : ReadToken(cacheFile);
            if (state == TokenState.Missing)
                throw new CredentialsUnavailableException("Profile '" + profileName + "' signs in through IAM Identity Center, and there is no cached sign-in token"
                    + (cacheFile == null ? string.Empty : " (" + cacheFile + ")") + ": " + Login(profileName) + ".", null, profileName);
            if (state == TokenState.Expired)
                throw new CredentialsUnavailableException("Profile '" + profileName + "': the IAM Identity Center sign-in token in " + cacheFile
                    + " has expired: " + Login(profileName) + ".", null, profileName);
        }

        /// <summary>The message for a failure of the SDK's own IAM Identity Center call.</summary>
        public static Func<Exception, string> Explain(string profileName) =>
            error => "Profile '" + profileName + "': IAM Identity Center gave no role credentials; if the sign-in has ended, " + Login(profileName) + ".";

        private static string Login(string profileName) => "run 'aws sso login --profile " + profileName + "' and try again";

        /// <summary>
        /// The token cache file, as the AWS CLI names it: the SHA-1 of the sso_session name (or, for legacy profiles,
        /// of the start URL), in hexadecimal, under ~/.aws/sso/cache.
        /// </summary>
        internal static string? CacheFile(CredentialProfileOptions options)
        {
            string? key = !string.IsNullOrEmpty(options.SsoSession) ? options.SsoSession : options.SsoStartUrl;
            if (string.IsNullOrEmpty(key)) return null;
            using SHA1 sha1 = SHA1.Create();
            byte[] hash = sha1.ComputeHash(Encoding.UTF8.GetBytes(key));
            var hex = new StringBuilder(hash.Length * 2);
            foreach (byte b in hash) hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            return Path.Combine(home, ".aws", "sso", "cache", hex + ".json");
        }

        private enum TokenState { Missing, Expired, Usable }

        // A token the SDK can refresh (a refresh token and a live client registration) is usable even when expired.
        private static TokenState ReadToken(string path)
        {
            if (!File.Exists(path)) return TokenState.Missing;
            try
            {
                using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
                JsonElement root = document.RootElement;
                if (!root.TryGetProperty("accessToken", out JsonElement token) || token.ValueKind != JsonValueKind.String || token.GetString()!.Length == 0)
                    return TokenState.Missing;
                DateTime now = DateTime.UtcNow;
                if (!IsAfter(root, "expiresAt", now) && !(root.TryGetProperty("refreshToken", out JsonElement refresh) && refresh.ValueKind == JsonValueKind.String
                    && IsAfter(root, "registrationExpiresAt", now)))
                    return TokenState.Expired;
                return TokenState.Usable;
            }
            catch (Exception error) when (error is JsonException || error is IOException || error is UnauthorizedAccessException)
            {
                return TokenState.Missing;
            }
        }

        private static bool IsAfter(JsonElement root, string member, DateTime now) =>
            root.TryGetProperty(member, out JsonElement value) && value.ValueKind == JsonValueKind.String
            && DateTime.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out DateTime time)
            && time > now;
    }
}
