#!/usr/bin/env python3
"""Seeds the ECR image estate (two accounts, one region) and prints its oracle.

    python3 seed_images.py --endpoint http://127.0.0.1:5000 --region us-east-1 \
        [--access-key AKIA... --secret-key ...] [--second-account 222222222222] [--no-seed]

Account A (the credentials' own, moto's 123456789012) is a shared registry; account B runs its
images. Both get an inventory-reader role (as in seed_exposure.py), so the module reads both with
-RoleArn <A role>,<B role>. Seed it on a fresh or reset server.

Account A
  ECR  shared/web      3 images: tag 1.0; tags 1.1 and latest; untagged. scanOnPush false
       shared/worker   2 images (2.0, 2.1). scanOnPush true
       shared/unused   1 image (0.1). scanOnPush false
       registry scanning ENHANCED: CONTINUOUS_SCAN for the filter shared/w* (web, worker)
  ECS  cluster build: a RUNNING task of worker:1 (shared/worker 2.0, by digest)
Account B
  ECR  own/api         2 images (3.0, 3.1). scanOnPush false
       own/cache       1 image (1.0). scanOnPush false
       registry scanning BASIC: SCAN_ON_PUSH for the filter "api" (no wildcard: contained)
  ECS  cluster edge: RUNNING tasks of web:1 (A's shared/web 1.0 by digest, twice), api:1
       (own/api 3.1 by digest) and gone:1 (an image of A's shared/web pushed, then deleted);
       a STOPPED task of old:1 (shared/web 1.1 by digest), which is no use
Images are pushed with put_image (schema-2 manifests whose layers differ, so each has its own
digest). moto reports no containers[].imageDigest, so the task definitions name each image by
digest (<registry>/<name>@sha256:...), which the module reads as the digest in use. moto
produces no scan summaries: ScanStatus and the finding counts are null.

The oracle (JSON on stdout), from boto3 read-backs:

  {"Accounts": {"Base": "<A>", "Second": "<B>"},
   "Roles": {"RoleArns": ["<A role>", "<B role>"]},
   "Images": [EcrImage records: every property but LastCaptured, InUse null],
   "InUse": ["<Uid>", ...],                                # the images RUNNING tasks run
   "MissingInUse": [{"RepositoryArn": ..., "Digest": ...}],  # digests in use ECR does not have
   "ScanOnPushDisabled": ["<repository ARN>", ...]}         # by the registry rules below

ScanOnPushDisabled, from get_registry_scanning_configuration and describe_repositories: ENHANCED
scans the repositories a CONTINUOUS_SCAN or SCAN_ON_PUSH rule's filter matches (flag ignored);
BASIC scans those a SCAN_ON_PUSH rule matches, else those whose scanOnPush is true. A filter
without '*' matches names that contain it; with '*', the whole name (each '*' any characters).
Lists are sorted.
"""

import argparse
import json
import re
from typing import Any

import estate
from estate import Connection, RepositorySpec, awsvpc, container

ROLE_NAME = "inventory-reader"
DEFAULT_SECOND_ACCOUNT = "222222222222"


def registry(account_id: str, region: str) -> str:
    return f"{account_id}.dkr.ecr.{region}.amazonaws.com"


def manifest(seed: str) -> str:
    """A schema-2 manifest; moto derives the digest from the layer digests, so each seed has its own."""
    layer = "sha256:" + __import__("hashlib").sha256(seed.encode()).hexdigest()
    return json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "size": 1000 + len(seed), "digest": layer},
        "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "size": 30000000, "digest": layer}]})


def push(conn: Connection, repository: str, seed: str, tags: list[str]) -> str:
    """Pushes one image with its tags (none: untagged); returns its digest."""
    ecr = conn.client("ecr")
    body = manifest(f"{repository}/{seed}")
    digest = ecr.put_image(repositoryName=repository, imageManifest=body, **({"imageTag": tags[0]} if tags else {}))["image"]["imageId"]["imageDigest"]
    for tag in tags[1:]:
        ecr.put_image(repositoryName=repository, imageManifest=body, imageTag=tag)
    return digest


def scanning(scan_type: str, frequency: str, *filters: str) -> dict[str, Any]:
    return {"scanType": scan_type, "rules": [{"scanFrequency": frequency,
                                              "repositoryFilters": [{"filter": f, "filterType": "WILDCARD"} for f in filters]}]}


# --------------------------------------------------------------------------- seeding


def seed_account_a(conn: Connection, account_id: str) -> dict[str, str]:
    estate.create_repositories(conn, [RepositorySpec("shared/web", scan_on_push=False),
                                      RepositorySpec("shared/worker", scan_on_push=True, mutability="IMMUTABLE"),
                                      RepositorySpec("shared/unused", scan_on_push=False)])
    digests = {"web-1.0": push(conn, "shared/web", "1.0", ["1.0"]),
               "web-1.1": push(conn, "shared/web", "1.1", ["1.1", "latest"]),
               "web-untagged": push(conn, "shared/web", "nightly", []),
               "worker-2.0": push(conn, "shared/worker", "2.0", ["2.0"]),
               "worker-2.1": push(conn, "shared/worker", "2.1", ["2.1"]),
               "unused-0.1": push(conn, "shared/unused", "0.1", ["0.1"])}
    # Pushed, run by a task of B, then deleted: in use, but no longer in ECR.
    digests["web-gone"] = push(conn, "shared/web", "gone", ["gone"])
    conn.client("ecr").batch_delete_image(repositoryName="shared/web", imageIds=[{"imageDigest": digests["web-gone"]}])
    conn.client("ecr").put_registry_scanning_configuration(**scanning("ENHANCED", "CONTINUOUS_SCAN", "shared/w*"))

    network = estate.default_network(conn, ["build-sg"])
    images = registry(account_id, conn.region)
    estate.create_cluster(conn, "build")
    estate.register_task_definition(conn, "worker", [container("worker", f"{images}/shared/worker@{digests['worker-2.0']}")],
                                    network_mode="awsvpc", compatibilities=["FARGATE"], cpu="256", memory="512")
    estate.run_tasks(conn, "build", "worker:1", count=1, launch_type="FARGATE",
                     network=awsvpc(network.subnet_ids[:1], [network.security_groups["build-sg"]], public_ip=False))
    estate.log(f"images {conn.region}: seeded account {account_id}")
    return digests


def seed_account_b(conn: Connection, account_id: str, base_account: str, shared: dict[str, str]) -> None:
    estate.create_repositories(conn, [RepositorySpec("own/api", scan_on_push=False),
                                      RepositorySpec("own/cache", scan_on_push=False)])
    push(conn, "own/api", "3.0", ["3.0"])
    api = push(conn, "own/api", "3.1", ["3.1"])
    push(conn, "own/cache", "1.0", ["1.0"])
    conn.client("ecr").put_registry_scanning_configuration(**scanning("BASIC", "SCAN_ON_PUSH", "api"))

    network = estate.default_network(conn, ["edge-sg"])
    sg = network.security_groups["edge-sg"]
    a_images, b_images = registry(base_account, conn.region), registry(account_id, conn.region)
    estate.create_cluster(conn, "edge")
    for family, image in [("web", f"{a_images}/shared/web@{shared['web-1.0']}"),
                          ("api", f"{b_images}/own/api@{api}"),
                          ("gone", f"{a_images}/shared/web@{shared['web-gone']}"),
                          ("old", f"{a_images}/shared/web@{shared['web-1.1']}")]:
        estate.register_task_definition(conn, family, [container(family, image)], network_mode="awsvpc",
                                        compatibilities=["FARGATE"], cpu="256", memory="512")
    run = dict(launch_type="FARGATE", network=awsvpc(network.subnet_ids[:1], [sg], public_ip=False))
    estate.run_tasks(conn, "edge", "web:1", count=2, **run)
    estate.run_tasks(conn, "edge", "api:1", count=1, **run)
    estate.run_tasks(conn, "edge", "gone:1", count=1, **run)
    (old,) = estate.run_tasks(conn, "edge", "old:1", count=1, **run)
    estate.stop_task(conn, "edge", old)
    estate.log(f"images {conn.region}: seeded account {account_id}")


# --------------------------------------------------------------------------- oracle


def repository_arns(conn: Connection) -> dict[str, dict[str, Any]]:
    repositories = {}
    for page in conn.client("ecr").get_paginator("describe_repositories").paginate():
        for repository in page["repositories"]:
            repositories[repository["repositoryArn"]] = repository
    return repositories


def image_record(conn: Connection, repository: dict[str, Any], image: dict[str, Any]) -> dict[str, Any]:
    arn, digest = repository["repositoryArn"], image["imageDigest"]
    summary, status = image.get("imageScanFindingsSummary"), image.get("imageScanStatus") or {}
    counts = (summary or {}).get("findingSeverityCounts")
    def count(severity: str) -> int | None:
        return None if summary is None else (counts or {}).get(severity, 0)
    return {
        "Uid": f"{arn}@{digest}", "Name": f"{image['repositoryName']}@{digest}", "CloudProvider": estate.CLOUD_PROVIDER,
        "Region": conn.region, "AccountId": image["registryId"], "RepositoryName": image["repositoryName"],
        "RepositoryArn": arn, "RegistryId": image["registryId"], "ImageDigest": digest,
        "ImageTags": estate.list_or_none(image.get("imageTags")),
        "ImagePushedAt": estate.iso_utc(image.get("imagePushedAt")), "ImageSizeInBytes": image.get("imageSizeInBytes"),
        "LastRecordedPullTime": estate.iso_utc(image.get("lastRecordedPullTime")),
        "ImageManifestMediaType": image.get("imageManifestMediaType"), "ArtifactMediaType": image.get("artifactMediaType"),
        "ScanStatus": status.get("status"), "ScanStatusDescription": status.get("description"),
        "ImageScanCompletedAt": estate.iso_utc((summary or {}).get("imageScanCompletedAt")),
        "FindingSeverityCounts": counts, "CriticalFindings": count("CRITICAL"), "HighFindings": count("HIGH"),
        "MediumFindings": count("MEDIUM"), "LowFindings": count("LOW"), "InUse": None,
    }


def images_oracle(conn: Connection) -> list[dict[str, Any]]:
    ecr, records = conn.client("ecr"), []
    for repository in repository_arns(conn).values():
        for page in ecr.get_paginator("describe_images").paginate(repositoryName=repository["repositoryName"]):
            records.extend(image_record(conn, repository, image) for image in page["imageDetails"])
    return records


def digests_in_use(conn: Connection) -> set[tuple[str, str]]:
    """(repository ARN, digest) of every container of every RUNNING task, from the image reference."""
    ecs, used = conn.client("ecs"), set()
    for cluster in ecs.list_clusters()["clusterArns"]:
        arns = ecs.list_tasks(cluster=cluster, desiredStatus="RUNNING")["taskArns"]
        for batch in estate.chunks(arns, 100):
            for task in ecs.describe_tasks(cluster=cluster, tasks=batch)["tasks"]:
                for item in task.get("containers", []):
                    image, arn = item.get("image", ""), estate.ecr_repository_arn(item.get("image", ""))
                    digest = item.get("imageDigest") or (image.split("@", 1)[1] if "@" in image else None)
                    if arn and digest:
                        used.add((arn, digest))
    return used


def filter_matches(text: str, name: str) -> bool:
    if "*" not in text:
        return text in name
    return re.fullmatch(".*".join(re.escape(part) for part in text.split("*")), name) is not None


def unscanned(conn: Connection) -> list[str]:
    configuration = conn.client("ecr").get_registry_scanning_configuration()["scanningConfiguration"]
    rules = configuration.get("rules", [])
    def matched(name: str, *frequencies: str) -> bool:
        return any(rule["scanFrequency"] in frequencies and any(filter_matches(f["filter"], name) for f in rule["repositoryFilters"])
                   for rule in rules)
    result = []
    for arn, repository in repository_arns(conn).items():
        name = repository["repositoryName"]
        if configuration.get("scanType") == "ENHANCED":
            scanned = matched(name, "CONTINUOUS_SCAN", "SCAN_ON_PUSH")
        else:
            scanned = matched(name, "SCAN_ON_PUSH") or repository["imageScanningConfiguration"]["scanOnPush"]
        if not scanned:
            result.append(arn)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    estate.add_connection_arguments(parser)
    parser.add_argument("--second-account", default=DEFAULT_SECOND_ACCOUNT)
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
        shared = seed_account_a(base, base_account)
        seed_account_b(second, args.second_account, base_account, shared)

    images = images_oracle(base) + images_oracle(second)
    used = digests_in_use(base) | digests_in_use(second)
    present = {(i["RepositoryArn"], i["ImageDigest"]): i["Uid"] for i in images}
    estate.print_oracle({
        "Accounts": {"Base": base_account, "Second": args.second_account},
        "Roles": {"RoleArns": [role_a, role_b]},
        "Images": sorted(images, key=lambda i: i["Uid"]),
        "InUse": sorted(present[pair] for pair in used if pair in present),
        "MissingInUse": [{"RepositoryArn": arn, "Digest": digest} for arn, digest in sorted(used) if (arn, digest) not in present],
        "ScanOnPushDisabled": sorted(unscanned(base) + unscanned(second)),
    })


if __name__ == "__main__":
    main()
