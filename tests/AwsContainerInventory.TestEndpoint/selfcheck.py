#!/usr/bin/env python3
"""Self-check of the scripted AWS endpoint against boto3 (no xunit needed).

Runs the console program, points boto3 at it and proves that
  * boto3 accepts its ECR / ECS (JSON 1.1) and STS / EC2 (query/XML) responses, timestamps included;
  * its SigV4 verification accepts boto3's signatures and rejects a wrong secret, an unknown key,
    a missing or wrong session token, expired credentials and a skewed clock;
  * paging, filters, batch limits, include=TAGS, failures and AWS errors behave as specified;
  * ECR DescribeImages pages, filters by tag status, takes 1..100 imageIds and fails with ImageNotFoundException
    for a missing one, with scan finding summaries boto3 parses; GetRegistryScanningConfiguration answers;
  * EC2 DescribeNetworkInterfaces finds the ENI of every running awsvpc task, with a public IP only where
    one was set, pages, limits and isolates accounts like EC2, and honours operation denials;
  * faults (throttle, 503, truncated body, reset, hang, malformed body, latency) and stats work;
  * Organizations, DescribeRegions and opt-in regions behave as AWS's (selfcheck_organizations.py);
  * the process prints one LISTENING line and exits cleanly on stdin EOF, SIGTERM and /_control/shutdown.

usage: python3 selfcheck.py [--dll path/to/AwsContainerInventory.TestEndpoint.dll]
Without --dll, bin/Release/net10.0 next to this file is used (built first if missing).
"""

import argparse
import concurrent.futures
import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest.mock
import urllib.request

import boto3
import botocore.auth

import selfcheck_organizations
import botocore.exceptions
from botocore.config import Config

from selfcheck_reachability import check_reachability

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECT = os.path.join(HERE, "AwsContainerInventory.TestEndpoint.csproj")
DEFAULT_DLL = os.path.join(HERE, "bin", "Release", "net10.0", "AwsContainerInventory.TestEndpoint.dll")

BASE_KEY = "AKIDEXAMPLEBASE0001"
BASE_SECRET = "base-secret-key-for-tests"
BASE_ACCOUNT = "111111111111"
ACCOUNT = "200000000001"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/Inventory"
DENIED_ROLE = "arn:aws:iam::200000000002:role/Inventory"  # exists, but is on the denied list
REGION = "us-east-1"

NO_RETRIES = Config(retries={"total_max_attempts": 1, "mode": "standard"}, connect_timeout=2, read_timeout=10)
NO_VALIDATION = Config(retries={"total_max_attempts": 1, "mode": "standard"}, parameter_validation=False)

failures = []
passed = 0


def check(name, condition, detail=""):
    global passed
    if condition:
        passed += 1
        print(f"  ok   {name}")
    else:
        failures.append(name)
        print(f"  FAIL {name} {detail}")


def expect_error(name, code, call, status=None):
    try:
        call()
    except botocore.exceptions.ClientError as e:
        got = e.response["Error"]["Code"]
        got_status = e.response["ResponseMetadata"]["HTTPStatusCode"]
        ok = got == code and (status is None or got_status == status)
        check(name, ok, f"(got {got} / HTTP {got_status}: {e.response['Error'].get('Message', '')[:200]})")
        return e
    check(name, False, f"(expected {code}, call succeeded)")
    return None


def expect_exception(name, exception_types, call):
    try:
        call()
    except exception_types as e:
        check(name, True)
        return e
    except Exception as e:  # noqa: BLE001 - report anything unexpected
        check(name, False, f"(got {type(e).__name__}: {e})")
        return e
    check(name, False, "(call succeeded)")
    return None


class Endpoint:
    """One running endpoint process."""

    def __init__(self, dll, *args):
        self.process = subprocess.Popen(
            ["dotnet", dll, "--port", "0", *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.first_line = self.process.stdout.readline().rstrip("\n")
        parts = self.first_line.split(" ")
        if len(parts) != 2 or parts[0] != "LISTENING" or not parts[1].startswith("http://127.0.0.1:"):
            self.process.kill()
            raise SystemExit(f"unexpected first line: {self.first_line!r}\n{self.process.stderr.read()}")
        self.url = parts[1]

    def control(self, method, route, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + "_control/" + route, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def client(self, service, key=BASE_KEY, secret=BASE_SECRET, token=None, region=REGION, config=NO_RETRIES):
        return boto3.client(service, endpoint_url=self.url, region_name=region, config=config,
                            aws_access_key_id=key, aws_secret_access_key=secret, aws_session_token=token)

    def wait_exit(self, timeout=10):
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return None
        self.rest_of_stdout = self.process.stdout.read()
        return code


def paginate(client, operation, key, **kwargs):
    items = []
    for page in client.get_paginator(operation).paginate(**kwargs):
        items.extend(page[key])
    return items


# --------------------------------------------------------------------------------------------- estate

HANDMADE_REGION = "eu-west-1"
HANDMADE_TASK_ID = "0123456789abcdef0123456789abcdef"
HANDMADE_ENI = "eni-0fedcba9876543210"
HANDMADE_PUBLIC_IP = "34.240.1.2"


def handmade_estate():
    """A region scripted field by field, loaded with POST /_control/estate?merge=true."""
    cluster_arn = f"arn:aws:ecs:{HANDMADE_REGION}:{ACCOUNT}:cluster/handmade"
    td_arn = f"arn:aws:ecs:{HANDMADE_REGION}:{ACCOUNT}:task-definition/worker:7"
    return {"regions": [{
        "accountId": ACCOUNT, "region": HANDMADE_REGION,
        "repositories": [{
            "repository": {"repositoryArn": f"arn:aws:ecr:{HANDMADE_REGION}:{ACCOUNT}:repository/tools/worker",
                           "registryId": ACCOUNT, "repositoryName": "tools/worker",
                           "repositoryUri": f"{ACCOUNT}.dkr.ecr.{HANDMADE_REGION}.amazonaws.com/tools/worker",
                           "createdAt": 1700000000.5, "imageTagMutability": "IMMUTABLE"},
            "policyText": '{"Version":"2012-10-17","Statement":[]}',
            "tags": {"owner": "ops"}}],
        "clusters": [{"clusterArn": cluster_arn, "clusterName": "handmade", "status": "ACTIVE",
                      "runningTasksCount": 1, "tags": [{"key": "env", "value": "selfcheck"}]}],
        "tasks": [{
            "taskArn": f"arn:aws:ecs:{HANDMADE_REGION}:{ACCOUNT}:task/handmade/{HANDMADE_TASK_ID}",
            "clusterArn": cluster_arn, "taskDefinitionArn": td_arn,
            "desiredStatus": "STOPPED", "lastStatus": "STOPPED", "cpu": "1024", "memory": "2048",
            "availabilityZone": "eu-west-1c", "createdAt": 1700000100, "startedAt": 1700000130.25,
            "stoppedAt": 1700003600, "stopCode": "TaskFailedToStart", "launchType": "FARGATE",
            "attachments": [{"id": "att-1", "type": "ElasticNetworkInterface", "status": "DELETED",
                             "details": [{"name": "networkInterfaceId", "value": "eni-0abc"},
                                         {"name": "privateIPv4Address", "value": "10.9.8.7"}]}],
            "tags": [{"key": "job", "value": "nightly"}]}],
        "taskDefinitions": [{
            "taskDefinition": {"taskDefinitionArn": td_arn, "family": "worker", "revision": 7,
                               "status": "ACTIVE", "containerDefinitions": [{"name": "w", "image": "busybox"}],
                               "registeredAt": 1690000000},
            "tags": {"team": "ops"}}],
        # EC2 wire vocabulary; the stopped task's DELETED attachment (eni-0abc) registers nothing.
        "networkInterfaces": [{
            "networkInterfaceId": HANDMADE_ENI, "subnetId": "subnet-0aaaabbbbccccdddd", "vpcId": "vpc-0aaaabbbbccccdddd",
            "availabilityZone": "eu-west-1a", "ownerId": ACCOUNT, "requesterManaged": True, "status": "in-use",
            "privateIpAddress": "10.1.2.3",
            "association": {"publicIp": HANDMADE_PUBLIC_IP, "ipOwnerId": "amazon"},
            "attachment": {"attachTime": "2024-02-01T12:00:00.000Z", "deviceIndex": 1, "status": "attached"},
            "groupSet": [{"groupId": "sg-0aaaabbbbccccdddd", "groupName": "handmade"}],
            "privateIpAddressesSet": [{"privateIpAddress": "10.1.2.3", "primary": True,
                                       "association": {"publicIp": HANDMADE_PUBLIC_IP, "ipOwnerId": "amazon"}}],
            "tagSet": [{"key": "team", "value": "ops"}]}],
    }]}


# --------------------------------------------------------------------------------------------- checks

def check_sts_and_roles(ep):
    print("STS and AssumeRole")
    sts = ep.client("sts")
    identity = sts.get_caller_identity()
    check("GetCallerIdentity with base credentials", identity["Account"] == BASE_ACCOUNT, identity)
    check("STS RequestId from XML response", len(identity["ResponseMetadata"]["RequestId"]) > 0)
    check("x-amzn-RequestId header on STS",
          "x-amzn-requestid" in identity["ResponseMetadata"]["HTTPHeaders"])

    before = datetime.datetime.now(datetime.timezone.utc)
    assumed = sts.assume_role(RoleArn=ROLE, RoleSessionName="selfcheck", DurationSeconds=900)
    credentials = assumed["Credentials"]
    lifetime = (credentials["Expiration"] - before).total_seconds()
    check("AssumeRole issues ASIA credentials", credentials["AccessKeyId"].startswith("ASIA"))
    check("AssumeRole Expiration parsed as datetime ~ now+900s", 895 <= lifetime <= 905, lifetime)
    check("AssumedRoleUser ARN", assumed["AssumedRoleUser"]["Arn"] ==
          f"arn:aws:sts::{ACCOUNT}:assumed-role/Inventory/selfcheck", assumed["AssumedRoleUser"])

    expect_error("AssumeRole denied role -> AccessDenied", "AccessDenied",
                 lambda: sts.assume_role(RoleArn=DENIED_ROLE, RoleSessionName="probe"), 403)
    expect_error("AssumeRole unknown role -> AccessDenied", "AccessDenied",
                 lambda: sts.assume_role(RoleArn=f"arn:aws:iam::{ACCOUNT}:role/Nope", RoleSessionName="probe"), 403)
    loose = ep.client("sts", config=NO_VALIDATION)
    expect_error("AssumeRole DurationSeconds 100 -> ValidationError", "ValidationError",
                 lambda: loose.assume_role(RoleArn=ROLE, RoleSessionName="probe", DurationSeconds=100), 400)
    expect_error("AssumeRole DurationSeconds 43201 -> ValidationError", "ValidationError",
                 lambda: loose.assume_role(RoleArn=ROLE, RoleSessionName="probe", DurationSeconds=43201), 400)

    records = ep.control("GET", "stats")["assumeRoles"]
    first = records[0]
    check("AssumeRole recorded (arn, session, duration)",
          (first["roleArn"], first["roleSessionName"], first["durationSeconds"], first["outcome"]) ==
          (ROLE, "selfcheck", 900, "Issued"), first)
    check("failed AssumeRoles recorded with outcome", [r["outcome"] for r in records[1:]] ==
          ["AccessDenied", "AccessDenied", "ValidationError", "ValidationError"], records)

    session = sts.assume_role(RoleArn=ROLE, RoleSessionName="inventory")["Credentials"]
    temp_sts = ep.client("sts", session["AccessKeyId"], session["SecretAccessKey"], session["SessionToken"])
    identity = temp_sts.get_caller_identity()
    check("GetCallerIdentity with temporary credentials -> role account",
          identity["Account"] == ACCOUNT and ":assumed-role/Inventory/inventory" in identity["Arn"], identity)
    return session


def check_ecr(ep, creds):
    print("ECR")
    ecr = ep.client("ecr", creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
    repos = paginate(ecr, "describe_repositories", "repositories", PaginationConfig={"PageSize": 7})
    check("DescribeRepositories paginated (PageSize 7) returns all 10", len(repos) == 10, len(repos))
    check("repository createdAt parsed as datetime", isinstance(repos[0]["createdAt"], datetime.datetime))
    calls = ep.control("GET", "stats")["operations"]["DescribeRepositories"]["calls"]
    check("call records carry maxResults, account and region",
          [(c["maxResults"], c["accountId"], c["region"]) for c in calls] == [(7, ACCOUNT, REGION)] * 2, calls)

    first = ecr.describe_repositories()
    check("DescribeRepositories default page is 100 (no nextToken for 10)", "nextToken" not in first)
    check("x-amzn-RequestId on JSON responses", len(first["ResponseMetadata"]["RequestId"]) > 0)

    policy = ecr.get_repository_policy(repositoryName="team-2/app-002")
    check("GetRepositoryPolicy returns the policy", json.loads(policy["policyText"])["Version"] == "2012-10-17")
    expect_error("GetRepositoryPolicy without policy -> RepositoryPolicyNotFoundException",
                 "RepositoryPolicyNotFoundException", lambda: ecr.get_repository_policy(repositoryName="team-0/app-000"))
    expect_error("GetRepositoryPolicy unknown repo -> RepositoryNotFoundException",
                 "RepositoryNotFoundException", lambda: ecr.get_repository_policy(repositoryName="missing"))
    expect_error("DescribeRepositories unknown name -> RepositoryNotFoundException",
                 "RepositoryNotFoundException", lambda: ecr.describe_repositories(repositoryNames=["nope"]))
    named = ecr.describe_repositories(repositoryNames=["team-1/app-001", "team-3/app-003"])["repositories"]
    check("DescribeRepositories by name", [r["repositoryName"] for r in named] == ["team-1/app-001", "team-3/app-003"])

    arn = next(r["repositoryArn"] for r in repos if r["repositoryName"] == "team-1/app-001")
    tags = ecr.list_tags_for_resource(resourceArn=arn)["tags"]
    check("ListTagsForResource (Key/Value)", {t["Key"] for t in tags} == {"team", "cost-center"}, tags)

    loose = ep.client("ecr", creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"], config=NO_VALIDATION)
    expect_error("DescribeRepositories maxResults 1001 -> InvalidParameterException", "InvalidParameterException",
                 lambda: loose.describe_repositories(maxResults=1001), 400)
    expect_error("DescribeRepositories bad nextToken -> InvalidParameterException", "InvalidParameterException",
                 lambda: ecr.describe_repositories(nextToken="bm9wZQ"), 400)

    eu = ep.client("ecr", creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"], region=HANDMADE_REGION)
    handmade = eu.describe_repositories()["repositories"]
    check("scripted repository served in its region (region from credential scope)",
          [r["imageTagMutability"] for r in handmade] == ["IMMUTABLE"], handmade)


IMAGES_REGION = "eu-central-1"


def image_detail(repository, n, tags, counts=None):
    digest = "sha256:" + format(n, "064x")
    image = {"registryId": ACCOUNT, "repositoryName": repository, "imageDigest": digest, "imageSizeInBytes": 1000 + n,
             "imagePushedAt": 1700000000 + n, "imageManifestMediaType": "application/vnd.oci.image.manifest.v1+json",
             "lastRecordedPullTime": 1700100000 + n}
    if tags:
        image["imageTags"] = tags
    if counts is not None:
        image["imageScanStatus"] = {"status": "COMPLETE", "description": "The scan was completed successfully."}
        image["imageScanFindingsSummary"] = {"imageScanCompletedAt": 1700000100 + n, "findingSeverityCounts": counts}
    return image


def check_ecr_images(ep, creds):
    print("ECR images and registry scanning")
    images = [image_detail("tools/scanner", n, [f"v{n}"] if n % 3 else [], {"CRITICAL": n % 2, "HIGH": 3} if n < 5 else None)
              for n in range(1, 251)]
    ep.control("POST", "estate?merge=true", {"regions": [{
        "accountId": ACCOUNT, "region": IMAGES_REGION,
        "repositories": [{"repository": {"repositoryName": "tools/scanner", "registryId": ACCOUNT,
                                         "repositoryArn": f"arn:aws:ecr:{IMAGES_REGION}:{ACCOUNT}:repository/tools/scanner"},
                          "images": images},
                         {"repository": {"repositoryName": "tools/empty", "registryId": ACCOUNT}}],
        "registryScanningConfiguration": {"scanType": "ENHANCED", "rules": [
            {"scanFrequency": "CONTINUOUS_SCAN", "repositoryFilters": [{"filter": "tools/*", "filterType": "WILDCARD"}]}]}}]})
    ecr = ep.client("ecr", creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"], region=IMAGES_REGION)
    loose = ep.client("ecr", creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"], region=IMAGES_REGION,
                      config=NO_VALIDATION)

    listed = paginate(ecr, "describe_images", "imageDetails", repositoryName="tools/scanner", PaginationConfig={"PageSize": 100})
    check("DescribeImages paginated (PageSize 100) returns all 250 in push order",
          [i["imageDigest"] for i in listed] == [i["imageDigest"] for i in images], len(listed))
    check("imagePushedAt and lastRecordedPullTime parsed as datetimes",
          isinstance(listed[0]["imagePushedAt"], datetime.datetime) and isinstance(listed[0]["lastRecordedPullTime"], datetime.datetime))
    check("imageScanFindingsSummary.findingSeverityCounts parsed",
          listed[0]["imageScanFindingsSummary"]["findingSeverityCounts"] == {"CRITICAL": 1, "HIGH": 3}
          and "imageScanFindingsSummary" not in listed[10], listed[0])
    check("DescribeImages default page is 100", len(ecr.describe_images(repositoryName="tools/scanner")["imageDetails"]) == 100)
    tagged = paginate(ecr, "describe_images", "imageDetails", repositoryName="tools/scanner", filter={"tagStatus": "UNTAGGED"})
    check("filter tagStatus UNTAGGED", len(tagged) == 83 and all("imageTags" not in i for i in tagged), len(tagged))
    check("an empty repository has no images", ecr.describe_images(repositoryName="tools/empty")["imageDetails"] == [])

    wanted = [{"imageDigest": i["imageDigest"]} for i in images[:100]]
    by_id = ecr.describe_images(repositoryName="tools/scanner", imageIds=wanted)
    check("DescribeImages with 100 imageIds, no nextToken",
          len(by_id["imageDetails"]) == 100 and "nextToken" not in by_id, len(by_id["imageDetails"]))
    check("imageIds by tag", [i["imageDigest"] for i in ecr.describe_images(
        repositoryName="tools/scanner", imageIds=[{"imageTag": "v2"}])["imageDetails"]] == [images[1]["imageDigest"]])
    before = ep.control("GET", "stats")["batchLimitViolations"]
    expect_error("DescribeImages with 101 imageIds -> InvalidParameterException", "InvalidParameterException",
                 lambda: loose.describe_images(repositoryName="tools/scanner",
                                               imageIds=[{"imageDigest": i["imageDigest"]} for i in images[:101]]), 400)
    check("the 101 imageIds are a batch limit violation", ep.control("GET", "stats")["batchLimitViolations"] == before + 1)
    missing = "sha256:" + "f" * 64
    error = expect_error("one missing digest fails the call: ImageNotFoundException", "ImageNotFoundException",
                         lambda: ecr.describe_images(repositoryName="tools/scanner",
                                                     imageIds=[wanted[0], {"imageDigest": missing}]), 400)
    check("the error names the missing digest", error is not None and missing in error.response["Error"]["Message"])
    expect_error("imageIds with maxResults -> InvalidParameterException", "InvalidParameterException",
                 lambda: loose.describe_images(repositoryName="tools/scanner", imageIds=wanted[:1], maxResults=5), 400)
    expect_error("DescribeImages unknown repository -> RepositoryNotFoundException", "RepositoryNotFoundException",
                 lambda: ecr.describe_images(repositoryName="tools/nope"), 400)
    expect_error("DescribeImages maxResults 1001 -> InvalidParameterException", "InvalidParameterException",
                 lambda: loose.describe_images(repositoryName="tools/scanner", maxResults=1001), 400)

    scanning = ecr.get_registry_scanning_configuration()
    check("GetRegistryScanningConfiguration returns the scripted ENHANCED rules",
          scanning["registryId"] == ACCOUNT and scanning["scanningConfiguration"]["scanType"] == "ENHANCED"
          and scanning["scanningConfiguration"]["rules"][0]["repositoryFilters"][0]["filter"] == "tools/*", scanning)
    default = ep.client("ecr", creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"]).get_registry_scanning_configuration()
    check("a registry without configuration is BASIC without rules",
          default["scanningConfiguration"] == {"scanType": "BASIC", "rules": []}, default)
    ep.control("POST", "deny", {"deniedOperations": {ACCOUNT: ["ecr:GetRegistryScanningConfiguration"]}})
    expect_error("denied GetRegistryScanningConfiguration -> AccessDeniedException", "AccessDeniedException",
                 lambda: ecr.get_registry_scanning_configuration(), 400)
    ep.control("POST", "deny", {"deniedOperations": {}})


def check_ecs(ep, creds):
    print("ECS")
    ecs = ep.client("ecs", creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
    loose = ep.client("ecs", creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"], config=NO_VALIDATION)

    clusters = paginate(ecs, "list_clusters", "clusterArns")
    check("ListClusters", len(clusters) == 2, clusters)
    described = ecs.describe_clusters(clusters=clusters, include=["TAGS"])
    check("DescribeClusters include TAGS returns tags", all(c.get("tags") for c in described["clusters"]))
    plain = ecs.describe_clusters(clusters=clusters)
    check("DescribeClusters without include omits tags", all("tags" not in c for c in plain["clusters"]))
    missing = ecs.describe_clusters(clusters=["nope"])
    check("DescribeClusters unknown -> failures MISSING",
          missing["failures"] == [{"arn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/nope", "reason": "MISSING"}], missing)

    services = paginate(ecs, "list_services", "serviceArns", cluster="cluster-01")
    check("ListServices (12 services, default page 10)", len(services) == 12, len(services))
    pages = [c["maxResults"] for c in ep.control("GET", "stats")["operations"]["ListServices"]["calls"]]
    check("ListServices used two pages without maxResults", pages == [None, None], pages)
    described = ecs.describe_services(cluster="cluster-01", services=services[:10], include=["TAGS"])
    check("DescribeServices 10, createdAt datetime, platformFamily",
          len(described["services"]) == 10 and isinstance(described["services"][0]["createdAt"], datetime.datetime)
          and described["services"][0]["platformFamily"] == "Linux")
    expect_error("DescribeServices 11 -> InvalidParameterException", "InvalidParameterException",
                 lambda: ecs.describe_services(cluster="cluster-01", services=services[:11]), 400)
    expect_error("ListServices unknown cluster -> ClusterNotFoundException", "ClusterNotFoundException",
                 lambda: ecs.list_services(cluster="nope"), 400)
    expect_error("DescribeTasks unknown cluster -> ClusterNotFoundException", "ClusterNotFoundException",
                 lambda: ecs.describe_tasks(cluster="nope", tasks=["x"]), 400)

    running = paginate(ecs, "list_tasks", "taskArns", cluster="cluster-01", PaginationConfig={"PageSize": 100})
    check("ListTasks (default RUNNING) pages through 250 tasks", len(running) == 250, len(running))
    stopped = paginate(ecs, "list_tasks", "taskArns", cluster="cluster-01", desiredStatus="STOPPED")
    check("ListTasks desiredStatus STOPPED returns only stopped", len(stopped) == 5 and not set(stopped) & set(running))
    check("ListTasks desiredStatus PENDING returns nothing",
          ecs.list_tasks(cluster="cluster-01", desiredStatus="PENDING")["taskArns"] == [])
    by_service = paginate(ecs, "list_tasks", "taskArns", cluster="cluster-01", serviceName="svc-01")
    check("ListTasks serviceName filter", len(by_service) == 21, len(by_service))
    cluster_arn = f"arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/cluster-02"
    check("ListTasks with cluster ARN", len(paginate(ecs, "list_tasks", "taskArns", cluster=cluster_arn)) == 250)
    expect_error("ListTasks maxResults 101 -> InvalidParameterException", "InvalidParameterException",
                 lambda: loose.list_tasks(cluster="cluster-01", maxResults=101), 400)
    expect_error("ListClusters maxResults 0 -> InvalidParameterException", "InvalidParameterException",
                 lambda: loose.list_clusters(maxResults=0), 400)
    token = ecs.list_tasks(cluster="cluster-01", maxResults=10)["nextToken"]
    expect_error("nextToken from another query -> InvalidParameterException", "InvalidParameterException",
                 lambda: ecs.list_tasks(cluster="cluster-02", nextToken=token), 400)

    tasks = ecs.describe_tasks(cluster="cluster-01", tasks=running[:100], include=["TAGS"])
    task = tasks["tasks"][0]
    check("DescribeTasks 100 parsed", len(tasks["tasks"]) == 100 and tasks["failures"] == [])
    check("task fields: cpu, memory, availabilityZone, startedAt, attachments",
          task["cpu"] == "256" and task["memory"] == "512" and task["availabilityZone"].startswith(REGION)
          and isinstance(task["startedAt"], datetime.datetime)
          and task["attachments"][0]["details"][0]["name"] == "subnetId", task.keys())
    expect_error("DescribeTasks 101 -> InvalidParameterException", "InvalidParameterException",
                 lambda: ecs.describe_tasks(cluster="cluster-01", tasks=running[:100] + stopped[:1]), 400)
    partial = ecs.describe_tasks(cluster="cluster-01", tasks=[running[0], "ffffffffffffffffffffffffffffffff"])
    check("DescribeTasks unknown id -> failures MISSING", partial["failures"] == [{
        "arn": f"arn:aws:ecs:{REGION}:{ACCOUNT}:task/cluster-01/ffffffffffffffffffffffffffffffff", "reason": "MISSING"}],
          partial["failures"])
    stats = ep.control("GET", "stats")
    check("batch-limit violations counted", stats["batchLimitViolations"] == 2, stats["batchLimitViolations"])
    batches = [c["batchSize"] for c in stats["operations"]["DescribeTasks"]["calls"]]
    check("DescribeTasks batch sizes recorded", batches == [1, 100, 101, 2], batches)
    desired = [c["desiredStatus"] for c in stats["operations"]["ListTasks"]["calls"]][:5]
    check("ListTasks desiredStatus recorded", desired == [None, None, None, "STOPPED", "PENDING"], desired)

    definitions = paginate(ecs, "list_task_definitions", "taskDefinitionArns")
    check("ListTaskDefinitions default ACTIVE", [d.rsplit("/", 1)[1] for d in definitions] == ["app-00:3", "app-01:3"],
          definitions)
    inactive = paginate(ecs, "list_task_definitions", "taskDefinitionArns", status="INACTIVE", familyPrefix="app-00")
    check("ListTaskDefinitions status INACTIVE + family", [d.rsplit("/", 1)[1] for d in inactive] == ["app-00:1", "app-00:2"],
          inactive)
    check("ListTaskDefinitions familyPrefix matches the family exactly",
          ecs.list_task_definitions(familyPrefix="app-0")["taskDefinitionArns"] == [])
    described = ecs.describe_task_definition(taskDefinition="app-01", include=["TAGS"])
    check("DescribeTaskDefinition family -> latest ACTIVE, tags at top level, registeredAt datetime",
          described["taskDefinition"]["revision"] == 3 and described["tags"] == [{"key": "family", "value": "app-01"}]
          and isinstance(described["taskDefinition"]["registeredAt"], datetime.datetime), described.get("tags"))
    check("DescribeTaskDefinition without include has no tags",
          "tags" not in ecs.describe_task_definition(taskDefinition="app-01:2"))
    expect_error("DescribeTaskDefinition unknown -> ClientException", "ClientException",
                 lambda: ecs.describe_task_definition(taskDefinition="nope:1"), 400)

    eu = ep.client("ecs", creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"], region=HANDMADE_REGION)
    arns = eu.list_tasks(cluster="handmade", desiredStatus="STOPPED")["taskArns"]
    task = eu.describe_tasks(cluster="handmade", tasks=arns, include=["TAGS"])["tasks"][0]
    check("scripted task fields survive (cpu, memory, AZ, stopCode, ENI, stoppedAt, tags)",
          (task["cpu"], task["memory"], task["availabilityZone"], task["stopCode"],
           task["attachments"][0]["details"][0]["value"], task["stoppedAt"].year, task["tags"]) ==
          ("1024", "2048", "eu-west-1c", "TaskFailedToStart", "eni-0abc", 2023, [{"key": "job", "value": "nightly"}]), task)
    worker = eu.describe_task_definition(taskDefinition=
                                         f"arn:aws:ecs:{HANDMADE_REGION}:{ACCOUNT}:task-definition/worker:7",
                                         include=["TAGS"])
    check("scripted task definition by ARN with tags", worker["tags"] == [{"key": "team", "value": "ops"}])


def task_enis(task):
    """(eni id, private IP, subnet id, attachment id) of a task's ElasticNetworkInterface attachment."""
    attachment = next(a for a in task["attachments"] if a["type"] == "ElasticNetworkInterface")
    details = {d["name"]: d["value"] for d in attachment["details"]}
    return details["networkInterfaceId"], details["privateIPv4Address"], details["subnetId"], attachment["id"]


def check_ec2(ep, creds):
    print("EC2 DescribeNetworkInterfaces")
    keys = (creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
    ec2 = ep.client("ec2", *keys)
    loose = ep.client("ec2", *keys, config=NO_VALIDATION)
    ecs = ep.client("ecs", *keys)
    ep.control("POST", "reset")

    running = paginate(ecs, "list_tasks", "taskArns", cluster="cluster-01", PaginationConfig={"PageSize": 100})
    tasks = ecs.describe_tasks(cluster="cluster-01", tasks=running[:100])["tasks"]
    expected = {eni: (ip, subnet, att) for eni, ip, subnet, att in map(task_enis, tasks)}
    found = ec2.describe_network_interfaces(
        Filters=[{"Name": "network-interface-id", "Values": list(expected)}], MaxResults=1000)
    enis = {e["NetworkInterfaceId"]: e for e in found["NetworkInterfaces"]}
    check("the ENI of each of 100 awsvpc tasks is found by network-interface-id filter",
          set(enis) == set(expected) and "NextToken" not in found, len(enis))
    check("ENI private IP, subnet and description (ECS attachment ARN) match the task",
          all((e["PrivateIpAddress"], e["SubnetId"], e["Description"]) ==
              (expected[i][0], expected[i][1], f"arn:aws:ecs:{REGION}:{ACCOUNT}:attachment/{expected[i][2]}")
              for i, e in enis.items()))
    sample = next(iter(enis.values()))
    check("ENI fully populated (owner, requester-managed, in-use, groups, attachment time, primary private IP)",
          sample["OwnerId"] == ACCOUNT and sample["RequesterManaged"] is True and sample["Status"] == "in-use"
          and sample["InterfaceType"] == "interface" and sample["VpcId"].startswith("vpc-") and sample["Groups"]
          and isinstance(sample["Attachment"]["AttachTime"], datetime.datetime)
          and sample["PrivateIpAddresses"][0]["Primary"] is True and sample["Ipv6Addresses"] == []
          and sample["TagSet"] == [] and sample["MacAddress"], sample)
    check("EC2 RequestId parsed from <requestId>", len(found["ResponseMetadata"]["RequestId"]) > 0)

    public = {i: e for i, e in enis.items() if "Association" in e}
    check("public IP only where set (every 10th task: 10 of 100)", len(public) == 10, len(public))
    check("association: publicIp, publicDnsName, ipOwnerId amazon, also on the primary private IP",
          all(e["Association"]["IpOwnerId"] == "amazon" and e["Association"]["PublicDnsName"].startswith("ec2-")
              and e["PrivateIpAddresses"][0]["Association"] == e["Association"] for e in public.values()))
    check("no association at all on the private ENIs",
          all("Association" not in e["PrivateIpAddresses"][0] for i, e in enis.items() if i not in public))
    ips = [e["Association"]["PublicIp"] for e in public.values()]
    by_ip = ec2.describe_network_interfaces(Filters=[{"Name": "association.public-ip", "Values": ips}])
    check("association.public-ip filter", {e["NetworkInterfaceId"] for e in by_ip["NetworkInterfaces"]} == set(public))
    by_subnet = ec2.describe_network_interfaces(Filters=[
        {"Name": "subnet-id", "Values": [sample["SubnetId"]]}, {"Name": "vpc-id", "Values": [sample["VpcId"]]},
        {"Name": "network-interface-id", "Values": list(expected)}])
    check("subnet-id and vpc-id filters (filters AND, values OR)",
          sample["NetworkInterfaceId"] in {e["NetworkInterfaceId"] for e in by_subnet["NetworkInterfaces"]}
          and all(e["SubnetId"] == sample["SubnetId"] for e in by_subnet["NetworkInterfaces"]))
    by_id = ec2.describe_network_interfaces(NetworkInterfaceIds=list(expected)[:3])
    check("NetworkInterfaceIds returns exactly those", len(by_id["NetworkInterfaces"]) == 3)

    everything = ec2.describe_network_interfaces()
    check("without MaxResults everything in one page (500 running tasks' ENIs, stopped tasks have none)",
          len(everything["NetworkInterfaces"]) == 500 and "NextToken" not in everything, len(everything["NetworkInterfaces"]))
    stopped = paginate(ecs, "list_tasks", "taskArns", cluster="cluster-01", desiredStatus="STOPPED")
    stopped_enis = [task_enis(t)[0] for t in ecs.describe_tasks(cluster="cluster-01", tasks=stopped)["tasks"]]
    check("a stopped task's (DELETED) ENI does not exist",
          ec2.describe_network_interfaces(Filters=[{"Name": "network-interface-id", "Values": stopped_enis}])
          ["NetworkInterfaces"] == [])

    ep.control("POST", "reset")
    twelve = list(expected)[:12]
    pages = list(ec2.get_paginator("describe_network_interfaces").paginate(
        Filters=[{"Name": "network-interface-id", "Values": twelve}], PaginationConfig={"PageSize": 5}))
    paged = [e["NetworkInterfaceId"] for page in pages for e in page["NetworkInterfaces"]]
    check("MaxResults 5 over 12 ENIs: pages 5+5+2 reassemble exactly",
          [len(p["NetworkInterfaces"]) for p in pages] == [5, 5, 2] and sorted(paged) == sorted(twelve), paged)
    calls = ep.control("GET", "stats")["operations"]["DescribeNetworkInterfaces"]["calls"]
    check("call records: service ec2, account, region, maxResults, batchSize, hasNextToken",
          [(c["service"], c["accountId"], c["region"], c["maxResults"], c["batchSize"], c["hasNextToken"]) for c in calls] ==
          [("ec2", ACCOUNT, REGION, 5, 12, False), ("ec2", ACCOUNT, REGION, 5, 12, True), ("ec2", ACCOUNT, REGION, 5, 12, True)],
          calls)
    all_pages = paginate(ec2, "describe_network_interfaces", "NetworkInterfaces", PaginationConfig={"PageSize": 200})
    check("MaxResults 200 over the region: 500 distinct ENIs",
          len({e["NetworkInterfaceId"] for e in all_pages}) == 500 == len(all_pages), len(all_pages))

    token = ec2.describe_network_interfaces(MaxResults=5)["NextToken"]
    expect_error("NextToken from another query -> InvalidPaginationToken", "InvalidPaginationToken",
                 lambda: ec2.describe_network_interfaces(MaxResults=5, NextToken=token,
                                                         Filters=[{"Name": "subnet-id", "Values": ["subnet-0"]}]), 400)
    expect_error("made-up NextToken -> InvalidPaginationToken", "InvalidPaginationToken",
                 lambda: ec2.describe_network_interfaces(NextToken="bm9wZQ"), 400)

    before = ep.control("GET", "stats")["batchLimitViolations"]
    too_many = [f"eni-{i:017x}" for i in range(201)]
    expect_error("201 filter values -> FilterLimitExceeded", "FilterLimitExceeded",
                 lambda: ec2.describe_network_interfaces(Filters=[{"Name": "network-interface-id", "Values": too_many}]), 400)
    after = ep.control("GET", "stats")
    check("over 200 values counted as a batch-limit violation (batchSize 201)",
          after["batchLimitViolations"] == before + 1
          and after["operations"]["DescribeNetworkInterfaces"]["calls"][-1]["batchSize"] == 201, after["batchLimitViolations"])
    exactly = ec2.describe_network_interfaces(Filters=[{"Name": "network-interface-id", "Values": too_many[:200]}])
    check("200 filter values accepted", exactly["NetworkInterfaces"] == [])
    expect_error("MaxResults with NetworkInterfaceIds -> InvalidParameterCombination", "InvalidParameterCombination",
                 lambda: ec2.describe_network_interfaces(NetworkInterfaceIds=twelve[:1], MaxResults=5), 400)
    expect_error("MaxResults 4 -> InvalidParameterValue", "InvalidParameterValue",
                 lambda: loose.describe_network_interfaces(MaxResults=4), 400)
    expect_error("MaxResults 1001 -> InvalidParameterValue", "InvalidParameterValue",
                 lambda: loose.describe_network_interfaces(MaxResults=1001), 400)
    error = expect_error("unknown ENI id -> InvalidNetworkInterfaceID.NotFound", "InvalidNetworkInterfaceID.NotFound",
                         lambda: ec2.describe_network_interfaces(NetworkInterfaceIds=[twelve[0], "eni-0123456789abcdef0"]), 400)
    check("EC2 error RequestID parsed", error is not None and len(error.response["ResponseMetadata"]["RequestId"]) > 0)
    expect_error("malformed ENI id -> InvalidNetworkInterfaceID.Malformed", "InvalidNetworkInterfaceID.Malformed",
                 lambda: ec2.describe_network_interfaces(NetworkInterfaceIds=["i-0123456789abcdef0"]), 400)
    expect_error("unknown filter name -> InvalidParameterValue", "InvalidParameterValue",
                 lambda: ec2.describe_network_interfaces(Filters=[{"Name": "instance-id", "Values": ["x"]}]), 400)
    expect_error("DryRun -> DryRunOperation (412)", "DryRunOperation",
                 lambda: ec2.describe_network_interfaces(DryRun=True), 412)

    base = ep.client("ec2")
    check("another account's ENIs are invisible (filter)",
          base.describe_network_interfaces(Filters=[{"Name": "network-interface-id", "Values": twelve}])["NetworkInterfaces"] == [])
    expect_error("another account's ENI by id -> NotFound", "InvalidNetworkInterfaceID.NotFound",
                 lambda: base.describe_network_interfaces(NetworkInterfaceIds=twelve[:1]), 400)
    west = ep.client("ec2", *keys, region="us-west-2")
    check("another region's ENIs are invisible",
          west.describe_network_interfaces(Filters=[{"Name": "network-interface-id", "Values": twelve}])["NetworkInterfaces"] == [])
    eu = ep.client("ec2", *keys, region=HANDMADE_REGION).describe_network_interfaces()["NetworkInterfaces"]
    check("scripted ENI (estate JSON) served with its public IP and tags; the stopped task's ENI is not",
          [(e["NetworkInterfaceId"], e.get("Association", {}).get("PublicIp"), e["TagSet"]) for e in eu] ==
          [(HANDMADE_ENI, HANDMADE_PUBLIC_IP, [{"Key": "team", "Value": "ops"}])], eu)

    ep.control("POST", "deny", {"deniedOperations": {BASE_ACCOUNT: ["ec2:DescribeNetworkInterfaces", "ecs:ListClusters"]}})
    expect_error("denied account -> UnauthorizedOperation (403)", "UnauthorizedOperation",
                 base.describe_network_interfaces, 403)
    expect_error("denied ECS operation -> AccessDeniedException (400)", "AccessDeniedException",
                 ep.client("ecs").list_clusters, 400)
    check("other accounts are not denied", len(ec2.describe_network_interfaces(MaxResults=5)["NetworkInterfaces"]) == 5)
    ep.control("POST", "deny", {})
    check("allowed again after POST /_control/deny {}", base.describe_network_interfaces()["NetworkInterfaces"] == [])

    expect_error("EC2 wrong secret -> SignatureDoesNotMatch (403)", "SignatureDoesNotMatch",
                 lambda: ep.client("ec2", secret="wrong-secret").describe_network_interfaces(), 403)
    expect_error("EC2 unknown key -> AuthFailure (401)", "AuthFailure",
                 lambda: ep.client("ec2", key="AKIDUNKNOWN00000000").describe_network_interfaces(), 401)
    skewed = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(minutes=20)
    with unittest.mock.patch.object(botocore.auth, "get_current_datetime", return_value=skewed):
        expect_error("EC2 clock 20 min behind -> RequestExpired", "RequestExpired",
                     lambda: ep.client("ec2").describe_network_interfaces(), 400)
    check("STS still answers the query protocol beside EC2",
          ep.client("sts").get_caller_identity()["Account"] == BASE_ACCOUNT)


def check_signatures(ep, creds):
    print("SigV4 verification")
    before = ep.control("GET", "stats")["signatureRejections"]
    expect_error("ECS wrong secret -> InvalidSignatureException", "InvalidSignatureException",
                 lambda: ep.client("ecs", secret="wrong-secret").list_clusters(), 403)
    expect_error("ECR wrong secret -> InvalidSignatureException", "InvalidSignatureException",
                 lambda: ep.client("ecr", secret="wrong-secret").describe_repositories(), 403)
    expect_error("STS wrong secret -> SignatureDoesNotMatch", "SignatureDoesNotMatch",
                 lambda: ep.client("sts", secret="wrong-secret").get_caller_identity(), 403)
    expect_error("ECS unknown key -> UnrecognizedClientException", "UnrecognizedClientException",
                 lambda: ep.client("ecs", key="AKIDUNKNOWN00000000").list_clusters(), 403)
    expect_error("STS unknown key -> InvalidClientTokenId", "InvalidClientTokenId",
                 lambda: ep.client("sts", key="AKIDUNKNOWN00000000").get_caller_identity(), 403)
    expect_error("temporary key without session token -> UnrecognizedClientException", "UnrecognizedClientException",
                 lambda: ep.client("ecs", creds["AccessKeyId"], creds["SecretAccessKey"]).list_clusters(), 403)
    expect_error("temporary key with wrong session token -> UnrecognizedClientException", "UnrecognizedClientException",
                 lambda: ep.client("ecs", creds["AccessKeyId"], creds["SecretAccessKey"], "bogus").list_clusters(), 403)
    expect_error("temporary key with wrong secret -> InvalidSignatureException", "InvalidSignatureException",
                 lambda: ep.client("ecs", creds["AccessKeyId"], "x" + creds["SecretAccessKey"],
                                   creds["SessionToken"]).list_clusters(), 403)
    skewed = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - datetime.timedelta(minutes=20)
    with unittest.mock.patch.object(botocore.auth, "get_current_datetime", return_value=skewed):
        error = expect_error("clock 20 min behind -> InvalidSignatureException (Signature expired)",
                             "InvalidSignatureException", lambda: ep.client("ecs").list_clusters(), 403)
    check("skew message says 'Signature expired'", error is not None and
          error.response["Error"]["Message"].startswith("Signature expired"))
    mismatch = expect_error("signature mismatch explains the canonical request", "InvalidSignatureException",
                            lambda: ep.client("ecs", secret="nope").list_clusters())
    check("mismatch message carries the canonical string", mismatch is not None and
          "x-amz-target:AmazonEC2ContainerServiceV20141113.ListClusters" in mismatch.response["Error"]["Message"])
    after = ep.control("GET", "stats")
    check("signature rejections counted", after["signatureRejections"] - before == 10,
          after["signatureRejectionsByCode"])

    ep.control("POST", "expire-credentials")
    expect_error("expired temporary credentials (ECS) -> ExpiredTokenException", "ExpiredTokenException",
                 lambda: ep.client("ecs", creds["AccessKeyId"], creds["SecretAccessKey"],
                                   creds["SessionToken"]).list_clusters(), 400)
    expect_error("expired temporary credentials (STS) -> ExpiredToken", "ExpiredToken",
                 lambda: ep.client("sts", creds["AccessKeyId"], creds["SecretAccessKey"],
                                   creds["SessionToken"]).get_caller_identity(), 403)
    expect_error("expired temporary credentials (EC2) -> RequestExpired", "RequestExpired",
                 lambda: ep.client("ec2", creds["AccessKeyId"], creds["SecretAccessKey"],
                                   creds["SessionToken"]).describe_network_interfaces(), 400)


def check_faults(ep):
    print("Faults and stats")
    ecs = ep.client("ecs", region="us-east-1")  # base account: no clusters, cheap calls
    retrying = ep.client("ecs", config=Config(retries={"total_max_attempts": 4, "mode": "standard"}))

    ep.control("POST", "reset")
    ep.control("POST", "faults", {"throttleEveryNth": 2, "retryAfterSeconds": 3, "operation": "ListClusters"})
    results = []
    for _ in range(4):
        try:
            ecs.list_clusters()
            results.append("ok")
        except botocore.exceptions.ClientError as e:
            results.append((e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"],
                            e.response["ResponseMetadata"]["HTTPHeaders"].get("retry-after")))
    check("throttle every 2nd call (400 ThrottlingException, Retry-After)",
          results == ["ok", ("ThrottlingException", 400, "3")] * 2, results)
    check("operation filter: other operations untouched",
          all(ecs.describe_clusters()["failures"] is not None for _ in range(4)))

    ep.control("POST", "faults", {"serviceUnavailableEveryNth": 2})
    for _ in range(3):
        retrying.list_clusters()
    stats = ep.control("GET", "stats")["operations"]["ListClusters"]
    check("503 every 2nd call is retried by boto3 (attempts > successes)",
          stats["attempts"] == 4 + 5 and stats["successes"] == 2 + 3, stats)

    sts = ep.client("sts")
    ep.control("POST", "faults", {"throttleEveryNth": 1, "operation": "GetCallerIdentity"})
    expect_error("STS throttle -> Throttling", "Throttling", sts.get_caller_identity, 400)

    ep.control("POST", "faults", {"throttleEveryNth": 2, "operation": "DescribeNetworkInterfaces"})
    expect_error("EC2 throttle -> RequestLimitExceeded (503)", "RequestLimitExceeded",
                 lambda: [ep.client("ec2").describe_network_interfaces() for _ in range(2)], 503)
    retrying_ec2 = ep.client("ec2", config=Config(retries={"total_max_attempts": 4, "mode": "standard"}))
    answers = [retrying_ec2.describe_network_interfaces()["NetworkInterfaces"] for _ in range(2)]
    stats = ep.control("GET", "stats")["operations"]["DescribeNetworkInterfaces"]
    check("EC2 throttle every 2nd call: boto3 retries and succeeds",
          answers == [[], []] and (stats["attempts"], stats["successes"]) == (2 + 3, 1 + 2)
          and [c["errorCode"] for c in stats["calls"]].count("RequestLimitExceeded") == 2, stats["attempts"])

    ep.control("POST", "faults", {"internalErrorEveryNth": 1})
    expect_error("500 -> ServerException", "ServerException", ecs.list_clusters, 500)

    ep.control("POST", "faults", {"truncatedBodyEveryNth": 1})
    expect_exception("truncated body -> boto3 raises", (botocore.exceptions.BotoCoreError,), ecs.list_clusters)

    ep.control("POST", "faults", {"resetConnectionEveryNth": 1})
    expect_exception("connection reset -> boto3 raises", (botocore.exceptions.BotoCoreError,), ecs.list_clusters)

    ep.control("POST", "faults", {"hangEveryNth": 1, "hangMs": 3000})
    impatient = ep.client("ecs", config=Config(retries={"total_max_attempts": 1}, read_timeout=1))
    expect_exception("hang -> client read timeout", (botocore.exceptions.ReadTimeoutError,), impatient.list_clusters)

    ep.control("POST", "faults", {"malformedBodyEveryNth": 1})
    malformed = ecs.list_clusters()
    check("malformed body: 200 but no clusterArns parsed", "clusterArns" not in malformed and
          malformed["ResponseMetadata"]["HTTPStatusCode"] == 200, malformed)

    ep.control("POST", "faults", {"latencyMs": 400})
    clients = [ep.client("ecs") for _ in range(8)]  # boto3 client creation is not thread-safe
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda client: client.list_clusters(), clients))
    elapsed = time.monotonic() - started
    stats = ep.control("GET", "stats")
    check("latency applies while in flight (peak concurrency >= 6)", stats["peakInFlight"] >= 6, stats["peakInFlight"])
    check("latency is concurrent, not serialized", elapsed < 2.5, elapsed)
    injected = stats["faultsInjected"]
    check("injected faults counted", all(injected.get(k) for k in
                                         ["Throttle", "ServiceUnavailable", "InternalError", "TruncatedBody",
                                          "ResetConnection", "Hang", "MalformedBody"]), injected)

    ep.control("POST", "reset")
    stats = ep.control("GET", "stats")
    summary = ep.control("GET", "estate/summary")
    check("reset clears stats and faults but keeps the estate",
          stats["totalCalls"] == 0 and ep.control("GET", "faults")["latencyMs"] == 0 and summary["tasks"] > 0)
    ep.control("POST", "clear")
    check("clear empties the estate", ep.control("GET", "estate/summary")["tasks"] == 0)


def check_lifecycle(dll):
    print("Process lifecycle")
    ep = Endpoint(dll)
    ep.process.stdin.close()
    code = ep.wait_exit()
    check("exits 0 on stdin EOF, stdout is exactly one LISTENING line",
          code == 0 and ep.rest_of_stdout == "", (code, ep.rest_of_stdout))

    ep = Endpoint(dll)
    ep.process.send_signal(signal.SIGTERM)
    check("exits 0 on SIGTERM", ep.wait_exit() == 0)

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({"generate": {"accounts": 1, "clustersPerRegion": 1, "tasksPerCluster": 3}}, f)
    try:
        ep = Endpoint(dll, "--estate", f.name)
        summary = ep.control("GET", "estate/summary")
        check("--estate file.json loaded (with generate)", summary["tasks"] == 3, summary)
        ep.control("POST", "shutdown")
        check("exits 0 on POST /_control/shutdown", ep.wait_exit() == 0)
    finally:
        os.unlink(f.name)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dll", default=DEFAULT_DLL)
    args = parser.parse_args()

    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
    for variable in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
        os.environ.pop(variable, None)
    if not os.path.exists(args.dll):
        subprocess.run(["dotnet", "build", PROJECT, "-c", "Release"], check=True)

    ep = Endpoint(args.dll)
    try:
        generated = ep.control("POST", "generate", {
            "replace": True, "accounts": 2, "regions": ["us-east-1", "us-west-2"], "repositoriesPerRegion": 10,
            "clustersPerRegion": 2, "servicesPerCluster": 12, "tasksPerCluster": 250, "stoppedTasksPerCluster": 5,
            "taskDefinitionsPerRegion": 6, "taskDefinitionFamilies": 2, "inactiveOldRevisions": True,
            "publicIpEveryNthTask": 10})
        check("generate", generated["runningTasks"] == 2 * 2 * 2 * 250 and generated["publicIpTasks"] == 2 * 2 * 2 * 25,
              generated)
        check("every running task has its ENI", generated["summary"]["networkInterfaces"] == 2 * 2 * 2 * 250,
              generated["summary"])
        ep.control("POST", "estate?merge=true", handmade_estate())
        ep.control("POST", "sts", {"deniedRoleArns": [DENIED_ROLE]})
        ep.control("POST", "reset")

        creds = check_sts_and_roles(ep)
        check_ecr(ep, creds)
        check_ecs(ep, creds)
        check_ec2(ep, creds)
        check_ecr_images(ep, creds)
        check_reachability(ep, creds, ACCOUNT, HANDMADE_REGION, "handmade", check, expect_error, NO_VALIDATION)
        check_signatures(ep, creds)
        check_faults(ep)
        selfcheck_organizations.check(ep, check, expect_error, paginate, NO_VALIDATION)
    finally:
        ep.process.stdin.close()
        ep.wait_exit()

    check_lifecycle(args.dll)

    print(f"\n{passed} checks passed, {len(failures)} failed")
    if failures:
        print("failed: " + "; ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
