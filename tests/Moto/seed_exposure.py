#!/usr/bin/env python3
"""Seeds the exposure estate (two accounts, one region) and prints its oracle.

    python3 seed_exposure.py --endpoint http://127.0.0.1:5000 --region us-east-1 \
        [--access-key AKIA... --secret-key ...] [--second-account 222222222222] [--no-seed]

Account A is the one of the given credentials (moto's 123456789012); account B is reached
by AssumeRole into arn:aws:iam::<second account>:role/inventory-reader. Both accounts get an
inventory-reader role (trusting A's root and, on a signature-checking server, A's IAM user;
inline allow-everything policy), so the module reads both with

    Connect-AwsInventory ... -RoleArn arn:aws:iam::<A>:role/inventory-reader,arn:aws:iam::<B>:role/inventory-reader

(with -RoleArn the module inventories the roles only, never the base credentials directly).
Works on a plain and on a signature-checking server (estate.create_cross_account_role).
Seed it on a fresh or reset server: the oracle reads back everything in both accounts.

Account A
  ECR  shared/public-base    Allow "*" pull, no condition: unconditionally public; scan on
                             push, MUTABLE
       shared/org-base       Allow "*" pull only with aws:PrincipalOrgID: public, but not
                             unconditionally; scan on push, IMMUTABLE
       shared/tls-base       Allow {"AWS": "*"} with only an aws:SecureTransport condition:
                             unconditionally public; scan on push, IMMUTABLE
       internal/legacy-api   no policy; no scan on push, MUTABLE
       internal/payments     no policy; scan on push, IMMUTABLE
  ECS  cluster legacy: a FARGATE task of legacy-api:1 (internal/legacy-api image) with a
       public IP
       cluster batch: one EC2 container instance; a bridge-mode task of nightly-report:1
       (shared/public-base image): no ENI, so no public IP either
Account B
  ECS  cluster edge; task definitions
         edge-web:1     shared/public-base by tag, twice (two tags), plus a public.ecr.aws
                        sidecar; env LOG_LEVEL; a secret ref named UPSTREAM_API_KEY
                        (secrets are no environment names)
         edge-proxy:1   Docker Hub nginx:1.27, then shared/org-base by digest
         edge-worker:1  public.ecr.aws image; env DB_PASSWORD, API_TOKEN, LOG_LEVEL,
                        KEYCLOAK_URL (contains KEY, is no secret name)
       services edge-web (assignPublicIp ENABLED), edge-worker (DISABLED)
       tasks of edge-web:1: one public (ENABLED, an Elastic IP on its ENI), one private
  EC2  the default VPC gets an internet gateway and a 0.0.0.0/0 route to it in its main table;
       edge-web-sg admits tcp 8080 from 0.0.0.0/0: the public edge-web task is reachable
       (account A's VPC has no gateway and legacy-sg no rule: its public task is not)
moto gives no awsvpc task a public IP by itself: each public task's ENI gets an Elastic IP
(estate.associate_public_ip). Every environment value comes from estate.secret_value().

The oracle (JSON on stdout), computed here from boto3 read-backs, never from the module:

  {"Accounts": {"Base": "<A>", "Second": "<B>"},
   "Roles": {"RoleArns": ["<A role>", "<B role>"], "BaseCredentialsInventoried": false},
   "EcrRepositories": [{Uid, RepositoryArn, RepositoryName, AccountId, Region, IsPublic,
                        IsPublicUnconditionally, ScanOnPush, ImageTagMutability}],
   "Tasks": [{Uid, TaskArn, AccountId, Region, ClusterArn, TaskDefinitionArn, ContainerImages,
              NetworkInterfaceIds, PublicIpAddresses, EcrRepositoryArns}],
   "TaskDefinitions": [{Uid, TaskDefinitionArn, AccountId, Region, ContainerImages,
                        EcrRepositoryArns, EnvironmentKeys}],
   "Services": [{Uid, ServiceArn, AccountId, Region, ClusterArn, AssignPublicIp}],
   "Verdicts": [{TaskArn, Verdict, Paths}]   (reachability.py: Reachable, PublicIpNotReachable, NotExposed),
   "Findings": [{Kind, ResourceArn, AccountId, Region}],
   "SecretValues": [...]}

Records are partial (the module's property names, only the ones listed; compare them by Uid
with Get-RecordSetMismatch/Get-ValueMismatch, not Get-OracleMismatch); Tasks are the RUNNING
ones. Unlike the other lists, PublicIpAddresses keeps null (no ENI) apart from [] (ENIs, no
public IP). moto's describe_tasks returns only a task's first container, so a task's
ContainerImages/EcrRepositoryArns hold that one image (the module sees the same).

Findings, one per resource and rule, every rule applied on its own (so a task can have
ReachableTaskRunsPublicImage and InternetReachableTask); "public image" = an image whose repository
ARN is an unconditionally public repository of any account of the run; "reachable" = the verdict
of reachability.py (the internet reaches the task directly or through a load balancer):
  ReachableTaskRunsPublicImage  reachable task running a public image
  TaskRunsPublicImage           task not reachable running a public image
  InternetReachableTask         reachable task
  PublicIpNotReachable          task with a public address that is not reachable
  PublicRepository           repository public without condition
  ServiceAssignsPublicIp     service with awsvpc assignPublicIp ENABLED
  SecretLikeEnvironmentName  task definition with an environment NAME containing PASSWORD,
                             PASSWD, SECRET, TOKEN, API_KEY, APIKEY, ACCESS_KEY, PRIVATE_KEY or
                             CREDENTIAL, or ending with _KEY
  ScanOnPushDisabled         repository with scanOnPush false
  MutableImageTags           repository with imageTagMutability MUTABLE
Findings are sorted by Kind, then ResourceArn.
"""

import argparse
import hashlib
import re
from typing import Any

import estate
import network_seed
import reachability
from estate import Connection, RepositorySpec, awsvpc, container, policy, statement

ROLE_NAME = "inventory-reader"
DEFAULT_SECOND_ACCOUNT = "222222222222"
ORGANIZATION_ID = "o-exposure0001"
SIDECAR_IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.40.0"
WORKER_IMAGE = "public.ecr.aws/docker/library/python:3.12-slim"

SECRET_NAME = re.compile(r"PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL|_KEY$")


def registry(account_id: str, region: str) -> str:
    return f"{account_id}.dkr.ecr.{region}.amazonaws.com"


def digest(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


# --------------------------------------------------------------------------- seeding


def seed_account_a(conn: Connection, account_id: str) -> None:
    estate.create_repositories(conn, [
        RepositorySpec("shared/public-base", policy(statement("PublicPull", "Allow", "*")),
                       scan_on_push=True, mutability="MUTABLE", tags={"owner": "platform"}),
        RepositorySpec("shared/org-base", policy(statement(
            "OrgPull", "Allow", "*", condition={"StringEquals": {"aws:PrincipalOrgID": ORGANIZATION_ID}})),
            scan_on_push=True, mutability="IMMUTABLE"),
        RepositorySpec("shared/tls-base", policy(statement(
            "TlsPull", "Allow", {"AWS": "*"}, condition={"Bool": {"aws:SecureTransport": "true"}})),
            scan_on_push=True, mutability="IMMUTABLE"),
        RepositorySpec("internal/legacy-api", scan_on_push=False, mutability="MUTABLE"),
        RepositorySpec("internal/payments", scan_on_push=True, mutability="IMMUTABLE"),
    ])

    network = estate.default_network(conn, ["legacy-sg"])
    images = registry(account_id, conn.region)
    estate.create_cluster(conn, "legacy", tags={"env": "prod"})
    estate.create_cluster(conn, "batch")
    estate.register_container_instances(conn, "batch", network.subnet_ids[0], count=1)
    estate.register_task_definition(
        conn, "legacy-api", [container("api", f"{images}/internal/legacy-api:3.2.0", port=8080,
                                       environment=["LOG_LEVEL", "FEATURE_FLAGS"])],
        network_mode="awsvpc", compatibilities=["FARGATE"], cpu="256", memory="512")
    estate.register_task_definition(
        conn, "nightly-report", [container("report", f"{images}/shared/public-base:batch-7",
                                           environment=["REPORT_BUCKET"])],
        network_mode="bridge", compatibilities=["EC2"])
    (legacy_task,) = estate.run_tasks(
        conn, "legacy", "legacy-api:1", count=1, launch_type="FARGATE", platform_version="1.4.0",
        network=awsvpc(network.subnet_ids[:1], [network.security_groups["legacy-sg"]], public_ip=True))
    estate.associate_public_ip(conn, task_eni(conn, "legacy", legacy_task))
    estate.run_tasks(conn, "batch", "nightly-report:1", count=1, launch_type="EC2")
    estate.log(f"exposure {conn.region}: seeded account {account_id}")


def seed_account_b(conn: Connection, account_id: str, base_account: str) -> None:
    network = estate.default_network(conn, ["edge-web-sg", "edge-worker-sg"])
    web_sg, worker_sg = network.security_groups["edge-web-sg"], network.security_groups["edge-worker-sg"]
    subnet_a, subnet_b = network.subnet_ids[:2]
    images = registry(base_account, conn.region)

    estate.create_cluster(conn, "edge", capacity_providers=["FARGATE"], tags={"env": "prod"})
    estate.register_task_definition(
        conn, "edge-web",
        [container("web", f"{images}/shared/public-base:1.4.2", port=8080, environment=["LOG_LEVEL"],
                   secrets={"UPSTREAM_API_KEY": estate.ssm_parameter(conn, account_id, "edge/upstream-api-key")}),
         container("warmup", f"{images}/shared/public-base:warmup-1.4.2", memory=128, cpu=64),
         container("otel", SIDECAR_IMAGE, memory=128, cpu=64)],
        network_mode="awsvpc", compatibilities=["FARGATE"], cpu="512", memory="1024")
    estate.register_task_definition(
        conn, "edge-proxy",
        [container("proxy", "nginx:1.27", port=80),
         container("cache", f"{images}/shared/org-base@{digest('org-base 2024.11')}", memory=128, cpu=64)],
        network_mode="awsvpc", compatibilities=["FARGATE"], cpu="256", memory="512")
    estate.register_task_definition(
        conn, "edge-worker",
        [container("worker", WORKER_IMAGE, environment=["DB_PASSWORD", "API_TOKEN", "LOG_LEVEL", "KEYCLOAK_URL"])],
        network_mode="awsvpc", compatibilities=["FARGATE"], cpu="256", memory="512")

    estate.create_service(
        conn, "edge", "edge-web", "edge-web:1", desired_count=1, launch_type="FARGATE",
        platform_version="1.4.0", network=awsvpc([subnet_a, subnet_b], [web_sg], public_ip=True))
    estate.create_service(
        conn, "edge", "edge-worker", "edge-worker:1", desired_count=1, launch_type="FARGATE",
        network=awsvpc([subnet_b], [worker_sg], public_ip=False))

    (public_task,) = estate.run_tasks(
        conn, "edge", "edge-web:1", count=1, launch_type="FARGATE", platform_version="1.4.0",
        network=awsvpc([subnet_a], [web_sg], public_ip=True), group="service:edge-web")
    estate.associate_public_ip(conn, task_eni(conn, "edge", public_task))
    open_to_internet(conn, network.vpc_id, web_sg)
    estate.run_tasks(conn, "edge", "edge-web:1", count=1, launch_type="FARGATE", platform_version="1.4.0",
                     network=awsvpc([subnet_b], [web_sg], public_ip=False), started_by="seed")
    estate.log(f"exposure {conn.region}: seeded account {account_id}")


def open_to_internet(conn: Connection, vpc_id: str, group_id: str) -> None:
    """An internet gateway for the VPC, its main table's default route to it, and tcp 8080 from anywhere."""
    ec2 = conn.client("ec2")
    gateway = network_seed.internet_gateway(conn, vpc_id)
    (main,) = [t for t in ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["RouteTables"]
               if any(a.get("Main") for a in t.get("Associations", []))]
    ec2.create_route(RouteTableId=main["RouteTableId"], DestinationCidrBlock="0.0.0.0/0", GatewayId=gateway)
    ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])


def task_eni(conn: Connection, cluster: str, task_arn: str) -> str:
    (task,) = conn.client("ecs").describe_tasks(cluster=cluster, tasks=[task_arn])["tasks"]
    (eni_id,) = estate.task_network_interface_ids(task)
    return eni_id


# --------------------------------------------------------------------------- oracle


def pick(record: dict[str, Any], *names: str) -> dict[str, Any]:
    return {name: record[name] for name in names}


def account_oracle(conn: Connection, account_id: str) -> dict[str, list[Any]]:
    repositories = [{**pick(r, "Uid", "RepositoryArn", "RepositoryName", "AccountId", "Region", "IsPublic"),
                     "IsPublicUnconditionally": estate.is_public_unconditionally(r["RepositoryPolicy"]),
                     **pick(r, "ScanOnPush", "ImageTagMutability")}
                    for r in estate.ecr_oracle(conn, account_id)]
    ecs = estate.ecs_oracle(conn, account_id)
    tasks = [{**pick(t, "Uid", "TaskArn", "AccountId", "Region", "ClusterArn", "TaskDefinitionArn",
                     "ContainerImages", "NetworkInterfaceIds"),
              "PublicIpAddresses": estate.public_ip_addresses(conn, t["NetworkInterfaceIds"]),
              "EcrRepositoryArns": estate.ecr_repository_arns(t["ContainerImages"])}
             for t in ecs["Tasks"]]
    definitions = [{**pick(d, "Uid", "TaskDefinitionArn", "AccountId", "Region", "ContainerImages"),
                    "EcrRepositoryArns": estate.ecr_repository_arns(d["ContainerImages"]),
                    **pick(d, "EnvironmentKeys")}
                   for d in ecs["TaskDefinitions"]]
    services = [pick(s, "Uid", "ServiceArn", "AccountId", "Region", "ClusterArn", "AssignPublicIp")
                for s in ecs["Services"]]
    verdicts = reachability.verdicts(conn, reachability.running_tasks(conn))
    return {"EcrRepositories": repositories, "Tasks": tasks, "TaskDefinitions": definitions,
            "Services": services, "SecretValues": ecs["SecretValues"],
            "Verdicts": [{"TaskArn": arn, "Verdict": v["Verdict"], "Paths": v["Paths"]} for arn, v in sorted(verdicts.items())]}


def finding(kind: str, arn: str, record: dict[str, Any]) -> dict[str, str]:
    return {"Kind": kind, "ResourceArn": arn, "AccountId": record["AccountId"], "Region": record["Region"]}


def findings(oracle: dict[str, list[Any]]) -> list[dict[str, str]]:
    """The rules of the module docstring, applied to the oracle facts."""
    public_repositories = {r["RepositoryArn"] for r in oracle["EcrRepositories"] if r["IsPublicUnconditionally"]}
    verdicts = {v["TaskArn"]: v["Verdict"] for v in oracle["Verdicts"]}
    result = []
    for task in oracle["Tasks"]:
        verdict = verdicts[task["TaskArn"]]
        reachable = verdict == "Reachable"
        runs_public_image = any(arn in public_repositories for arn in task["EcrRepositoryArns"] or [])
        if runs_public_image:
            kind = "ReachableTaskRunsPublicImage" if reachable else "TaskRunsPublicImage"
            result.append(finding(kind, task["TaskArn"], task))
        if reachable:
            result.append(finding("InternetReachableTask", task["TaskArn"], task))
        elif verdict == "PublicIpNotReachable":
            result.append(finding("PublicIpNotReachable", task["TaskArn"], task))
    for repository in oracle["EcrRepositories"]:
        arn = repository["RepositoryArn"]
        if repository["IsPublicUnconditionally"]:
            result.append(finding("PublicRepository", arn, repository))
        if repository["ScanOnPush"] is False:
            result.append(finding("ScanOnPushDisabled", arn, repository))
        if repository["ImageTagMutability"] == "MUTABLE":
            result.append(finding("MutableImageTags", arn, repository))
    for service in oracle["Services"]:
        if service["AssignPublicIp"] is True:
            result.append(finding("ServiceAssignsPublicIp", service["ServiceArn"], service))
    for definition in oracle["TaskDefinitions"]:
        if any(SECRET_NAME.search(name) for name in definition["EnvironmentKeys"] or []):
            result.append(finding("SecretLikeEnvironmentName", definition["TaskDefinitionArn"], definition))
    return sorted(result, key=lambda f: (f["Kind"], f["ResourceArn"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    estate.add_connection_arguments(parser)
    parser.add_argument("--second-account", default=DEFAULT_SECOND_ACCOUNT,
                        help=f"account B, reached through its {ROLE_NAME} role (default {DEFAULT_SECOND_ACCOUNT})")
    args = parser.parse_args()

    base = estate.connection_from_args(args)
    base_account = base.account_id()
    if args.second_account == base_account:
        parser.error("--second-account must differ from the account of the credentials")
    role_a, role_b = estate.iam_role(base_account, ROLE_NAME), estate.iam_role(args.second_account, ROLE_NAME)

    estate.pin_task_state(base.endpoint)
    if args.no_seed:
        second = base.assume_role(role_b)
    else:
        principals = estate.trusted_principals(base)
        estate.create_inventory_role(base, role_a, principals)
        second = estate.create_cross_account_role(base, role_b, principals)
        seed_account_a(base, base_account)
        seed_account_b(second, args.second_account, base_account)

    merged = estate.merge_oracles([account_oracle(base, base_account), account_oracle(second, args.second_account)])
    merged["SecretValues"] = sorted(set(merged["SecretValues"]))
    estate.print_oracle({
        "Accounts": {"Base": base_account, "Second": args.second_account},
        "Roles": {"RoleArns": [role_a, role_b], "BaseCredentialsInventoried": False},
        "EcrRepositories": merged["EcrRepositories"],
        "Tasks": merged["Tasks"],
        "TaskDefinitions": merged["TaskDefinitions"],
        "Services": merged["Services"],
        "Verdicts": merged["Verdicts"],
        "Findings": findings(merged),
        "SecretValues": merged["SecretValues"],
    })


if __name__ == "__main__":
    main()
