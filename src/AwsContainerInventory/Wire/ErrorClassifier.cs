using System;
using System.Collections.Generic;

namespace AwsContainerInventory.Wire
{
    /// <summary>Which failures are worth retrying, following the AWS SDKs' standard retry mode.</summary>
    internal static class ErrorClassifier
    {
        // botocore's standard-mode throttling codes.
        private static readonly HashSet<string> ThrottlingCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
            "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
            "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled",
            "SlowDown", "PriorRequestNotComplete", "EC2ThrottledException",
        };

        private static readonly HashSet<string> TransientCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete", "InternalError",
            "InternalFailure", "ServiceUnavailable", "ServiceUnavailableException", "ServerException",
            // Client-side conditions this module names itself.
            ClientCodes.ConnectionFailure, ClientCodes.Timeout, ClientCodes.MalformedResponse,
        };

        private static readonly HashSet<string> CredentialCodes = new HashSet<string>(StringComparer.Ordinal)
        {
            "InvalidSignatureException", "SignatureDoesNotMatch", "UnrecognizedClientException",
            "InvalidClientTokenId", "IncompleteSignature", "IncompleteSignatureException", "ExpiredToken",
            "ExpiredTokenException", "InvalidAccessKeyId", "MissingAuthenticationToken", "AuthFailure",
        };

        public static bool IsThrottling(string errorCode, int statusCode) => statusCode == 429 || ThrottlingCodes.Contains(errorCode);

        public static bool IsRetryable(string errorCode, int statusCode)
        {
            if (IsCredentialRejection(errorCode)) return false;
            return IsThrottling(errorCode, statusCode) || TransientCodes.Contains(errorCode)
                || statusCode == 500 || statusCode == 502 || statusCode == 503 || statusCode == 504;
        }

        public static bool IsCredentialRejection(string errorCode) => CredentialCodes.Contains(errorCode);

        public static bool IsAccessDenied(string errorCode, int statusCode) =>
            errorCode == "AccessDenied" || errorCode == "AccessDeniedException" || errorCode == "UnauthorizedOperation"
            || (statusCode == 403 && !IsCredentialRejection(errorCode));

        public static bool IsNotFound(string errorCode) =>
            errorCode == "ClusterNotFoundException" || errorCode == "RepositoryNotFoundException"
            || errorCode == "ServiceNotFoundException" || errorCode == "NoSuchEntity";
    }
}
