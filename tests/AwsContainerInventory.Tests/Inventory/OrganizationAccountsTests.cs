using System.Collections.Concurrent;
using AwsContainerInventory.Inventory;
using AwsContainerInventory.Wire;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Tests.Inventory;

/// <summary>Account discovery: ListAccounts or OU recursion, ACTIVE accounts only, the caller's own without a role, kept for the session.</summary>
public class OrganizationAccountsTests
{
    private const string Caller = "AccessKey AKID****";

    /// <summary>A scripted organization: parent → OUs and accounts, paged by <see cref="PageSize"/>; counts every call.</summary>
    private sealed class FakeOrganization : IOrganizationsClient, IStsClient
    {
        public Dictionary<string, List<string>> Units { get; } = new();
        public Dictionary<string, List<OrganizationAccount>> Accounts { get; } = new();
        public ConcurrentQueue<string> Calls { get; } = new();
        public int PageSize { get; set; } = 2;
        public string CallerArn { get; set; } = "arn:aws:iam::111111111111:user/inventory";
        public Exception? ListFailure { get; set; }

        public Task<ApiPage<OrganizationAccount>> ListAccountsAsync(string? nextToken, CancellationToken cancellationToken) =>
            Page("ListAccounts", Accounts.Values.SelectMany(a => a).ToList(), nextToken);

        public Task<ApiPage<OrganizationAccount>> ListAccountsForParentAsync(string parentId, string? nextToken, CancellationToken cancellationToken) =>
            Page("ListAccountsForParent " + parentId, Accounts.GetValueOrDefault(parentId) ?? new List<OrganizationAccount>(), nextToken);

        public Task<ApiPage<string>> ListOrganizationalUnitsAsync(string parentId, string? nextToken, CancellationToken cancellationToken) =>
            Page("ListChildren " + parentId, Units.GetValueOrDefault(parentId) ?? new List<string>(), nextToken);

        public Task<AwsCredentials> AssumeRoleAsync(string roleArn, string roleSessionName, int durationSeconds, string? externalId, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public async Task<StsCallerIdentity> GetCallerIdentityAsync(CancellationToken cancellationToken)
        {
            Calls.Enqueue("GetCallerIdentity");
            await Task.Yield();
            return new StsCallerIdentity(ApiValues.AccountFromArn(CallerArn)!, CallerArn, "AIDA");
        }

        private async Task<ApiPage<T>> Page<T>(string call, IReadOnlyList<T> items, string? nextToken)
        {
            Calls.Enqueue(call + (nextToken == null ? string.Empty : " " + nextToken));
            await Task.Yield();
            if (ListFailure != null) throw ListFailure;
            int offset = nextToken == null ? 0 : int.Parse(nextToken);
            string? next = offset + PageSize < items.Count ? (offset + PageSize).ToString() : null;
            return new ApiPage<T>(items.Skip(offset).Take(PageSize).ToList(), next);
        }
    }

    private static OrganizationAccount Active(string id) => new(id, "name-" + id, "ACTIVE");

    private static FakeOrganization Tree()
    {
        // r-root: 111111111111 (the caller), 222222222222, a SUSPENDED 999999999999; ou-a: 333…, 444…, 555…; ou-a-child: 666…; ou-b: 777…
        var organization = new FakeOrganization();
        organization.Accounts["r-root"] = new() { Active("111111111111"), Active("222222222222"), new("999999999999", "gone", "SUSPENDED") };
        organization.Accounts["ou-aaaa-aaaaaaaa"] = new() { Active("333333333333"), Active("444444444444"), Active("555555555555") };
        organization.Accounts["ou-aaaa-child001"] = new() { Active("666666666666") };
        organization.Accounts["ou-bbbb-bbbbbbbb"] = new() { Active("777777777777") };
        organization.Units["r-root"] = new() { "ou-aaaa-aaaaaaaa", "ou-bbbb-bbbbbbbb" };
        organization.Units["ou-aaaa-aaaaaaaa"] = new() { "ou-aaaa-child001" };
        return organization;
    }

    private static async Task<List<DiscoveredAccount>> ListAsync(OrganizationAccounts accounts, FakeOrganization organization)
    {
        var found = new ConcurrentQueue<DiscoveredAccount>();
        await accounts.ListAsync(() => organization, () => organization, Caller, found.Enqueue, CancellationToken.None);
        return found.ToList();
    }

    [Fact]
    public async Task The_whole_organization_is_its_active_accounts_page_by_page_with_the_callers_own_read_without_a_role()
    {
        var organization = Tree();
        var accounts = new OrganizationAccounts("Inventory", Array.Empty<string>());

        var found = await ListAsync(accounts, organization);

        Assert.Equal(new[] { "111111111111", "222222222222", "333333333333", "444444444444", "555555555555", "666666666666", "777777777777" },
            found.Select(a => a.Id).Order());
        Assert.Null(found.Single(a => a.Id == "111111111111").RoleArn);
        Assert.Equal("arn:aws:iam::222222222222:role/Inventory", found.Single(a => a.Id == "222222222222").RoleArn);
        // 8 accounts, 2 a page: 4 pages, the next one asked with the previous token; the identity once.
        Assert.Equal(new[] { "GetCallerIdentity", "ListAccounts", "ListAccounts 2", "ListAccounts 4", "ListAccounts 6" }, organization.Calls.Order());
        Assert.Equal(7, accounts.Listed!.Count);
    }

    [Fact]
    public async Task The_listing_is_kept_for_the_session()
    {
        var organization = Tree();
        var accounts = new OrganizationAccounts("Inventory", Array.Empty<string>());

        var first = await ListAsync(accounts, organization);
        int calls = organization.Calls.Count;
        var second = await ListAsync(accounts, organization);

        Assert.Equal(calls, organization.Calls.Count);
        Assert.Equal(first.Select(a => a.Id), second.Select(a => a.Id));
    }

    [Fact]
    public async Task An_OU_is_read_with_every_OU_below_it_once_even_when_named_with_its_child()
    {
        var organization = Tree();
        var accounts = new OrganizationAccounts("path/Reader", new[] { "ou-aaaa-aaaaaaaa", "ou-aaaa-child001" });

        var found = await ListAsync(accounts, organization);

        Assert.Equal(new[] { "333333333333", "444444444444", "555555555555", "666666666666" }, found.Select(a => a.Id).Order());
        Assert.Equal("arn:aws:iam::666666666666:role/path/Reader", found.Single(a => a.Id == "666666666666").RoleArn);
        Assert.Equal(new[] { "GetCallerIdentity", "ListAccountsForParent ou-aaaa-aaaaaaaa", "ListAccountsForParent ou-aaaa-aaaaaaaa 2",
            "ListAccountsForParent ou-aaaa-child001", "ListChildren ou-aaaa-aaaaaaaa", "ListChildren ou-aaaa-child001" }, organization.Calls.Order());
    }

    [Fact]
    public async Task A_root_recurses_through_the_whole_tree()
    {
        var organization = Tree();
        var found = await ListAsync(new OrganizationAccounts("Inventory", new[] { "r-root" }), organization);

        Assert.Equal(7, found.Count);
        Assert.DoesNotContain(found, a => a.Id == "999999999999");
    }

    [Fact]
    public async Task Role_ARNs_are_in_the_callers_partition()
    {
        var organization = Tree();
        organization.CallerArn = "arn:aws-cn:sts::111111111111:assumed-role/Admin/me";

        var found = await ListAsync(new OrganizationAccounts("Inventory", Array.Empty<string>()), organization);

        Assert.Equal("arn:aws-cn:iam::222222222222:role/Inventory", found.Single(a => a.Id == "222222222222").RoleArn);
    }

    [Fact]
    public async Task A_listing_failure_names_the_OU_or_the_caller_and_nothing_is_kept()
    {
        var organization = Tree();
        organization.ListFailure = new AwsServiceException("organizations", "ListAccounts", "AccessDeniedException", "You don't have permissions", 400, "r-1");
        var whole = new OrganizationAccounts("Inventory", Array.Empty<string>());
        var unit = new OrganizationAccounts("Inventory", new[] { "ou-bbbb-bbbbbbbb" });

        var wholeError = await Assert.ThrowsAsync<OrganizationListingException>(() => ListAsync(whole, organization));
        var unitError = await Assert.ThrowsAsync<OrganizationListingException>(() => ListAsync(unit, organization));

        Assert.Equal(Caller, wholeError.Target);
        Assert.Contains("organizations:ListAccounts", wholeError.Message);
        Assert.Equal("AccessDeniedException", wholeError.Error.ErrorCode);
        Assert.Equal("ou-bbbb-bbbbbbbb", unitError.Target);
        Assert.Null(whole.Listed);
        organization.ListFailure = null;
        Assert.Equal(7, (await ListAsync(whole, organization)).Count);
    }
}
