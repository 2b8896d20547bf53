using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// AWS Organizations over AWS JSON 1.1. The service has one endpoint per partition (organizations.us-east-1.amazonaws.com
    /// in aws), which signs for its own region whatever region the session reads: the caller passes the signing region
    /// the endpoint rule set names.
    /// </summary>
    internal sealed class OrganizationsClient : AwsJsonClient, IOrganizationsClient
    {
        private const string TargetPrefix = "AWSOrganizationsV20161128.";
        private const string OrganizationalUnit = "ORGANIZATIONAL_UNIT";

        public OrganizationsClient(AwsTransport transport, Uri endpoint, string signingRegion, ICredentialProvider credentials, ICallObserver? observer)
            : base("organizations", TargetPrefix, transport, endpoint, signingRegion, credentials, observer)
        {
        }

        public Task<ApiPage<OrganizationAccount>> ListAccountsAsync(string? nextToken, CancellationToken cancellationToken)
        {
            byte[] body = JsonWire.Body(w => Paging(w, nextToken));
            return SendAsync("ListAccounts", body, ReadAccounts, cancellationToken);
        }

        public Task<ApiPage<OrganizationAccount>> ListAccountsForParentAsync(string parentId, string? nextToken, CancellationToken cancellationToken)
        {
            byte[] body = JsonWire.Body(w =>
            {
                w.WriteString("ParentId", parentId);
                Paging(w, nextToken);
            });
            return SendAsync("ListAccountsForParent", body, ReadAccounts, cancellationToken);
        }

        public Task<ApiPage<string>> ListOrganizationalUnitsAsync(string parentId, string? nextToken, CancellationToken cancellationToken)
        {
            byte[] body = JsonWire.Body(w =>
            {
                w.WriteString("ParentId", parentId);
                w.WriteString("ChildType", OrganizationalUnit);
                Paging(w, nextToken);
            });
            return SendAsync("ListChildren", body, root =>
            {
                var ids = JsonWire.Array(root, "Children").Select(child => JsonWire.String(child, "Id"))
                    .Where(id => !string.IsNullOrEmpty(id)).Select(id => id!).ToList();
                return new ApiPage<string>(ids, JsonWire.String(root, "NextToken"));
            }, cancellationToken);
        }

        private static void Paging(Utf8JsonWriter writer, string? nextToken)
        {
            writer.WriteOptionalString("NextToken", nextToken);
            writer.WriteNumber("MaxResults", OrganizationsLimits.MaxResults);
        }

        private static ApiPage<OrganizationAccount> ReadAccounts(JsonElement root)
        {
            var accounts = new List<OrganizationAccount>();
            foreach (JsonElement account in JsonWire.Array(root, "Accounts"))
            {
                string id = JsonWire.String(account, "Id") ?? throw new JsonException("An account without Id.");
                // State replaces Status (retired in September 2026); either says whether the account is ACTIVE.
                accounts.Add(new OrganizationAccount(id, JsonWire.String(account, "Name"), JsonWire.String(account, "State") ?? JsonWire.String(account, "Status")));
            }
            return new ApiPage<OrganizationAccount>(accounts, JsonWire.String(root, "NextToken"));
        }
    }
}
