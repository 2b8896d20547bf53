"""Self-check, continued: AWS Organizations, EC2 DescribeRegions and opt-in regions, driven by boto3.

selfcheck.py calls check(...) with its own reporting helpers after the other checks, on a cleared endpoint:
  * boto3 parses ListAccounts, ListAccountsForParent and ListChildren (JSON 1.1, timestamps included), and its
    paginators walk the NextToken pages (MaxResults 1..20, default 20); bad input, unknown parents, members that
    are not the management account and accounts outside the organization get AWS's errors;
  * DescribeRegions lists the enabled regions (AllRegions false) or all with their opt-in status, by name or filter;
  * a call signed for an opt-in region the account has not enabled is rejected as AWS does, per protocol.
"""

import datetime

MANAGEMENT = "111111111111"
FIRST_MEMBER = "200000000001"
MEMBERS = 45
OUTSIDER_KEY = "AKIDOUTSIDER00000001"
OUTSIDER_SECRET = "outsider-secret"


def check(ep, check, expect_error, paginate, no_validation):
    print("Organizations and DescribeRegions")
    ep.control("POST", "clear")
    generated = ep.control("POST", "organization/generate", {
        "members": MEMBERS, "firstAccountId": FIRST_MEMBER, "organizationalUnits": 2, "suspendedEveryNth": 9,
        "optedInRegions": ["af-south-1"]})
    root = generated["rootId"]
    check("organization generated", len(generated["members"]) == MEMBERS and generated["managementAccountId"] == MANAGEMENT, generated)
    ep.control("POST", "estate?merge=true", {"credentials": [
        {"accessKeyId": OUTSIDER_KEY, "secretAccessKey": OUTSIDER_SECRET, "accountId": "999999999999"}]})

    organizations = ep.client("organizations")
    pages = list(organizations.get_paginator("list_accounts").paginate())
    accounts = [a for page in pages for a in page["Accounts"]]
    check("ListAccounts pages of 20 through NextToken", [len(p["Accounts"]) for p in pages] == [20, 20, 6],
          [len(p["Accounts"]) for p in pages])
    check("every account listed once, the management account first",
          [a["Id"] for a in accounts][0] == MANAGEMENT and len({a["Id"] for a in accounts}) == MEMBERS + 1)
    suspended = [a["Id"] for a in accounts if a["State"] == "SUSPENDED"]
    check("State and Status: every 9th member SUSPENDED", len(suspended) == 5
          and all(a["Status"] == a["State"] for a in accounts), suspended)
    check("JoinedTimestamp parsed as datetime", isinstance(accounts[0]["JoinedTimestamp"], datetime.datetime))
    small = organizations.list_accounts(MaxResults=7)
    check("MaxResults 7 -> 7 accounts and a NextToken", len(small["Accounts"]) == 7 and "NextToken" in small)

    units = paginate(organizations, "list_children", "Children", ParentId=root, ChildType="ORGANIZATIONAL_UNIT")
    check("ListChildren of the root: its two OUs", [c["Type"] for c in units] == ["ORGANIZATIONAL_UNIT"] * 2, units)
    nested = paginate(organizations, "list_children", "Children", ParentId=units[0]["Id"], ChildType="ORGANIZATIONAL_UNIT")
    check("ListChildren of an OU: its child OU", len(nested) == 1, nested)
    in_unit = paginate(organizations, "list_accounts_for_parent", "Accounts", ParentId=units[0]["Id"])
    in_child = paginate(organizations, "list_accounts_for_parent", "Accounts", ParentId=nested[0]["Id"])
    at_root = paginate(organizations, "list_accounts_for_parent", "Accounts", ParentId=root)
    check("ListAccountsForParent: members round-robin over the OUs, the management account at the root",
          len(in_unit) == 12 and len(in_child) == 11 and [a["Id"] for a in at_root] == [MANAGEMENT],
          (len(in_unit), len(in_child), [a["Id"] for a in at_root]))
    as_children = paginate(organizations, "list_children", "Children", ParentId=units[0]["Id"], ChildType="ACCOUNT")
    check("ListChildren ACCOUNT lists the same accounts", {c["Id"] for c in as_children} == {a["Id"] for a in in_unit})

    loose = ep.client("organizations", config=no_validation)
    expect_error("MaxResults 21 -> InvalidInputException", "InvalidInputException", lambda: loose.list_accounts(MaxResults=21), 400)
    expect_error("a NextToken of another query -> InvalidInputException", "InvalidInputException",
                 lambda: organizations.list_accounts_for_parent(ParentId=root, NextToken=small["NextToken"]), 400)
    expect_error("unknown OU -> ParentNotFoundException", "ParentNotFoundException",
                 lambda: organizations.list_accounts_for_parent(ParentId="ou-ab12-zzzzzzzz"), 400)
    expect_error("malformed ParentId -> InvalidInputException", "InvalidInputException",
                 lambda: loose.list_children(ParentId="ou-1", ChildType="ORGANIZATIONAL_UNIT"), 400)
    sts = ep.client("sts")
    member = sts.assume_role(RoleArn=f"arn:aws:iam::{FIRST_MEMBER}:role/Inventory", RoleSessionName="selfcheck")["Credentials"]
    member_keys = (member["AccessKeyId"], member["SecretAccessKey"], member["SessionToken"])
    expect_error("a member account -> AccessDeniedException", "AccessDeniedException",
                 lambda: ep.client("organizations", *member_keys).list_accounts(), 400)
    expect_error("an account outside the organization -> AWSOrganizationsNotInUseException", "AWSOrganizationsNotInUseException",
                 lambda: ep.client("organizations", OUTSIDER_KEY, OUTSIDER_SECRET).list_accounts(), 400)
    ep.control("POST", "deny", {"deniedOperations": {MANAGEMENT: ["organizations:ListAccounts"]}})
    expect_error("organizations:ListAccounts denied -> AccessDeniedException", "AccessDeniedException",
                 lambda: organizations.list_accounts(), 400)
    ep.control("POST", "deny", {"deniedOperations": {}})

    ec2 = ep.client("ec2", *member_keys)
    enabled = ec2.describe_regions(AllRegions=False)["Regions"]
    every = ec2.describe_regions(AllRegions=True)["Regions"]
    statuses = {r["RegionName"]: r["OptInStatus"] for r in every}
    check("DescribeRegions AllRegions=false: 17 regions without opt-in and the opted-in af-south-1",
          len(enabled) == 18 and {r["RegionName"] for r in enabled} >= {"us-east-1", "af-south-1"}
          and all(r["OptInStatus"] in ("opt-in-not-required", "opted-in") for r in enabled), len(enabled))
    check("DescribeRegions AllRegions=true: every region with its opt-in status",
          len(every) == 32 and statuses["me-south-1"] == "not-opted-in" and statuses["af-south-1"] == "opted-in"
          and statuses["eu-west-1"] == "opt-in-not-required", len(every))
    check("DescribeRegions endpoint", enabled[0]["Endpoint"] == f"ec2.{enabled[0]['RegionName']}.amazonaws.com")
    by_name = ec2.describe_regions(RegionNames=["me-south-1"])["Regions"]
    check("RegionNames lists a region not enabled too", [r["OptInStatus"] for r in by_name] == ["not-opted-in"], by_name)
    filtered = ec2.describe_regions(Filters=[{"Name": "opt-in-status", "Values": ["opted-in"]}])["Regions"]
    check("the opt-in-status filter", [r["RegionName"] for r in filtered] == ["af-south-1"], filtered)
    ep.control("POST", "deny", {"deniedOperations": {FIRST_MEMBER: ["ec2:DescribeRegions"]}})
    expect_error("ec2:DescribeRegions denied -> UnauthorizedOperation", "UnauthorizedOperation", lambda: ec2.describe_regions(), 403)
    ep.control("POST", "deny", {"deniedOperations": {}})

    expect_error("ECR in a region not enabled -> UnrecognizedClientException", "UnrecognizedClientException",
                 lambda: ep.client("ecr", *member_keys, region="me-south-1").describe_repositories(), 403)
    expect_error("EC2 in a region not enabled -> AuthFailure", "AuthFailure",
                 lambda: ep.client("ec2", *member_keys, region="me-south-1").describe_regions(), 401)
    expect_error("STS in a region not enabled -> InvalidClientTokenId", "InvalidClientTokenId",
                 lambda: ep.client("sts", region="me-south-1").get_caller_identity(), 403)
    answered = ep.client("ecr", *member_keys, region="af-south-1").describe_repositories()
    check("an opted-in region answers", answered["repositories"] == [])
    calls = ep.control("GET", "stats")["operations"]["ListAccounts"]["calls"]
    check("Organizations calls recorded with service and paging", all(c["service"] == "organizations" for c in calls)
          and any(c["hasNextToken"] for c in calls), calls[:2])
