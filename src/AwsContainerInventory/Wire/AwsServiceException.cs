using System;
using System.Globalization;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory
{
    /// <summary>
    /// An AWS API call that failed: carries the AWS error code, message, HTTP status and request id,
    /// so a script can branch on <c>$_.Exception.ErrorCode</c>.
    /// </summary>
    public sealed class AwsServiceException : Exception
    {
        internal AwsServiceException(string service, string operation, string errorCode, string awsMessage, int statusCode, string? requestId, Exception? inner = null)
            : base(Describe(service, operation, errorCode, awsMessage, statusCode, requestId), inner)
        {
            Service = service;
            Operation = operation;
            ErrorCode = errorCode;
            AwsMessage = awsMessage;
            StatusCode = statusCode;
            RequestId = requestId;
        }

        /// <summary>ecr, ecs or sts.</summary>
        public string Service { get; }

        /// <summary>The API operation, such as DescribeRepositories.</summary>
        public string Operation { get; }

        /// <summary>The AWS error code (ClusterNotFoundException, AccessDenied, ThrottlingException, …), or the
        /// client-side condition (ConnectionFailure, Timeout, MalformedResponse).</summary>
        public string ErrorCode { get; }

        /// <summary>The message AWS returned.</summary>
        public string AwsMessage { get; }

        /// <summary>The HTTP status, 0 when no response arrived.</summary>
        public int StatusCode { get; }

        public string? RequestId { get; }

        /// <summary>True when AWS refused the credentials themselves (bad signature, unknown or expired key).</summary>
        public bool IsCredentialRejection => ErrorClassifier.IsCredentialRejection(ErrorCode);

        /// <summary>True when the caller lacks permission for this call.</summary>
        public bool IsAccessDenied => ErrorClassifier.IsAccessDenied(ErrorCode, StatusCode);

        private static string Describe(string service, string operation, string errorCode, string awsMessage, int statusCode, string? requestId)
        {
            string prefix = service.ToUpperInvariant() + " " + operation + " failed: ";
            if (ErrorClassifier.IsCredentialRejection(errorCode))
                prefix += "AWS rejected the credentials. ";
            string status = statusCode > 0 ? "HTTP " + statusCode.ToString(CultureInfo.InvariantCulture) : "no response";
            string id = string.IsNullOrEmpty(requestId) ? string.Empty : ", request id " + requestId;
            string message = string.IsNullOrEmpty(awsMessage) ? string.Empty : " " + awsMessage;
            return prefix + errorCode + "." + message + " (" + status + id + ")";
        }
    }
}
