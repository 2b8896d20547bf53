using System.Management.Automation;
using AwsContainerInventory.Inventory;
using AwsContainerInventory.Session;
using AwsContainerInventory.TestEndpoint;
using AwsContainerInventory.Tests.Support;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Endpoint;

/// <summary>
/// Whole organizations against the scripted endpoint (strict SigV4, Organizations paging, per-account opt-in regions):
/// discovery, the union with -RoleArn, exclusions, denied accounts and regions not enabled, every enabled region.
/// The base credentials (111111111111) are the management account.
/// </summary>
[Collection(SessionCollection.Name)]
public sealed class OrganizationEndpointTests : IAsyncLifetime
{
    private const string Region = "us-east-1";
    private const string FirstMember = "200000000001";
    private ScriptedAwsEndpoint _endpoint = null!;

    public async Task InitializeAsync() => _endpoint = await ScriptedAwsEndpoint.StartAsync();

    public async Task DisposeAsync()
    {
        SessionStore.Clear();
        await _endpoint.DisposeAsync();
    }

    private static string Member(int n) => (200000000000L + n).ToString();

    private static string Role(string account, string name = "Inventory") => "arn:aws:iam::" + account + ":role/" + name;

    /// <summary>An organization of the management account and <paramref name="members"/> members, two repositories in each account and region.</summary>
    private IReadOnlyList<string> Organization(int members, string[]? regions = null, int units = 0, int suspendedEveryNth = 0, string[]? optedIn = null)
    {
        _endpoint.Estate.Generate(new EstateGenerationOptions
        {
            Accounts = members, FirstAccountId = FirstMember, Regions = regions ?? new[] { Region },
            RepositoriesPerRegion = 2, PolicyEveryNthRepository = 0, TagsEveryNthRepository = 0, ClustersPerRegion = 0, TaskDefinitionsPerRegion = 0,
        });
        _endpoint.Estate.Generate(new EstateGenerationOptions
        {
            Accounts = 1, FirstAccountId = Estate.DefaultAccountId, Regions = regions ?? new[] { Region },
            RepositoriesPerRegion = 2, PolicyEveryNthRepository = 0, TagsEveryNthRepository = 0, ClustersPerRegion = 0, TaskDefinitionsPerRegion = 0,
        });
        return _endpoint.Estate.GenerateOrganization(new OrganizationGenerationOptions
        {
            Members = members, FirstAccountId = FirstMember, OrganizationalUnits = units, SuspendedEveryNth = suspendedEveryNth, OptedInRegions = optedIn,
        });
    }

    private InventorySession Connect(string[]? regions = null, string[]? roles = null, string? organizationRole = "Inventory", string[]? units = null,
        string[]? excluded = null, string? shard = null, int pageSize = 100, int parallelRequests = 8, string? homeRegion = null)
    {
        CmdletHarness.Connect(null, pageSize, parallelRequests, regions ?? new[] { Region }, roles, 2, _endpoint.BaseUri,
            new AwsCredentials(Estate.DefaultAccessKeyId, Estate.DefaultSecretAccessKey));
        InventorySession template = SessionStore.Current!;
        var session = new InventorySession(template.BaseCredentials, null, template.Regions, template.RoleArns, 3600, pageSize, parallelRequests, 2,
            _endpoint.BaseUri, isDefault: false,
            accounts: new AccountSettings(organizationRole, units ?? Array.Empty<string>(), excluded ?? Array.Empty<string>(), shard == null ? null : Shard.Parse(shard)),
            homeRegion: homeRegion);
        session.Transport.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        session.Transport.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        SessionStore.Set(session);
        return session;
    }

    private IEnumerable<string> AssumedRoles => _endpoint.Stats.AssumeRoleCalls.Select(c => c.RoleArn!);

    [Fact]
    public void Every_active_account_is_read_once_the_management_account_with_the_callers_credentials_and_the_listing_is_kept()
    {
        var members = Organization(45, suspendedEveryNth: 10);   // 4 of them SUSPENDED
        InventorySession session = Connect();
        Assert.Null(session.AccountCount);   // Connect makes no call

        var first = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(first.Errors);
        var accounts = first.Of<EcrRepository>().Select(r => r.AccountId!).Distinct().ToList();
        Assert.Equal(42, accounts.Count);                       // 41 active members and the management account
        Assert.Equal(84, first.Of<EcrRepository>().Count);
        Assert.Contains(Estate.DefaultAccountId, accounts);
        Assert.DoesNotContain(Member(10), accounts);            // SUSPENDED
        Assert.Equal(1, _endpoint.Stats.CallCount("GetCallerIdentity"));
        Assert.Equal(3, _endpoint.Stats.CallCount("ListAccounts"));   // 46 accounts, 20 a page
        Assert.Equal(2, _endpoint.Stats.Calls("ListAccounts").Count(c => c.HasNextToken));
        Assert.Equal(41, AssumedRoles.Count());
        Assert.DoesNotContain(Role(Estate.DefaultAccountId), AssumedRoles);   // never a role into itself
        Assert.Equal(42, session.AccountCount);
        Assert.Equal(accounts.Order(), session.AccountIds!);

        var second = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Equal(84, second.Of<EcrRepository>().Count);
        Assert.Equal(3, _endpoint.Stats.CallCount("ListAccounts"));        // listed once per session
        Assert.Equal(1, _endpoint.Stats.CallCount("GetCallerIdentity"));
        Assert.Equal(41, AssumedRoles.Count());                            // roles kept too
        Assert.Equal(0, _endpoint.Stats.SignatureRejections);
        Assert.True(members.Count == 45);
    }

    [Fact]
    public void An_OU_reads_the_accounts_in_it_and_every_OU_below_it()
    {
        Organization(12, units: 2);   // members round-robin over ou-1, its child, ou-2, its child
        string unit = "ou-ab12-00000001";
        Connect(units: new[] { unit, "ou-ab12-0001c001" });

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(result.Errors);
        // Members 1, 2, 5, 6, 9, 10 are in ou-1 or its child; the management account sits under the root.
        Assert.Equal(new[] { 1, 2, 5, 6, 9, 10 }.Select(Member), result.Of<EcrRepository>().Select(r => r.AccountId!).Distinct().Order());
        Assert.Equal(0, _endpoint.Stats.CallCount("ListAccounts"));
        Assert.Equal(2, _endpoint.Stats.CallCount("ListAccountsForParent"));   // each OU once, though named with its child
        Assert.Equal(2, _endpoint.Stats.CallCount("ListChildren"));
    }

    [Fact]
    public void The_union_with_RoleArn_reads_each_account_once_and_exclusions_apply_to_both()
    {
        Organization(4);
        _endpoint.Estate.AddRole(Member(2), "Special");
        _endpoint.Estate.AddRole(Member(9), "Inventory");   // outside the organization
        _endpoint.Estate.Generate(new EstateGenerationOptions { Accounts = 1, FirstAccountId = Member(9), RepositoriesPerRegion = 2, ClustersPerRegion = 0, TaskDefinitionsPerRegion = 0 });
        InventorySession session = Connect(roles: new[] { Role(Member(2), "Special"), Role(Member(9)), Role(Member(3)) },
            excluded: new[] { Member(3), Member(4) });

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { Estate.DefaultAccountId, Member(1), Member(2), Member(9) }, result.Of<EcrRepository>().Select(r => r.AccountId!).Distinct().Order());
        Assert.Equal(8, result.Of<EcrRepository>().Count);   // two each: no account twice
        Assert.Equal(new[] { Role(Member(1)), Role(Member(2), "Special"), Role(Member(9)) }, AssumedRoles.Order());
        Assert.Equal(4, session.AccountCount);
    }

    [Fact]
    public void A_denied_account_is_one_error_naming_its_role_and_the_session_shows_it_until_it_is_assumed()
    {
        Organization(3);
        _endpoint.Estate.DenyRole(Role(Member(2)));
        InventorySession session = Connect();

        var result = CmdletHarness.Invoke("Get-EcrRepository -Name literal-nowhere");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsRoleAssumptionFailed,", error.FullyQualifiedErrorId);
        Assert.Equal(Role(Member(2)), error.TargetObject);
        Assert.Equal(new[] { Role(Member(2)) }, session.FailedRoleArns);   // and no EcrRepositoryNotFound: that account was not read

        _endpoint.Estate.AllowRole(Role(Member(2)));
        Assert.Empty(CmdletHarness.Invoke("Get-EcrRepository").Errors);
        Assert.Empty(session.FailedRoleArns);
    }

    [Fact]
    public void Every_enabled_region_is_asked_once_per_account_and_regions_not_opted_in_are_skipped_silently()
    {
        string[] regions = { "us-east-1", "eu-west-1", "af-south-1", "me-south-1" };
        Organization(3, regions, optedIn: new[] { "af-south-1" });
        _endpoint.Estate.SetRegionOptIn(Member(3), new[] { "af-south-1", "me-south-1" });
        Connect(regions: new[] { EnabledRegions.All });

        var first = CmdletHarness.Invoke("Get-EcrRepository");
        var second = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(first.Errors);
        Assert.Empty(second.Errors);
        Assert.Equal(4, _endpoint.Stats.CallCount("DescribeRegions"));   // once per account for the session
        // 17 default regions + af-south-1 in each of 4 accounts (me-south-1 too in member 3): one DescribeRepositories each, per run.
        Assert.Equal(2 * (4 * 18 + 1), _endpoint.Stats.CallCount("DescribeRepositories"));
        var read = first.Of<EcrRepository>().Select(r => (r.AccountId, r.Region)).Distinct().ToList();
        Assert.Equal(4 * 3 + 1, read.Count);   // the generated regions the accounts have enabled
        Assert.Contains((Member(3), "me-south-1"), read);
        Assert.DoesNotContain(_endpoint.Stats.AllCalls, c => c.ErrorCode == "UnrecognizedClientException");   // no call to a region not enabled
        Assert.All(_endpoint.Stats.AllCalls.Where(c => c.Region == "me-south-1"), c => Assert.Equal(Member(3), c.AccountId));
    }

    [Fact]
    public void An_explicit_region_not_enabled_is_a_clear_error_for_that_account_only()
    {
        Organization(2, new[] { "us-east-1", "me-south-1" }, optedIn: Array.Empty<string>());
        _endpoint.Estate.SetRegionOptIn(Member(2), new[] { "me-south-1" });
        Connect(regions: new[] { "us-east-1", "me-south-1" });

        var result = CmdletHarness.Invoke("Get-EcrRepository");
        var named = CmdletHarness.Invoke("Get-EcrRepository -Name literal-nowhere");

        // The management account and member 1 have not enabled me-south-1; member 2 has.
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e =>
        {
            Assert.StartsWith("AwsRegionNotEnabled,", e.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category);
            Assert.Contains("region me-south-1 is not enabled in account ", e.ErrorDetails.Message);
        });
        Assert.Contains(result.Errors, e => Equals(e.TargetObject, Role(Member(1))));
        Assert.Contains(result.Errors, e => e.ErrorDetails.Message.Contains("account " + Estate.DefaultAccountId));
        Assert.Equal(8, result.Of<EcrRepository>().Count);   // two in us-east-1 of each of the 3 accounts, two in member 2's me-south-1
        // A name is not reported as not found where a region could not be read.
        Assert.Equal(2, named.Errors.Count);
        Assert.All(named.Errors, e => Assert.StartsWith("AwsRegionNotEnabled,", e.FullyQualifiedErrorId));
        Assert.Equal(2, _endpoint.Stats.CallCount("DescribeRegions"));   // asked after the first failure of each account, then kept
    }

    [Fact]
    public void An_explicit_opt_in_home_region_an_account_lacks_is_the_same_clear_error()
    {
        // me-south-1 comes first, so STS, Organizations and DescribeRegions go there; member 1 never enabled it.
        Organization(2, new[] { "us-east-1", "me-south-1" }, optedIn: new[] { "me-south-1" });
        _endpoint.Estate.SetRegionOptIn(Member(1), Array.Empty<string>());
        Connect(regions: new[] { "me-south-1", "us-east-1" });

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsRegionNotEnabled,", error.FullyQualifiedErrorId);
        Assert.Equal(Role(Member(1)), error.TargetObject);
        Assert.Contains("region me-south-1 is not enabled in account " + Member(1), error.ErrorDetails.Message);
        Assert.Equal(2 * 2 + 2 + 2 * 2, result.Of<EcrRepository>().Count);
        // Asked in me-south-1, where AWS does not know the account's credentials, then in us-east-1.
        Assert.Equal(new[] { "me-south-1", "us-east-1" }, _endpoint.Stats.Calls("DescribeRegions").OrderBy(c => c.StartedAt).Select(c => c.Region));
    }

    [Fact]
    public void An_account_whose_regions_cannot_be_read_is_one_error_and_the_others_go_on()
    {
        // Every account has opted in to af-south-1, where it holds repositories too.
        Organization(2, new[] { "us-east-1", "eu-west-1", "af-south-1" }, optedIn: new[] { "af-south-1" });
        _endpoint.Estate.DenyOperation(Member(1), "ec2:DescribeRegions");
        Connect(regions: new[] { EnabledRegions.All });

        var result = CmdletHarness.Invoke("Get-EcrRepository");
        var member1Reads = _endpoint.Stats.Calls("DescribeRepositories").Where(c => c.AccountId == Member(1)).Select(c => c.Region).ToList();
        var named = CmdletHarness.Invoke("Get-EcrRepository -Name literal-nowhere");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsEnabledRegionsUnavailable,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Equal(Role(Member(1)), error.TargetObject);
        Assert.Contains("so only the 17 regions every account has were read, none of the opt-in regions it may have enabled", error.ErrorDetails.Message);
        // Member 1 was read in the 17 regions every account has (the home region first, beside its DescribeRegions call),
        // not in its opt-in region, which nothing could tell it had enabled.
        var read = result.Of<EcrRepository>().Select(r => (r.AccountId!, r.Region)).Distinct().ToList();
        Assert.Equal(new[] { (Estate.DefaultAccountId, "af-south-1"), (Estate.DefaultAccountId, "eu-west-1"), (Estate.DefaultAccountId, "us-east-1"),
            (Member(1), "eu-west-1"), (Member(1), "us-east-1"), (Member(2), "af-south-1"), (Member(2), "eu-west-1"), (Member(2), "us-east-1") }, read.Order());
        Assert.Equal(Estate.DefaultRegions.Order(), member1Reads.Order());   // each of the 17 once, af-south-1 never
        // Regions that could not be listed could hold the name: its error is the regions', not a not-found.
        Assert.All(named.Errors, e => Assert.StartsWith("AwsEnabledRegionsUnavailable,", e.FullyQualifiedErrorId));
    }

    /// <summary>
    /// -Region All: an account's home-region pair starts beside its DescribeRegions call (the home region is enabled in
    /// every account), the others once the list is in, and no pair is read twice.
    /// </summary>
    [Fact]
    public void With_every_region_the_home_region_is_read_without_waiting_for_the_region_list()
    {
        Organization(3, new[] { "us-east-1", "eu-west-1" });
        _endpoint.Faults.Operation = "DescribeRegions";
        _endpoint.Faults.LatencyMs = 300;
        Connect(regions: new[] { EnabledRegions.All });

        var first = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(first.Errors);
        Assert.Equal(4 * 2 * 2, first.Of<EcrRepository>().Count);
        foreach (string account in new[] { Estate.DefaultAccountId, Member(1), Member(2), Member(3) })
        {
            CallRecord regions = Assert.Single(_endpoint.Stats.Calls("DescribeRegions"), c => c.AccountId == account);
            DateTimeOffset listed = regions.StartedAt.AddMilliseconds(regions.DurationMs);
            var reads = _endpoint.Stats.Calls("DescribeRepositories").Where(c => c.AccountId == account).ToList();
            Assert.Equal(17, reads.Count);   // one a pair: the home region is not read again once the list names it
            Assert.Equal(17, reads.Select(c => c.Region).Distinct().Count());
            Assert.True(Assert.Single(reads, c => c.Region == "us-east-1").StartedAt < listed, "account " + account + ": the home region waited for DescribeRegions");
            Assert.All(reads.Where(c => c.Region != "us-east-1"), c => Assert.True(c.StartedAt >= listed.AddMilliseconds(-5)));
        }

        var second = CmdletHarness.Invoke("Get-EcrRepository");   // the regions are known now: every pair starts at once

        Assert.Empty(second.Errors);
        Assert.Equal(16, second.Of<EcrRepository>().Count);
        Assert.Equal(4, _endpoint.Stats.CallCount("DescribeRegions"));
        Assert.Equal(2 * 4 * 17, _endpoint.Stats.CallCount("DescribeRepositories"));
    }

    [Fact]
    public void An_opt_in_home_region_waits_for_the_region_list_like_every_other()
    {
        Organization(1, new[] { "af-south-1" }, optedIn: new[] { "af-south-1" });
        _endpoint.Faults.Operation = "DescribeRegions";
        _endpoint.Faults.LatencyMs = 200;
        Connect(regions: new[] { EnabledRegions.All }, homeRegion: "af-south-1");

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(result.Errors);
        Assert.Equal(2 * 2, result.Of<EcrRepository>().Count);
        foreach (CallRecord regions in _endpoint.Stats.Calls("DescribeRegions"))
        {
            Assert.Equal("af-south-1", regions.Region);
            DateTimeOffset listed = regions.StartedAt.AddMilliseconds(regions.DurationMs);
            Assert.All(_endpoint.Stats.Calls("DescribeRepositories").Where(c => c.AccountId == regions.AccountId),
                c => Assert.True(c.StartedAt >= listed.AddMilliseconds(-5), c.Region + " was read before the region list was in"));
        }
    }

    [Fact]
    public void A_member_that_has_not_enabled_the_opt_in_home_region_is_asked_its_regions_in_one_it_cannot_lack()
    {
        // The management account works from af-south-1, which the second member never enabled: there AWS knows none of its
        // credentials, so its region list comes from us-east-1, and it is read in the regions it has, without an error.
        Organization(2, new[] { Region, "af-south-1" }, optedIn: new[] { "af-south-1" });
        _endpoint.Estate.SetRegionOptIn(Member(2), Array.Empty<string>());
        Connect(regions: new[] { EnabledRegions.All }, homeRegion: "af-south-1");

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(result.Errors);
        Assert.Equal(2 * 2 + 2 * 2 + 2, result.Of<EcrRepository>().Count);   // management and member 1 in both regions, member 2 in one
        Assert.DoesNotContain(result.Of<EcrRepository>(), r => r.AccountId == Member(2) && r.Region == "af-south-1");
        var listings = _endpoint.Stats.Calls("DescribeRegions");
        Assert.Equal(new[] { "af-south-1" }, listings.Where(c => c.AccountId != Member(2)).Select(c => c.Region).Distinct());
        Assert.Equal(new[] { "af-south-1", Region }, listings.Where(c => c.AccountId == Member(2)).OrderBy(c => c.StartedAt).Select(c => c.Region));
        Assert.Equal(1, listings.Count(c => c.AccountId == Member(2) && c.StatusCode == 200));
    }

    [Fact]
    public void Each_partition_asks_an_account_its_regions_again_in_a_region_every_account_has()
    {
        Assert.Equal("us-east-1", EnabledRegions.FallbackRegion(new[] { "af-south-1", "ap-east-1", "us-east-1", "us-west-2" }));
        Assert.Equal("cn-north-1", EnabledRegions.FallbackRegion(new[] { "cn-north-1", "cn-northwest-1" }));
        Assert.Equal("us-gov-west-1", EnabledRegions.FallbackRegion(new[] { "us-gov-east-1", "us-gov-west-1" }));
        Assert.Equal("eu-west-1", EnabledRegions.FallbackRegion(new[] { "af-south-1", "eu-west-1" }));
        Assert.Null(EnabledRegions.FallbackRegion(new[] { "us-iso-east-1", "us-iso-west-1" }));
    }

    [Fact]
    public void A_caller_that_may_not_list_the_organization_is_one_error_and_the_RoleArn_accounts_are_still_read()
    {
        Organization(2);
        _endpoint.Estate.CreateOrganization(Member(9));   // the base credentials' account is no longer in it
        _endpoint.Estate.AddRole(Member(1), "Inventory");
        Connect(roles: new[] { Role(Member(1)) });

        var result = CmdletHarness.Invoke("Get-EcrRepository -Name literal-nowhere");

        ErrorRecord error = Assert.Single(result.Errors);
        Assert.StartsWith("AwsOrganizationAccountsUnavailable,", error.FullyQualifiedErrorId);
        Assert.Contains("AWSOrganizationsNotInUseException", error.ErrorDetails.Message);
        Assert.Equal(SessionStore.Current!.CredentialSource, error.TargetObject);
        Assert.Equal(1, _endpoint.Stats.CallCount("DescribeRepositories"));   // the -RoleArn account, read anyway
    }

    /// <summary>
    /// One cap for all accounts, and no account waits behind another's whole inventory: a small account's records all
    /// arrive while a large account (1,200 policy and tag calls) is still being read.
    /// </summary>
    [Fact]
    public void A_small_account_is_read_while_a_large_one_is_still_being_read()
    {
        Organization(1);
        _endpoint.Estate.Generate(new EstateGenerationOptions { Accounts = 1, FirstAccountId = Member(1), RepositoriesPerRegion = 600, ClustersPerRegion = 0, TaskDefinitionsPerRegion = 0 });
        _endpoint.Faults.LatencyMs = 5;
        Connect(parallelRequests: 4);

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(result.Errors);
        var order = result.Of<EcrRepository>().Select(r => r.AccountId).ToList();
        Assert.Equal(600 + 2, order.Count);   // the generator names its repositories alike: the 600 replace the member's two
        int lastSmall = order.FindLastIndex(a => a == Estate.DefaultAccountId);
        Assert.True(lastSmall < 100, "the management account's last record came after " + lastSmall + " records of the large account");
        Assert.True(_endpoint.Stats.PeakConcurrency <= 4);
    }

    [Fact]
    public void Leaving_out_every_account_is_said_not_silent()
    {
        Organization(1);
        Connect(excluded: new[] { Estate.DefaultAccountId, Member(1) });

        var result = CmdletHarness.Invoke("Get-EcrRepository");

        Assert.Empty(result.Output);
        Assert.Empty(result.Errors);
        Assert.Equal("No account to read: every account was left out by -ExcludeAccountId.", Assert.Single(result.Warnings));
        Assert.Equal(0, SessionStore.Current!.AccountCount);
        Assert.Equal(0, _endpoint.Stats.CallCount("DescribeRepositories"));
    }

    [Fact]
    public void The_shards_of_n_split_the_organization_between_runners()
    {
        Organization(20);
        var shards = new List<IReadOnlyList<string>>();
        for (int k = 1; k <= 3; k++)
        {
            Connect(shard: k + "/3");
            var result = CmdletHarness.Invoke("Get-EcrRepository");
            Assert.Empty(result.Errors);
            var accounts = result.Of<EcrRepository>().Select(r => r.AccountId!).Distinct().Order().ToList();
            Assert.All(accounts, a => Assert.Equal(k, Shard.Of(a, 3)));
            Assert.Equal(accounts, SessionStore.Current!.AccountIds!);
            shards.Add(accounts);
        }
        Assert.Equal(21, shards.SelectMany(s => s).Distinct().Count());
        Assert.Equal(21, shards.Sum(s => s.Count));
    }
}
