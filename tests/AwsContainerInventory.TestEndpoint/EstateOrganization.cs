using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>An organizational unit (or, with a null parent, the root) of the scripted organization.</summary>
public sealed record OrganizationalUnit(string Id, string? ParentId, string Name);

/// <summary>A member account of the scripted organization, placed under a root or OU.</summary>
public sealed record OrganizationMember(string Id, string Name, string State, string ParentId, DateTimeOffset JoinedAt);

/// <summary>How an account's regions are set: the opt-in regions it opted in to; every other opt-in region is rejected.</summary>
public sealed record RegionOptIn(IReadOnlySet<string> OptedIn);

/// <summary>Organization generation (<c>POST /_control/organization/generate</c>); every member gets a role to assume.</summary>
public sealed record OrganizationGenerationOptions
{
    public string ManagementAccountId { get; init; } = Estate.DefaultAccountId;
    public int Members { get; init; } = 3;
    public string FirstAccountId { get; init; } = "200000000001";
    public string RoleName { get; init; } = "Inventory";

    /// <summary>OUs under the root, each with one child OU; members go round-robin to those OUs and children (0: all under the root).</summary>
    public int OrganizationalUnits { get; init; }

    /// <summary>Every Nth member is SUSPENDED (0: none).</summary>
    public int SuspendedEveryNth { get; init; }

    /// <summary>Opt-in regions every member (and the management account) opted in to; all others are not opted in and are rejected.</summary>
    public IReadOnlyList<string>? OptedInRegions { get; init; }

    public static OrganizationGenerationOptions FromJson(JsonObject json) => new()
    {
        ManagementAccountId = json["managementAccountId"]?.GetValue<string>() ?? Estate.DefaultAccountId,
        Members = json["members"]?.GetValue<int>() ?? 3,
        FirstAccountId = json["firstAccountId"]?.GetValue<string>() ?? "200000000001",
        RoleName = json["roleName"]?.GetValue<string>() ?? "Inventory",
        OrganizationalUnits = json["organizationalUnits"]?.GetValue<int>() ?? 0,
        SuspendedEveryNth = json["suspendedEveryNth"]?.GetValue<int>() ?? 0,
        OptedInRegions = (json["optedInRegions"] as JsonArray)?.Select(r => r!.GetValue<string>()).ToList(),
    };
}

/// <summary>
/// The AWS Organizations side of the estate: one organization (a management account, delegated administrators, a
/// root, OUs and member accounts), and per account which opt-in regions are enabled. An account with region
/// settings has its calls to an opt-in region it has not opted in to rejected as AWS does (the credentials are
/// unknown there); an account without settings accepts every region, as before the settings existed.
/// </summary>
public sealed partial class Estate
{
    /// <summary>The regions of the aws partition that need no opt-in (DescribeRegions: opt-in-not-required).</summary>
    public static readonly IReadOnlyList<string> DefaultRegions =
    [
        "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ca-central-1",
        "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
    ];

    /// <summary>The aws partition's opt-in regions (DescribeRegions: opted-in or not-opted-in).</summary>
    public static readonly IReadOnlyList<string> OptInRegions =
    [
        "af-south-1", "ap-east-1", "ap-south-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "ca-west-1",
        "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1", "mx-central-1",
    ];

    private readonly Dictionary<string, OrganizationalUnit> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrganizationMember> _members = new(StringComparer.Ordinal);
    private readonly List<string> _memberOrder = [];
    private readonly HashSet<string> _delegatedAdministrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegionOptIn> _regionOptIn = new(StringComparer.Ordinal);
    private string? _managementAccountId;
    private string? _rootId;

    /// <summary>The organization's management account, or null when there is no organization.</summary>
    public string? ManagementAccountId { get { lock (_sync) { return _managementAccountId; } } }

    public string? RootId { get { lock (_sync) { return _rootId; } } }

    /// <summary>Creates the organization (replacing any): its management account is a member under the root.</summary>
    public string CreateOrganization(string managementAccountId, string rootId = "r-ab12")
    {
        ValidateAccountId(managementAccountId);
        ValidateParentId(rootId);
        lock (_sync)
        {
            ClearOrganizationLocked();
            _managementAccountId = managementAccountId;
            _rootId = rootId;
            _units[rootId] = new OrganizationalUnit(rootId, null, "Root");
            AddMemberLocked(new OrganizationMember(managementAccountId, "management", "ACTIVE", rootId, DateTimeOffset.UtcNow));
        }
        return rootId;
    }

    public void AddOrganizationalUnit(string id, string parentId, string name)
    {
        ValidateParentId(id);
        lock (_sync)
        {
            RequireParentLocked(parentId);
            _units[id] = new OrganizationalUnit(id, parentId, name);
        }
    }

    /// <summary>Adds (or moves) a member account; <paramref name="state"/> is ACTIVE, SUSPENDED, PENDING_CLOSURE, ….</summary>
    public void AddAccount(string accountId, string name, string parentId, string state = "ACTIVE")
    {
        ValidateAccountId(accountId);
        lock (_sync)
        {
            RequireParentLocked(parentId);
            AddMemberLocked(new OrganizationMember(accountId, name, state, parentId, DateTimeOffset.UtcNow));
        }
    }

    /// <summary>Lets an account other than the management account list the organization (a delegated administrator).</summary>
    public void AddDelegatedAdministrator(string accountId)
    {
        ValidateAccountId(accountId);
        lock (_sync) { _delegatedAdministrators.Add(accountId); }
    }

    /// <summary>Gives the account region settings: it opted in to <paramref name="optedIn"/>, and no other opt-in region.</summary>
    public void SetRegionOptIn(string accountId, IEnumerable<string> optedIn)
    {
        ValidateAccountId(accountId);
        var regions = optedIn.ToHashSet(StringComparer.Ordinal);
        var unknown = regions.Where(r => !OptInRegions.Contains(r)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Not opt-in regions: {string.Join(", ", unknown)}. Opt-in regions: {string.Join(", ", OptInRegions)}.");
        }
        lock (_sync) { _regionOptIn[accountId] = new RegionOptIn(regions); }
    }

    /// <summary>The account's regions as DescribeRegions lists them: (name, opt-in status), every region of the partition.</summary>
    internal IReadOnlyList<(string Region, string OptInStatus)> RegionsOf(string accountId)
    {
        RegionOptIn? settings;
        lock (_sync) { settings = _regionOptIn.GetValueOrDefault(accountId); }
        return DefaultRegions.Select(r => (r, "opt-in-not-required"))
            .Concat(OptInRegions.Select(r => (r, settings is not null && settings.OptedIn.Contains(r) ? "opted-in" : "not-opted-in")))
            .ToList();
    }

    /// <summary>True when the account has region settings and <paramref name="region"/> is an opt-in region it has not opted in to.</summary>
    internal bool IsRegionDisabled(string accountId, string region)
    {
        lock (_sync)
        {
            return _regionOptIn.TryGetValue(accountId, out var settings) && OptInRegions.Contains(region) && !settings.OptedIn.Contains(region);
        }
    }

    /// <summary>Who may list the organization: its management account and delegated administrators.</summary>
    internal bool MayListOrganization(string accountId)
    {
        lock (_sync) { return accountId == _managementAccountId || _delegatedAdministrators.Contains(accountId); }
    }

    internal bool IsOrganizationMember(string accountId)
    {
        lock (_sync) { return _members.ContainsKey(accountId); }
    }

    /// <summary>Members in the order added (all, or those directly under <paramref name="parentId"/>). Caller must hold <see cref="SyncRoot"/>.</summary>
    internal IReadOnlyList<OrganizationMember> MembersLocked(string? parentId = null) =>
        _memberOrder.Select(id => _members[id]).Where(m => parentId is null || m.ParentId == parentId).ToList();

    /// <summary>OUs directly under <paramref name="parentId"/>, by id. Caller must hold <see cref="SyncRoot"/>.</summary>
    internal IReadOnlyList<OrganizationalUnit> UnitsUnderLocked(string parentId) =>
        _units.Values.Where(u => u.ParentId == parentId).OrderBy(u => u.Id, StringComparer.Ordinal).ToList();

    internal bool HasParentLocked(string parentId) => _units.ContainsKey(parentId);

    /// <summary>
    /// Creates an organization of <see cref="OrganizationGenerationOptions.Members"/> members (consecutive ids from
    /// FirstAccountId, each with role RoleName) and the management account; returns the member ids.
    /// </summary>
    public IReadOnlyList<string> GenerateOrganization(OrganizationGenerationOptions options)
    {
        string root = CreateOrganization(options.ManagementAccountId);
        var parents = new List<string>();
        for (int i = 1; i <= options.OrganizationalUnits; i++)
        {
            string unit = $"ou-ab12-{i:D8}";
            string child = $"ou-ab12-{i:D4}c{i:D3}";
            AddOrganizationalUnit(unit, root, "unit-" + i);
            AddOrganizationalUnit(child, unit, "unit-" + i + "-child");
            parents.Add(unit);
            parents.Add(child);
        }
        long first = long.Parse(options.FirstAccountId, CultureInfo.InvariantCulture);
        var members = new List<string>(options.Members);
        for (int i = 0; i < options.Members; i++)
        {
            string id = (first + i).ToString("D12", CultureInfo.InvariantCulture);
            bool suspended = options.SuspendedEveryNth > 0 && (i + 1) % options.SuspendedEveryNth == 0;
            AddAccount(id, "member-" + (i + 1), parents.Count == 0 ? root : parents[i % parents.Count], suspended ? "SUSPENDED" : "ACTIVE");
            AddRole(id, options.RoleName);
            members.Add(id);
        }
        if (options.OptedInRegions is { } optedIn)
        {
            foreach (string id in members.Append(options.ManagementAccountId)) SetRegionOptIn(id, optedIn);
        }
        return members;
    }

    /// <summary>The organization as JSON (the GET /_control/organization answer).</summary>
    public JsonObject OrganizationToJson()
    {
        lock (_sync)
        {
            return new JsonObject
            {
                ["managementAccountId"] = _managementAccountId,
                ["rootId"] = _rootId,
                ["delegatedAdministrators"] = new JsonArray(_delegatedAdministrators.Order(StringComparer.Ordinal).Select(a => (JsonNode?)a).ToArray()),
                ["organizationalUnits"] = new JsonArray(_units.Values.Where(u => u.ParentId is not null).OrderBy(u => u.Id, StringComparer.Ordinal)
                    .Select(u => (JsonNode?)new JsonObject { ["id"] = u.Id, ["parentId"] = u.ParentId, ["name"] = u.Name }).ToArray()),
                ["accounts"] = new JsonArray(MembersLocked().Select(m => (JsonNode?)new JsonObject
                    { ["id"] = m.Id, ["name"] = m.Name, ["state"] = m.State, ["parentId"] = m.ParentId }).ToArray()),
                ["regionOptIn"] = new JsonObject(_regionOptIn.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key,
                    (JsonNode?)new JsonArray(p.Value.OptedIn.Order(StringComparer.Ordinal).Select(r => (JsonNode?)r).ToArray())))),
            };
        }
    }

    private void AddMemberLocked(OrganizationMember member)
    {
        if (!_members.ContainsKey(member.Id)) _memberOrder.Add(member.Id);
        _members[member.Id] = member;
    }

    private void RequireParentLocked(string parentId)
    {
        if (_rootId is null) throw new InvalidOperationException("There is no organization: create it first.");
        if (!_units.ContainsKey(parentId)) throw new InvalidOperationException($"No root or OU '{parentId}' in the organization.");
    }

    /// <summary>Caller must hold <see cref="SyncRoot"/>.</summary>
    private void ClearOrganizationLocked()
    {
        _units.Clear();
        _members.Clear();
        _memberOrder.Clear();
        _delegatedAdministrators.Clear();
        _managementAccountId = null;
        _rootId = null;
    }

    /// <summary>Clears the organization and every account's region settings. Caller must hold <see cref="SyncRoot"/>.</summary>
    private void ClearOrganizationAndRegionsLocked()
    {
        ClearOrganizationLocked();
        _regionOptIn.Clear();
    }

    private static void ValidateParentId(string id)
    {
        if (id is null || !ParentIdPattern().IsMatch(id))
        {
            throw new ArgumentException($"Not a root (r-…) or OU (ou-…-…) id: '{id}'.", nameof(id));
        }
    }

    [GeneratedRegex("^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$")]
    internal static partial Regex ParentIdPattern();
}
