using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// AWS Organizations (AWSOrganizationsV20161128, JSON 1.1): ListAccounts, ListAccountsForParent and ListChildren of the
/// estate's organization, paged with NextToken (MaxResults 1..20, default 20), as the management account or a delegated
/// administrator sees them. Shapes and errors follow botocore's organizations 2016-11-28 model.
/// </summary>
internal sealed class OrganizationsHandler(Estate estate) : IServiceHandler
{
    public const string TargetPrefix = "AWSOrganizationsV20161128";

    public const int MaxResults = 20;

    public static readonly IReadOnlySet<string> Operations =
        new HashSet<string> { "ListAccounts", "ListAccountsForParent", "ListChildren" };

    private readonly Estate _estate = estate;

    public AwsResponse Handle(AwsCall call)
    {
        if (!_estate.IsOrganizationMember(call.AccountId) || _estate.ManagementAccountId is null)
        {
            throw new AwsServiceException(400, "AWSOrganizationsNotInUseException",
                "Your account is not a member of an organization.");
        }
        if (!_estate.MayListOrganization(call.AccountId))
        {
            throw new AwsServiceException(400, "AccessDeniedException",
                "You don't have permissions to access this resource.");
        }
        return call.Operation switch
        {
            "ListAccounts" => ListAccounts(call),
            "ListAccountsForParent" => ListAccountsForParent(call),
            "ListChildren" => ListChildren(call),
            _ => throw new AwsServiceException(400, "UnknownOperationException", $"Unknown operation {call.Operation}"),
        };
    }

    private AwsResponse ListAccounts(AwsCall call)
    {
        List<OrganizationMember> members;
        lock (_estate.SyncRoot) { members = _estate.MembersLocked().ToList(); }
        return Page(call, "ListAccounts", "Accounts", members, AccountJson);
    }

    private AwsResponse ListAccountsForParent(AwsCall call)
    {
        string parentId = ParentId(call);
        List<OrganizationMember> members;
        lock (_estate.SyncRoot)
        {
            RequireParent(parentId);
            members = _estate.MembersLocked(parentId).ToList();
        }
        return Page(call, "ListAccountsForParent|" + parentId, "Accounts", members, AccountJson);
    }

    private AwsResponse ListChildren(AwsCall call)
    {
        string parentId = ParentId(call);
        string childType = call.Json.String("ChildType") ?? throw InvalidInput("MISSING_REQUIRED_PARAMETER", "ChildType is required.");
        var children = new List<JsonObject>();
        lock (_estate.SyncRoot)
        {
            RequireParent(parentId);
            children = childType switch
            {
                "ORGANIZATIONAL_UNIT" => _estate.UnitsUnderLocked(parentId).Select(u => Child(u.Id, childType)).ToList(),
                "ACCOUNT" => _estate.MembersLocked(parentId).Select(m => Child(m.Id, childType)).ToList(),
                _ => throw InvalidInput("INVALID_ENUM", $"Value '{childType}' at 'childType' failed to satisfy constraint: Member must satisfy enum value set: [ACCOUNT, ORGANIZATIONAL_UNIT]"),
            };
        }
        return Page(call, "ListChildren|" + parentId + "|" + childType, "Children", children, c => c);
    }

    private static AwsResponse Page<T>(AwsCall call, string query, string member, IReadOnlyList<T> items, Func<T, JsonObject> toJson)
    {
        int? maxResults = call.Json.Int("MaxResults");
        if (maxResults is < 1 or > MaxResults)
        {
            throw InvalidInput("INPUT_REQUIRED", $"Value '{maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and {MaxResults}");
        }
        string queryKey = $"{query}|{call.AccountId}";
        if (!PageTokens.TryReadOffset(call.Json.String("NextToken"), queryKey, out int offset))
        {
            throw InvalidInput("INVALID_PAGINATION_TOKEN", "The provided pagination token is invalid.");
        }
        int size = maxResults ?? MaxResults;
        var page = items.Skip(offset).Take(size).Select(toJson).ToList();
        var body = new JsonObject { [member] = new JsonArray(page.Select(p => (JsonNode?)p).ToArray()) };
        if (PageTokens.Next(offset + page.Count, items.Count, queryKey) is { } next) body["NextToken"] = next;
        return AwsWire.Json(body);
    }

    private static string ParentId(AwsCall call)
    {
        string parentId = call.Json.String("ParentId") ?? throw InvalidInput("MISSING_REQUIRED_PARAMETER", "ParentId is required.");
        if (!Estate.ParentIdPattern().IsMatch(parentId))
        {
            throw InvalidInput("INVALID_PATTERN", $"Value '{parentId}' at 'parentId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(r-[0-9a-z]{{4,32}})|(ou-[0-9a-z]{{4,32}}-[a-z0-9]{{8,32}})$");
        }
        return parentId;
    }

    /// <summary>Caller must hold the estate's lock.</summary>
    private void RequireParent(string parentId)
    {
        if (!_estate.HasParentLocked(parentId))
        {
            throw new AwsServiceException(400, "ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.");
        }
    }

    private JsonObject AccountJson(OrganizationMember member) => new()
    {
        ["Id"] = member.Id,
        ["Arn"] = $"arn:aws:organizations::{_estate.ManagementAccountId}:account/o-scripted01/{member.Id}",
        ["Email"] = member.Name + "@example.com",
        ["Name"] = member.Name,
        // State (the lifecycle) replaces Status (ACTIVE, SUSPENDED, PENDING_CLOSURE), which stays until September 2026.
        ["Status"] = member.State is "ACTIVE" or "SUSPENDED" or "PENDING_CLOSURE" ? member.State : "SUSPENDED",
        ["State"] = member.State,
        ["JoinedMethod"] = "CREATED",
        ["JoinedTimestamp"] = member.JoinedAt.ToUnixTimeMilliseconds() / 1000.0,
    };

    private static JsonObject Child(string id, string type) => new() { ["Id"] = id, ["Type"] = type };

    private static AwsServiceException InvalidInput(string reason, string message) =>
        new(400, "InvalidInputException", $"{message} (reason {reason})");
}
