#!/usr/bin/env python3
"""The boto3 baseline of the benchmark: the same ECR calls as Get-EcrRepository, with 8 threads.

DescribeRepositories page by page (maxResults 100); for every repository GetRepositoryPolicy and
ListTagsForResource, on a thread pool of --threads workers. Prints one JSON line:
{"seconds": wall time, "first_record_seconds": ..., "repositories": n}.
"""

import argparse
import json
import time
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", required=True)
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--access-key", required=True)
    parser.add_argument("--secret-key", required=True)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    config = Config(max_pool_connections=args.threads * 2, retries={"mode": "standard", "max_attempts": 11})
    ecr = boto3.client("ecr", endpoint_url=args.endpoint, region_name=args.region, config=config,
                       aws_access_key_id=args.access_key, aws_secret_access_key=args.secret_key)

    def describe(repository: dict) -> dict:
        try:
            policy = ecr.get_repository_policy(registryId=repository["registryId"],
                                               repositoryName=repository["repositoryName"])["policyText"]
        except ecr.exceptions.RepositoryPolicyNotFoundException:
            policy = None
        tags = ecr.list_tags_for_resource(resourceArn=repository["repositoryArn"])["tags"]
        return {"repository": repository, "policy": policy, "tags": tags}

    started = time.perf_counter()
    first = None
    count = 0
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        futures = []
        for page in ecr.get_paginator("describe_repositories").paginate(PaginationConfig={"PageSize": 100}):
            futures.extend(pool.submit(describe, repository) for repository in page["repositories"])
        for future in futures:
            future.result()
            count += 1
            if first is None:
                first = time.perf_counter() - started
    print(json.dumps({"seconds": time.perf_counter() - started, "first_record_seconds": first, "repositories": count}))


if __name__ == "__main__":
    main()
