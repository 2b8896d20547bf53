using System;
using System.Collections.Generic;
using System.Management.Automation;
using AwsContainerInventory.Wire;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// The module's ErrorRecords: a stable FullyQualifiedErrorId, a fitting category and the real target
    /// (role ARN, region, cluster or repository). Messages carry AWS's code and request id, never a secret.
    /// </summary>
    internal static class InventoryErrors
    {
        public const string CredentialsRejected = "AwsCredentialsRejected";
        public const string CredentialsUnavailableId = "AwsCredentialsUnavailable";
        public const string AccessDenied = "AwsAccessDenied";
        public const string Throttled = "AwsThrottled";
        public const string NotDescribedId = "EcsDescribeFailed";
        public const string EndpointUnreachable = "AwsEndpointUnreachable";
        public const string MalformedResponse = "AwsMalformedResponse";
        public const string ServiceError = "AwsServiceError";
        public const string RoleAssumptionFailed = "AwsRoleAssumptionFailed";
        public const string NoRegion = "AwsNoRegion";
        public const string UnexpectedError = "AwsInventoryUnexpectedError";
        public const string OrganizationUnavailable = "AwsOrganizationAccountsUnavailable";
        public const string RegionsUnavailableId = "AwsEnabledRegionsUnavailable";
        public const string RegionNotEnabledId = "AwsRegionNotEnabled";

        public static bool IsScopeFailure(Exception error) => error is AwsServiceException || error is CredentialsUnavailableException;

        /// <summary>A whole (role × region) pair, or one operation of it, failed.</summary>
        public static ErrorRecord ScopeFailed(Exception error, InventoryScope scope, string what) =>
            Build(error, what + " failed for " + scope.Label + ": " + error.Message, scope.Target);

        /// <summary>One item (a repository, a cluster) failed; the rest of its pair went on.</summary>
        public static ErrorRecord ItemFailed(Exception error, InventoryScope scope, string what, string item) =>
            Build(error, what + " " + item + " failed for " + scope.Label + ": " + error.Message, item);

        public static ErrorRecord RoleFailed(Exception error, string roleArn)
        {
            var (_, category) = Classify(error);
            string message = "Could not assume role " + roleArn + ": " + error.Message;
            return Record(new InvalidOperationException(message, error), RoleAssumptionFailed, category, roleArn, message);
        }

        /// <summary>Credentials could not be had: the target is the profile, the role ARN or "default chain".</summary>
        public static ErrorRecord CredentialsUnavailable(CredentialsUnavailableException error) =>
            error is RoleAssumptionException role
                ? RoleFailed(role.InnerException!, role.RoleArn)
                : Record(error, CredentialsUnavailableId, ErrorCategory.AuthenticationError, error.Target, error.Message);

        /// <summary>The organization's accounts could not be listed (completely): the target is the OU, or the caller's credentials.</summary>
        public static ErrorRecord OrganizationFailed(OrganizationListingException error)
        {
            var (_, category) = Classify(error.Error);
            if (error.Error.ErrorCode == "ParentNotFoundException") category = ErrorCategory.ObjectNotFound;
            return Record(error, OrganizationUnavailable, category, error.Target, error.Message);
        }

        /// <summary>
        /// -Region All: an account's enabled regions (ec2:DescribeRegions) could not be read, so its opt-in regions were not;
        /// <paramref name="readAnyway"/> regions, those every account has, were read all the same (none when the home
        /// partition has no such region).
        /// </summary>
        public static ErrorRecord RegionsUnavailable(Exception error, string? roleArn, string? accountId, string homeRegion, int readAnyway)
        {
            var (_, category) = Classify(error);
            string who = roleArn != null ? "role " + roleArn : accountId != null ? "account " + accountId : "the session's credentials";
            string what = readAnyway > 0
                ? "so only the " + readAnyway + " regions every account has were read, none of the opt-in regions it may have enabled"
                : "so none of its regions was read";
            string message = "Could not read the enabled regions (ec2:DescribeRegions in " + homeRegion + ") of " + who + ", " + what + ": " + error.Message;
            return Record(new InvalidOperationException(message, error), RegionsUnavailableId, category, (object?)roleArn ?? accountId ?? homeRegion, message);
        }

        /// <summary>A region given by name is not enabled in the pair's account (an opt-in region it has not opted in to).</summary>
        public static ErrorRecord RegionNotEnabled(Exception error, InventoryScope scope, string what, IReadOnlyList<string> enabled)
        {
            string account = scope.AccountId != null ? "account " + scope.AccountId : "the account of the session's credentials";
            string message = what + " failed for " + scope.Label + ": region " + scope.Region + " is not enabled in " + account
                + " (an opt-in region it has not opted in to). Its enabled regions: " + string.Join(", ", enabled) + ".";
            return Record(new InvalidOperationException(message, error), RegionNotEnabledId, ErrorCategory.InvalidArgument, scope.Target, message);
        }

        public static ErrorRecord NotFound(string errorId, string what, string name, string where)
        {
            string message = what + " '" + name + "' was not found in " + where + ".";
            return Record(new ItemNotFoundException(message), errorId, ErrorCategory.ObjectNotFound, name, message);
        }

        /// <summary>
        /// A Describe call answered but put <paramref name="item"/> under <c>failures</c> with <paramref name="reason"/>.
        /// MISSING (for an item listed moments before) is ObjectNotFound; any other reason means it could not be read.
        /// </summary>
        public static ErrorRecord NotDescribed(InventoryScope scope, string operation, string what, string item, string reason)
        {
            bool missing = reason == ClusterReader.Missing;
            string message = operation + " could not describe " + what + " " + item + " in " + scope.Label + ": " + reason
                + (missing ? " (it was listed moments before, so it has probably just been deleted)." : ".");
            Exception exception = missing ? new ItemNotFoundException(message) : new InvalidOperationException(message);
            return Record(exception, NotDescribedId, missing ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError, item, message);
        }

        public static ErrorRecord Unexpected(Exception error) =>
            Record(error, UnexpectedError, ErrorCategory.NotSpecified, null, "Unexpected failure: " + error.Message);

        private static ErrorRecord Build(Exception error, string message, object target)
        {
            var (id, category) = Classify(error);
            return Record(error, id, category, target, message);
        }

        private static (string Id, ErrorCategory Category) Classify(Exception error)
        {
            if (error is RoleAssumptionException role) return (RoleAssumptionFailed, Classify(role.InnerException!).Category);
            if (error is CredentialsUnavailableException) return (CredentialsUnavailableId, ErrorCategory.AuthenticationError);
            if (!(error is AwsServiceException aws)) return (UnexpectedError, ErrorCategory.NotSpecified);
            if (aws.IsCredentialRejection) return (CredentialsRejected, ErrorCategory.AuthenticationError);
            if (ErrorClassifier.IsThrottling(aws.ErrorCode, aws.StatusCode)) return (Throttled, ErrorCategory.LimitsExceeded);
            if (aws.IsAccessDenied) return (AccessDenied, ErrorCategory.PermissionDenied);
            if (aws.ErrorCode == ClientCodes.ConnectionFailure || aws.ErrorCode == ClientCodes.Timeout) return (EndpointUnreachable, ErrorCategory.ConnectionError);
            if (aws.ErrorCode == ClientCodes.MalformedResponse) return (MalformedResponse, ErrorCategory.InvalidResult);
            if (ErrorClassifier.IsNotFound(aws.ErrorCode)) return (ServiceError, ErrorCategory.ObjectNotFound);
            if (aws.StatusCode == 400) return (ServiceError, ErrorCategory.InvalidArgument);
            return (ServiceError, ErrorCategory.NotSpecified);
        }

        private static ErrorRecord Record(Exception exception, string id, ErrorCategory category, object? target, string message) =>
            new ErrorRecord(exception, id, category, target) { ErrorDetails = new ErrorDetails(message) };
    }
}
