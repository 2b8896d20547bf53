"""Shared code for the moto seed scripts of AwsContainerInventory.

Three parts:

* seeding helpers: create ECR repositories and an ECS estate (clusters, task
  definitions, services, tasks, plus the EC2 pieces moto needs) through boto3;
* oracle readers: read everything back through boto3 and map it to the module's
  records, using the PascalCase property names of the contract (CONTRACT.md and the
  connector attribute tables), computed here independently of the module;
* for multi-account estates (seed_exposure.py): AssumeRole into another account (moto
  maps assumed-role credentials to the account in the role ARN) and create the
  inventory role there, even on a signature-checking server; give a task's ENI a public
  IP; and the exposure rules: condition-aware public repository policies, ECR image
  URI -> repository ARN, the public IPs of a task's ENIs.

Oracle conventions (the Pester helpers rely on them):
* times are ISO-8601 UTC strings (``2026-01-31T12:00:00.123000Z``) or null;
* a multi-valued attribute or ``Tags`` that is absent *or empty* is null (one exception:
  the exposure oracle's ``PublicIpAddresses``, where [] and null mean different things);
* every other absent value is null;
* each record carries exactly the module's properties except ``LastCaptured``
  (which only the module can know) and the ones beyond the seed that
  ``$BeyondSeed`` in tests/Pester/TestHelpers.psm1 lists and this file does not compute;
  the exposure oracle's records are partial (a Uid plus the properties it names).

Seeds: seed_ecr.py, seed_ecs.py (one region), seed_demo.py (two regions),
seed_exposure.py (two accounts, one region); each documents its estate and oracle.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Sequence

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

CLOUD_PROVIDER = "AWS"
DUMMY_CREDENTIAL = "testing"

# Every environment-variable value the seeds use comes from secret_value(), so a test
# can grep any module output for the prefix and know a hit is a leak.
SECRET_VALUE_PREFIX = "s3cr3t-VALUE-must-not-leak-"
_secret_counter = itertools.count(1)


def secret_value() -> str:
    """A fresh, recognisable environment-variable value that must never be output."""
    return f"{SECRET_VALUE_PREFIX}{next(_secret_counter)}"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- connection


@dataclass
class Connection:
    """An endpoint, a region and credentials; hands out boto3 clients."""

    endpoint: str
    region: str
    access_key: str = DUMMY_CREDENTIAL
    secret_key: str = DUMMY_CREDENTIAL
    session_token: str | None = None
    _clients: dict[str, Any] = field(default_factory=dict, repr=False)

    def client(self, service: str) -> Any:
        if service not in self._clients:
            self._clients[service] = boto3.client(
                service,
                endpoint_url=self.endpoint,
                region_name=self.region,
                aws_access_key_id=self.access_key,
                aws_secret_access_key=self.secret_key,
                aws_session_token=self.session_token,
                # A seed must fail fast and visibly, not retry a moto 500 four times.
                config=Config(retries={"max_attempts": 1, "mode": "standard"}),
            )
        return self._clients[service]

    def in_region(self, region: str) -> "Connection":
        return Connection(self.endpoint, region, self.access_key, self.secret_key, self.session_token)

    def account_id(self) -> str:
        return self.client("sts").get_caller_identity()["Account"]

    def assume_role(self, role_arn: str, session_name: str = "moto-seed") -> "Connection":
        """These credentials' AssumeRole into role_arn; moto maps the new key to the role's account.

        moto does not need the role to exist for AssumeRole itself; on a signature-checking
        server the role must exist (with a policy) in its account before the key can be used.
        """
        credentials = self.client("sts").assume_role(RoleArn=role_arn, RoleSessionName=session_name)["Credentials"]
        return Connection(self.endpoint, self.region, credentials["AccessKeyId"], credentials["SecretAccessKey"],
                          credentials["SessionToken"])


def add_connection_arguments(parser: argparse.ArgumentParser, *, multi_region: bool = False) -> None:
    parser.add_argument("--endpoint", required=True, help="moto_server URL, e.g. http://127.0.0.1:5000")
    if multi_region:
        parser.add_argument("--region", action="append", dest="regions", metavar="REGION",
                            help="region to seed (repeatable)")
    else:
        parser.add_argument("--region", required=True)
    parser.add_argument("--access-key", default=DUMMY_CREDENTIAL,
                        help="access key id (default: the dummy 'testing')")
    parser.add_argument("--secret-key", default=DUMMY_CREDENTIAL,
                        help="secret access key (default: the dummy 'testing')")
    parser.add_argument("--no-seed", action="store_true",
                        help="only read the current state back and print the oracle")


def connection_from_args(args: argparse.Namespace, region: str | None = None) -> Connection:
    return Connection(args.endpoint.rstrip("/"), region or args.region, args.access_key, args.secret_key)


def _moto_api(endpoint: str, path: str, body: bytes, content_type: str = "application/json") -> bytes:
    """POST to moto's own (unauthenticated) /moto-api/ endpoints."""
    request = urllib.request.Request(f"{endpoint.rstrip('/')}/moto-api/{path}", data=body, method="POST",
                                     headers={"Content-Type": content_type})
    # moto is on loopback: never route through a proxy from the environment.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=10) as response:
        return response.read()


def pin_task_state(endpoint: str) -> None:
    """Stop moto from moving task lastStatus towards STOPPED on every describe_tasks."""
    _moto_api(endpoint, "state-manager/set-transition",
              json.dumps({"model_name": "ecs::task",
                          "transition": {"progression": "manual", "times": 1000000}}).encode())


@contextmanager
def unauthenticated_calls(endpoint: str, count: int) -> Iterator[None]:
    """Lets the next `count` AWS calls through without signature/permission checks.

    The only way to create anything in a second account of a signature-checking server:
    its IAM is empty, so no key of that account can pass the checks until a role with a
    policy exists there. POST /moto-api/reset-auth sets INITIAL_NO_AUTH_ACTION_COUNT and
    zeroes the call counter; afterwards a signature-checking server is set back to check
    every call (count 0; not its old value, which would open that many calls again) and an
    unchecked one (count inf) stays unchecked. Nothing else may call the server meanwhile.
    """
    answer = json.loads(_moto_api(endpoint, "reset-auth", str(count).encode(), "text/plain"))
    previous = answer["PREVIOUS_INITIAL_NO_AUTH_ACTION_COUNT"]
    try:
        yield
    finally:
        _moto_api(endpoint, "reset-auth", b"inf" if previous == "inf" else b"0", "text/plain")


def print_oracle(document: Any) -> None:
    json.dump(document, sys.stdout, indent=2, sort_keys=False)
    sys.stdout.write("\n")


# --------------------------------------------------------------------------- value mapping


def iso_utc(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def list_or_none(values: Iterable[Any] | None) -> list[Any] | None:
    values = list(values or [])
    return values or None


def tags_or_none(tags: list[dict[str, str]] | None, key: str = "key", value: str = "value") -> dict[str, str] | None:
    """ECS tags use key/value, ECR tags Key/Value."""
    mapped = {tag[key]: tag[value] for tag in tags or []}
    return mapped or None


def chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _principal_is_wildcard(principal: Any) -> bool:
    """Principal "*", {"AWS": "*"} or {"AWS": [..., "*"]} (any principal type key)."""
    if principal == "*":
        return True
    if isinstance(principal, dict):
        for value in principal.values():
            values = value if isinstance(value, list) else [value]
            if "*" in values:
                return True
    return False


def public_statements(policy_text: str | None) -> list[dict[str, Any]]:
    """The Allow statements whose principal is the wildcard, in policy order."""
    if not policy_text:
        return []
    statements = json.loads(policy_text).get("Statement", [])
    if isinstance(statements, dict):
        statements = [statements]
    return [s for s in statements if s.get("Effect") == "Allow" and _principal_is_wildcard(s.get("Principal"))]


def is_public_policy(policy_text: str | None) -> bool:
    """The contract's IS_PUBLIC rule: an Allow statement whose principal is the wildcard."""
    return bool(public_statements(policy_text))


# Condition keys that narrow a wildcard principal to callers the owner knows (condition keys
# are case-insensitive in IAM).
RESTRICTING_CONDITION_KEYS = frozenset(key.lower() for key in (
    "aws:SourceAccount", "aws:SourceArn", "aws:PrincipalOrgID", "aws:PrincipalAccount",
    "aws:SourceVpc", "aws:SourceVpce"))


def _restricting_condition_keys(statement_document: dict[str, Any]) -> list[str]:
    condition = statement_document.get("Condition") or {}
    return [key for operator_block in condition.values() if isinstance(operator_block, dict)
            for key in operator_block if key.lower() in RESTRICTING_CONDITION_KEYS]


def is_public_unconditionally(policy_text: str | None) -> bool:
    """Public, and at least one public statement has no condition on a restricting key
    (under any operator); a condition on any other key (aws:SecureTransport, ...) does not count."""
    return any(not _restricting_condition_keys(s) for s in public_statements(policy_text))


# <account>.dkr.ecr.<region>.amazonaws.com/<name>[:tag][@digest]; anything else (Docker Hub,
# public.ecr.aws, ...) is no private ECR repository.
_ECR_IMAGE = re.compile(r"^(?P<account>\d{12})\.dkr\.ecr\.(?P<region>[a-z0-9-]+)\.amazonaws\.com/"
                        r"(?P<name>[a-z0-9][a-z0-9._/-]*?)(?::[\w][\w.-]*)?(?:@[a-z0-9]+:[0-9a-fA-F]+)?$")


def ecr_repository_arn(image: str) -> str | None:
    match = _ECR_IMAGE.match(image)
    if not match:
        return None
    return f"arn:aws:ecr:{match['region']}:{match['account']}:repository/{match['name']}"


def ecr_repository_arns(images: Iterable[str] | None) -> list[str] | None:
    """The distinct repository ARNs of the private-ECR images, in image order; null when none."""
    arns: list[str] = []
    for image in images or []:
        arn = ecr_repository_arn(image)
        if arn and arn not in arns:
            arns.append(arn)
    return arns or None


# --------------------------------------------------------------------------- ECR seeding


@dataclass
class RepositorySpec:
    name: str
    policy: dict[str, Any] | None = None
    encryption: str = "AES256"           # or "KMS"
    kms_key: str | None = None           # only with KMS; moto invents one when omitted
    scan_on_push: bool = False
    mutability: str = "MUTABLE"          # or "IMMUTABLE"
    tags: dict[str, str] = field(default_factory=dict)


def policy(*statements: dict[str, Any], single_object: bool = False) -> dict[str, Any]:
    """A repository policy document; single_object writes Statement as an object, not an array."""
    if single_object:
        (only,) = statements
        return {"Version": "2012-10-17", "Statement": only}
    return {"Version": "2012-10-17", "Statement": list(statements)}


def statement(sid: str, effect: str, principal: Any,
              actions: tuple[str, ...] = ("ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"),
              condition: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    document = {"Sid": sid, "Effect": effect, "Principal": principal, "Action": list(actions)}
    if condition:
        document["Condition"] = condition
    return document


def create_repositories(conn: Connection, specs: Iterable[RepositorySpec]) -> None:
    ecr = conn.client("ecr")
    for spec in specs:
        encryption: dict[str, str] = {"encryptionType": spec.encryption}
        if spec.kms_key:
            encryption["kmsKey"] = spec.kms_key
        arguments: dict[str, Any] = {
            "repositoryName": spec.name,
            "imageTagMutability": spec.mutability,
            "imageScanningConfiguration": {"scanOnPush": spec.scan_on_push},
            "encryptionConfiguration": encryption,
        }
        if spec.tags:
            arguments["tags"] = [{"Key": k, "Value": v} for k, v in spec.tags.items()]
        ecr.create_repository(**arguments)
        if spec.policy is not None:
            ecr.set_repository_policy(repositoryName=spec.name, policyText=json.dumps(spec.policy, indent=2))
    log(f"ecr {conn.region}: seeded repositories")


# --------------------------------------------------------------------------- ECR oracle


def _repository_policy(ecr: Any, name: str) -> str | None:
    try:
        return ecr.get_repository_policy(repositoryName=name)["policyText"]
    except ClientError as error:
        if error.response["Error"]["Code"] == "RepositoryPolicyNotFoundException":
            return None
        raise


def ecr_oracle(conn: Connection, account_id: str) -> list[dict[str, Any]]:
    ecr = conn.client("ecr")
    repositories = []
    for page in ecr.get_paginator("describe_repositories").paginate():
        repositories.extend(page["repositories"])

    records = []
    for repo in repositories:
        name = repo["repositoryName"]
        encryption = repo.get("encryptionConfiguration", {})
        policy_text = _repository_policy(ecr, name)
        tags = ecr.list_tags_for_resource(resourceArn=repo["repositoryArn"])["tags"]
        records.append({
            "Uid": repo["repositoryArn"],
            "Name": name,
            "CloudProvider": CLOUD_PROVIDER,
            "Region": conn.region,
            "AccountId": account_id,
            "FirstSeen": iso_utc(repo.get("createdAt")),
            "EncryptionType": encryption.get("encryptionType"),
            "KmsKey": encryption.get("kmsKey"),
            "RepositoryPolicy": policy_text,
            "ScanOnPush": repo.get("imageScanningConfiguration", {}).get("scanOnPush"),
            "Tags": tags_or_none(tags, "Key", "Value"),
            "ImageTagMutability": repo.get("imageTagMutability"),
            "Registry": repo.get("registryId"),
            "RegistryId": repo.get("registryId"),
            "RepositoryArn": repo["repositoryArn"],
            "Repository": name,
            "RepositoryName": name,
            "RepositoryUri": repo.get("repositoryUri"),
            "IsPublic": is_public_policy(policy_text),
        })
    return sorted(records, key=lambda r: r["Uid"])


# --------------------------------------------------------------------------- ECS seeding


@dataclass
class Network:
    """moto's default VPC in a region: its subnets, plus security groups we create."""

    vpc_id: str
    subnet_ids: list[str]
    security_groups: dict[str, str] = field(default_factory=dict)


def default_network(conn: Connection, security_group_names: Iterable[str] = ()) -> Network:
    ec2 = conn.client("ec2")
    subnets = [s for s in ec2.describe_subnets()["Subnets"] if s.get("DefaultForAz")]
    subnets.sort(key=lambda s: s["AvailabilityZone"])
    network = Network(subnets[0]["VpcId"], [s["SubnetId"] for s in subnets])
    for name in security_group_names:
        network.security_groups[name] = ec2.create_security_group(
            GroupName=name, Description=f"{name} (seeded)", VpcId=network.vpc_id)["GroupId"]
    return network


def awsvpc(subnets: list[str], security_groups: list[str], public_ip: bool) -> dict[str, Any]:
    return {"awsvpcConfiguration": {"subnets": subnets, "securityGroups": security_groups,
                                    "assignPublicIp": "ENABLED" if public_ip else "DISABLED"}}


def associate_public_ip(conn: Connection, network_interface_id: str) -> str:
    """Gives an ENI a public IP: an Elastic IP associated with it (moto's ECS gives awsvpc
    tasks an ENI but ignores assignPublicIp ENABLED). Checked through DescribeNetworkInterfaces."""
    ec2 = conn.client("ec2")
    allocation = ec2.allocate_address(Domain="vpc")
    ec2.associate_address(AllocationId=allocation["AllocationId"], NetworkInterfaceId=network_interface_id)
    (eni,) = ec2.describe_network_interfaces(NetworkInterfaceIds=[network_interface_id])["NetworkInterfaces"]
    if eni.get("Association", {}).get("PublicIp") != allocation["PublicIp"]:
        raise RuntimeError(f"{network_interface_id}: no Association.PublicIp {allocation['PublicIp']} after associate_address")
    return allocation["PublicIp"]


def public_ip_addresses(conn: Connection, network_interface_ids: Sequence[str] | None) -> list[str] | None:
    """The ENIs' Association.PublicIp values (distinct, in ENI order): null without ENIs,
    empty when none of them has a public IP."""
    if not network_interface_ids:
        return None
    ec2 = conn.client("ec2")
    by_id: dict[str, dict[str, Any]] = {}
    for page in ec2.get_paginator("describe_network_interfaces").paginate(
            Filters=[{"Name": "network-interface-id", "Values": list(network_interface_ids)}]):
        by_id.update({eni["NetworkInterfaceId"]: eni for eni in page["NetworkInterfaces"]})
    addresses: list[str] = []
    for eni_id in network_interface_ids:
        address = by_id.get(eni_id, {}).get("Association", {}).get("PublicIp")
        if address and address not in addresses:
            addresses.append(address)
    return addresses


def ecs_tags(tags: dict[str, str] | None) -> list[dict[str, str]]:
    return [{"key": k, "value": v} for k, v in (tags or {}).items()]


def create_cluster(conn: Connection, name: str, *, capacity_providers: list[str] | None = None,
                   default_strategy: list[dict[str, Any]] | None = None,
                   tags: dict[str, str] | None = None) -> str:
    arguments: dict[str, Any] = {"clusterName": name}
    if capacity_providers:
        arguments["capacityProviders"] = capacity_providers
    if default_strategy:
        arguments["defaultCapacityProviderStrategy"] = default_strategy
    if tags:
        arguments["tags"] = ecs_tags(tags)
    return conn.client("ecs").create_cluster(**arguments)["cluster"]["clusterArn"]


def register_container_instances(conn: Connection, cluster: str, subnet_id: str, count: int) -> list[str]:
    """EC2 capacity for EC2-launch tasks: moto instances registered as container instances."""
    ec2, ecs = conn.client("ec2"), conn.client("ecs")
    image_id = ec2.describe_images(Owners=["amazon"])["Images"][0]["ImageId"]
    instances = ec2.run_instances(ImageId=image_id, MinCount=count, MaxCount=count,
                                  InstanceType="m5.large", SubnetId=subnet_id)["Instances"]
    arns = []
    for instance in instances:
        identity = json.dumps({"instanceId": instance["InstanceId"], "region": conn.region,
                               "availabilityZone": instance["Placement"]["AvailabilityZone"],
                               "privateIp": instance["PrivateIpAddress"]})
        arns.append(ecs.register_container_instance(
            cluster=cluster, instanceIdentityDocument=identity)["containerInstance"]["containerInstanceArn"])
    return arns


def container(name: str, image: str, *, environment: list[str] = (), secrets: dict[str, str] | None = None,
              memory: int = 256, cpu: int = 128, port: int | None = None) -> dict[str, Any]:
    """A container definition; each environment NAME gets a fresh secret_value()."""
    definition: dict[str, Any] = {
        "name": name, "image": image, "essential": True, "cpu": cpu,
        # moto needs a container-level memory to place tasks.
        "memory": memory,
        "environment": [{"name": key, "value": secret_value()} for key in environment],
    }
    if secrets:
        definition["secrets"] = [{"name": k, "valueFrom": v} for k, v in secrets.items()]
    if port:
        definition["portMappings"] = [{"containerPort": port, "protocol": "tcp"}]
    return definition


def register_task_definition(conn: Connection, family: str, containers: list[dict[str, Any]], *,
                             network_mode: str, compatibilities: list[str], cpu: str | None = None,
                             memory: str | None = None, task_role: str | None = None,
                             execution_role: str | None = None, tags: dict[str, str] | None = None) -> str:
    arguments: dict[str, Any] = {"family": family, "containerDefinitions": containers,
                                 "networkMode": network_mode, "requiresCompatibilities": compatibilities}
    optional = {"cpu": cpu, "memory": memory, "taskRoleArn": task_role, "executionRoleArn": execution_role}
    arguments.update({k: v for k, v in optional.items() if v is not None})
    if tags:
        arguments["tags"] = ecs_tags(tags)
    return conn.client("ecs").register_task_definition(**arguments)["taskDefinition"]["taskDefinitionArn"]


def create_service(conn: Connection, cluster: str, name: str, task_definition: str, *,
                   desired_count: int = 1, launch_type: str | None = None,
                   platform_version: str | None = None, network: dict[str, Any] | None = None,
                   target_groups: list[tuple[str, str, int]] = (), role: str | None = None,
                   scheduling_strategy: str | None = None, tags: dict[str, str] | None = None) -> str:
    """target_groups: (targetGroupArn, containerName, containerPort) tuples."""
    arguments: dict[str, Any] = {"cluster": cluster, "serviceName": name,
                                 "taskDefinition": task_definition, "desiredCount": desired_count}
    optional = {"launchType": launch_type, "platformVersion": platform_version,
                "networkConfiguration": network, "role": role, "schedulingStrategy": scheduling_strategy}
    arguments.update({k: v for k, v in optional.items() if v is not None})
    if target_groups:
        arguments["loadBalancers"] = [{"targetGroupArn": arn, "containerName": c, "containerPort": p}
                                      for arn, c, p in target_groups]
    if tags:
        arguments["tags"] = ecs_tags(tags)
    return conn.client("ecs").create_service(**arguments)["service"]["serviceArn"]


def run_tasks(conn: Connection, cluster: str, task_definition: str, *, count: int, launch_type: str,
              network: dict[str, Any] | None = None, platform_version: str | None = None,
              group: str | None = None, started_by: str | None = None,
              override_environment: dict[str, list[str]] | None = None,
              tags: dict[str, str] | None = None) -> list[str]:
    """Runs tasks; override_environment maps container name -> env names (values are secret_value())."""
    arguments: dict[str, Any] = {"cluster": cluster, "taskDefinition": task_definition,
                                 "count": count, "launchType": launch_type}
    optional = {"networkConfiguration": network, "platformVersion": platform_version,
                "group": group, "startedBy": started_by}
    arguments.update({k: v for k, v in optional.items() if v is not None})
    if override_environment:
        arguments["overrides"] = {"containerOverrides": [
            {"name": name, "environment": [{"name": key, "value": secret_value()} for key in keys]}
            for name, keys in override_environment.items()]}
    if tags:
        arguments["tags"] = ecs_tags(tags)
    response = conn.client("ecs").run_task(**arguments)
    if response.get("failures") or len(response["tasks"]) != count:
        raise RuntimeError(f"run_task {task_definition} on {cluster}: {response.get('failures')}")
    return [task["taskArn"] for task in response["tasks"]]


def stop_task(conn: Connection, cluster: str, task_arn: str, reason: str = "Stopped by seed") -> None:
    conn.client("ecs").stop_task(cluster=cluster, task=task_arn, reason=reason)


def iam_role(account_id: str, name: str) -> str:
    return f"arn:aws:iam::{account_id}:role/{name}"


ALLOW_EVERYTHING = {"Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}


def trusted_principals(base: Connection) -> list[str]:
    """Who may assume an inventory role: the base account's root and, when the base
    credentials are an IAM user's (signature-checking server), that user; moto does not
    let an account's root in a trust policy stand for the account's users."""
    identity = base.client("sts").get_caller_identity()
    principals = [f"arn:aws:iam::{identity['Account']}:root"]
    if identity["Arn"].startswith("arn:aws:iam::"):
        principals.append(identity["Arn"])
    return principals


def create_inventory_role(conn: Connection, role_arn: str, principals: list[str]) -> None:
    """The role in conn's account (the role ARN's), trusting principals, with an inline
    allow-everything policy (moto loads no managed policies). Two IAM calls."""
    name = role_arn.rsplit("/", 1)[1]
    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": principals}, "Action": "sts:AssumeRole"}]}
    iam = conn.client("iam")
    iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))
    iam.put_role_policy(RoleName=name, PolicyName="allow-everything", PolicyDocument=json.dumps(ALLOW_EVERYTHING))


def create_cross_account_role(base: Connection, role_arn: str, principals: list[str]) -> Connection:
    """Creates role_arn in another account and returns base's session in it.

    AssumeRole works before the role exists; the role is then created with that session's
    own key, in a window of two unchecked calls (see unauthenticated_calls), so this works
    on a signature-checking server too, where nobody else could create it.
    """
    assumed = base.assume_role(role_arn)
    with unauthenticated_calls(base.endpoint, 2):
        create_inventory_role(assumed, role_arn, principals)
    return assumed


def target_group(conn: Connection, account_id: str, name: str, suffix: str) -> str:
    return f"arn:aws:elasticloadbalancing:{conn.region}:{account_id}:targetgroup/{name}/{suffix}"


def secrets_manager_secret(conn: Connection, account_id: str, name: str) -> str:
    return f"arn:aws:secretsmanager:{conn.region}:{account_id}:secret:{name}"


def ssm_parameter(conn: Connection, account_id: str, name: str) -> str:
    return f"arn:aws:ssm:{conn.region}:{account_id}:parameter/{name}"


# --------------------------------------------------------------------------- ECS oracle


def _base(conn: Connection, account_id: str, uid: str, name: str) -> dict[str, Any]:
    return {"Uid": uid, "Name": name, "CloudProvider": CLOUD_PROVIDER,
            "Region": conn.region, "AccountId": account_id}


def cluster_record(conn: Connection, account_id: str, cluster: dict[str, Any]) -> dict[str, Any]:
    arn = cluster["clusterArn"]
    return {
        **_base(conn, account_id, arn, cluster.get("clusterName") or arn),
        "ActiveServicesCount": cluster.get("activeServicesCount"),
        "CapacityProviders": list_or_none(cluster.get("capacityProviders")),
        "ClusterArn": arn,
        "ClusterName": cluster.get("clusterName"),
        "PendingTasksCount": cluster.get("pendingTasksCount"),
        "RegisteredContainerInstanceCount": cluster.get("registeredContainerInstancesCount"),
        "RunningTasksCount": cluster.get("runningTasksCount"),
        "SourceStatus": cluster.get("status"),
        "Tags": tags_or_none(cluster.get("tags")),
    }


def service_record(conn: Connection, account_id: str, service: dict[str, Any]) -> dict[str, Any]:
    arn = service["serviceArn"]
    vpc = service.get("networkConfiguration", {}).get("awsvpcConfiguration")
    return {
        **_base(conn, account_id, arn, service.get("serviceName") or arn),
        "FirstSeen": iso_utc(service.get("createdAt")),
        "AssignPublicIp": None if vpc is None else vpc.get("assignPublicIp") == "ENABLED",
        "SecurityGroupIds": list_or_none(vpc and vpc.get("securityGroups")),
        "SubnetIds": list_or_none(vpc and vpc.get("subnets")),
        "ClusterArn": service.get("clusterArn"),
        "DesiredCount": service.get("desiredCount"),
        "LaunchType": service.get("launchType"),
        "TargetGroupArns": list_or_none(lb["targetGroupArn"] for lb in service.get("loadBalancers", [])
                                        if lb.get("targetGroupArn")),
        "PendingCount": service.get("pendingCount"),
        "PlatformFamily": service.get("platformFamily"),
        "PlatformVersion": service.get("platformVersion"),
        "ServiceRoleArn": service.get("roleArn"),
        "RunningCount": service.get("runningCount"),
        "SchedulingStrategy": service.get("schedulingStrategy"),
        "ServiceArn": arn,
        "ServiceName": service.get("serviceName"),
        "SourceStatus": service.get("status"),
        "Tags": tags_or_none(service.get("tags")),
        "TaskDefinition": service.get("taskDefinition"),
    }


def _attachment_details(task: dict[str, Any], name: str) -> list[str]:
    return [detail["value"]
            for attachment in task.get("attachments", [])
            for detail in attachment.get("details", [])
            if detail.get("name") == name]


def task_network_interface_ids(task: dict[str, Any]) -> list[str]:
    return _attachment_details(task, "networkInterfaceId")


def task_record(conn: Connection, account_id: str, task: dict[str, Any]) -> dict[str, Any]:
    arn = task["taskArn"]
    return {
        **_base(conn, account_id, arn, arn),
        "FirstSeen": iso_utc(task.get("createdAt")),
        "NetworkInterfaceIds": list_or_none(task_network_interface_ids(task)),
        "PrivateIpAddresses": list_or_none(_attachment_details(task, "privateIPv4Address")),
        "SubnetIds": list_or_none(_attachment_details(task, "subnetId")),
        "AvailabilityZone": task.get("availabilityZone"),
        "ClusterArn": task.get("clusterArn"),
        "ContainerInstanceArn": task.get("containerInstanceArn"),
        "ContainerImages": list_or_none(c["image"] for c in task.get("containers", []) if c.get("image")),
        "Cpu": task.get("cpu"),
        "DesiredStatus": task.get("desiredStatus"),
        "Group": task.get("group"),
        "SourceStatus": task.get("lastStatus"),
        "LaunchType": task.get("launchType"),
        "Memory": task.get("memory"),
        "PlatformVersion": task.get("platformVersion"),
        "LastStarted": iso_utc(task.get("startedAt")),
        "LastStopped": iso_utc(task.get("stoppedAt")),
        "Tags": tags_or_none(task.get("tags")),
        "TaskArn": arn,
        "TaskDefinitionArn": task.get("taskDefinitionArn"),
    }


def task_definition_record(conn: Connection, account_id: str, definition: dict[str, Any],
                           tags: list[dict[str, str]] | None = None) -> dict[str, Any]:
    arn = definition["taskDefinitionArn"]
    containers = definition.get("containerDefinitions", [])
    family, revision = definition.get("family"), definition.get("revision")
    return {
        **_base(conn, account_id, arn, f"{family}:{revision}" if family and revision else arn),
        "FirstSeen": iso_utc(definition.get("registeredAt")),
        "EnvironmentKeys": list_or_none(env["name"] for c in containers for env in c.get("environment", [])),
        "ContainerImages": list_or_none(c["image"] for c in containers if c.get("image")),
        "SecretRefs": list_or_none({"Name": s["name"], "ValueFrom": s["valueFrom"]}
                                   for c in containers for s in c.get("secrets", [])),
        "Cpu": definition.get("cpu"),
        "ExecutionRoleArn": definition.get("executionRoleArn"),
        "Family": family,
        "Memory": definition.get("memory"),
        "NetworkMode": definition.get("networkMode"),
        "RequiresCompatibilities": list_or_none(definition.get("requiresCompatibilities")),
        "Revision": revision,
        "SourceStatus": definition.get("status"),
        "TaskDefinitionArn": arn,
        "TaskRoleArn": definition.get("taskRoleArn"),
        # Not a seed attribute: DescribeTaskDefinition's top-level tags, which the module keeps too.
        "Tags": tags_or_none(tags),
    }


def _environment_values(containers: Iterable[dict[str, Any]]) -> list[str]:
    return [env["value"] for c in containers for env in c.get("environment", []) if "value" in env]


def ecs_oracle(conn: Connection, account_id: str) -> dict[str, list[Any]]:
    """Reads the ECS estate of one region back; also collects every environment VALUE seen."""
    ecs = conn.client("ecs")
    oracle: dict[str, list[Any]] = {"Clusters": [], "Services": [], "Tasks": [], "StoppedTasks": [],
                                    "TaskDefinitions": [], "SecretValues": []}
    secret_values: set[str] = set()

    cluster_arns = [arn for page in ecs.get_paginator("list_clusters").paginate() for arn in page["clusterArns"]]
    for batch in chunks(cluster_arns, 100):
        for cluster in ecs.describe_clusters(clusters=batch, include=["TAGS"])["clusters"]:
            oracle["Clusters"].append(cluster_record(conn, account_id, cluster))

    for cluster_arn in cluster_arns:
        service_arns = [arn for page in ecs.get_paginator("list_services").paginate(cluster=cluster_arn)
                        for arn in page["serviceArns"]]
        for batch in chunks(service_arns, 10):
            for service in ecs.describe_services(cluster=cluster_arn, services=batch, include=["TAGS"])["services"]:
                oracle["Services"].append(service_record(conn, account_id, service))

        for status, key in (("RUNNING", "Tasks"), ("STOPPED", "StoppedTasks")):
            task_arns = [arn for page in ecs.get_paginator("list_tasks").paginate(cluster=cluster_arn,
                                                                                  desiredStatus=status)
                         for arn in page["taskArns"]]
            for batch in chunks(task_arns, 100):
                for task in ecs.describe_tasks(cluster=cluster_arn, tasks=batch, include=["TAGS"])["tasks"]:
                    oracle[key].append(task_record(conn, account_id, task))
                    overrides = task.get("overrides", {}).get("containerOverrides", [])
                    secret_values.update(_environment_values(overrides + task.get("containers", [])))

    definition_arns = [arn for page in ecs.get_paginator("list_task_definitions").paginate()
                       for arn in page["taskDefinitionArns"]]
    for arn in definition_arns:
        described = ecs.describe_task_definition(taskDefinition=arn, include=["TAGS"])
        definition = described["taskDefinition"]
        oracle["TaskDefinitions"].append(task_definition_record(conn, account_id, definition, described.get("tags")))
        secret_values.update(_environment_values(definition.get("containerDefinitions", [])))

    for key in ("Clusters", "Services", "Tasks", "StoppedTasks", "TaskDefinitions"):
        oracle[key].sort(key=lambda record: record["Uid"])
    oracle["SecretValues"] = sorted(secret_values)
    return oracle


def merge_oracles(oracles: Iterable[dict[str, list[Any]]]) -> dict[str, list[Any]]:
    merged: dict[str, list[Any]] = {}
    for oracle in oracles:
        for key, values in oracle.items():
            merged.setdefault(key, []).extend(values)
    return merged
