#!/usr/bin/env python3
"""Seeds an AWS Organizations estate (one region) and prints its oracle.

    python3 seed_organization.py --endpoint http://127.0.0.1:5000 --region us-east-1 \
        [--access-key AKIA... --secret-key ...] [--no-seed]

The credentials' account (moto's 123456789012) creates the organization and is its management
account. Under the root:

    root            management account, d-root
      workloads     b-workloads
        prod        a-prod, e-closed (closed: SUSPENDED)
      sandbox       c-sandbox

Every member account gets the role OrgInventory (trusting the management account's root and, on a
signature-checking server, its IAM user; inline allow-everything policy) and one ECR repository
org/<name>; the management account gets org/management. The closed account's repository exists
too, so reading it would show. The module reads the estate with

    Connect-AwsInventory ... -OrganizationRoleName OrgInventory [-OrganizationalUnitId <ou>]

The oracle (JSON on stdout), from boto3 read-backs of Organizations and ECR, never from the module:

  {"ManagementAccountId": "...", "RootId": "r-...", "RoleName": "OrgInventory",
   "OrganizationalUnits": {"workloads": "ou-...", "prod": "ou-...", "sandbox": "ou-..."},
   "Accounts": [{"Id", "Name", "State", "Unit"}],          # every account, "Unit" = OU name or "root"
   "ActiveAccountIds": [...],                              # the ACTIVE ones, sorted
   "AccountsUnder": {"workloads": [...], "prod": [...], "sandbox": [...], "root": [...]},   # ACTIVE, recursively
   "Repositories": [{"AccountId", "RepositoryName", "RepositoryArn"}]}
"""
import argparse
from typing import Any

import estate

ROLE_NAME = "OrgInventory"
UNITS = [("workloads", None), ("prod", "workloads"), ("sandbox", None)]
MEMBERS = [("a-prod", "prod"), ("b-workloads", "workloads"), ("c-sandbox", "sandbox"), ("d-root", None), ("e-closed", "prod")]


def seed(base: estate.Connection) -> None:
    organizations = base.client("organizations")
    organizations.create_organization(FeatureSet="ALL")
    root = organizations.list_roots()["Roots"][0]["Id"]
    units = {}
    for name, parent in UNITS:
        units[name] = organizations.create_organizational_unit(ParentId=units[parent] if parent else root, Name=name)["OrganizationalUnit"]["Id"]
    principals = estate.trusted_principals(base)
    base.client("ecr").create_repository(repositoryName="org/management")
    for name, unit in MEMBERS:
        account = organizations.create_account(AccountName=name, Email=f"{name}@example.com")["CreateAccountStatus"]["AccountId"]
        if unit:
            organizations.move_account(AccountId=account, SourceParentId=root, DestinationParentId=units[unit])
        member = estate.create_cross_account_role(base, estate.iam_role(account, ROLE_NAME), principals)
        member.client("ecr").create_repository(repositoryName=f"org/{name}")
        if name == "e-closed":
            organizations.close_account(AccountId=account)


def oracle(base: estate.Connection) -> dict[str, Any]:
    organizations = base.client("organizations")
    management = organizations.describe_organization()["Organization"]["MasterAccountId"]
    root = organizations.list_roots()["Roots"][0]["Id"]
    units: dict[str, str] = {}
    parents: dict[str, str] = {}          # OU id -> parent id
    pending = [root]
    while pending:
        parent = pending.pop()
        for unit in paged(organizations, "list_organizational_units_for_parent", "OrganizationalUnits", ParentId=parent):
            units[unit["Name"]] = unit["Id"]
            parents[unit["Id"]] = parent
            pending.append(unit["Id"])
    names = {v: k for k, v in units.items()}
    accounts = []
    for parent in [root, *units.values()]:
        for account in paged(organizations, "list_accounts_for_parent", "Accounts", ParentId=parent):
            accounts.append({"Id": account["Id"], "Name": account["Name"], "State": account.get("State") or account["Status"],
                             "Unit": names.get(parent, "root"), "ParentId": parent})

    def under(unit_id: str) -> list[str]:
        def inside(parent: str) -> bool:
            while parent != unit_id and parent in parents:
                parent = parents[parent]
            return parent == unit_id
        return sorted(a["Id"] for a in accounts if a["State"] == "ACTIVE" and (unit_id == root or inside(a["ParentId"])))

    repositories = []
    for account in accounts:
        connection = base if account["Id"] == management else base.assume_role(estate.iam_role(account["Id"], ROLE_NAME))
        for repository in connection.client("ecr").describe_repositories()["repositories"]:
            repositories.append({"AccountId": account["Id"], "RepositoryName": repository["repositoryName"],
                                 "RepositoryArn": repository["repositoryArn"]})
    return {
        "ManagementAccountId": management, "RootId": root, "RoleName": ROLE_NAME, "OrganizationalUnits": units,
        "Accounts": [{k: v for k, v in a.items() if k != "ParentId"} for a in accounts],
        "ActiveAccountIds": sorted(a["Id"] for a in accounts if a["State"] == "ACTIVE"),
        "AccountsUnder": {**{name: under(unit) for name, unit in units.items()}, "root": under(root)},
        "Repositories": sorted(repositories, key=lambda r: r["RepositoryArn"]),
    }


def paged(client: Any, operation: str, member: str, **parameters: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for page in client.get_paginator(operation).paginate(**parameters):
        items.extend(page[member])
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    estate.add_connection_arguments(parser)
    args = parser.parse_args()
    base = estate.connection_from_args(args)
    if not args.no_seed:
        seed(base)
    estate.print_oracle(oracle(base))


if __name__ == "__main__":
    main()
