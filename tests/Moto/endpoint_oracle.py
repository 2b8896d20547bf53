#!/usr/bin/env python3
"""The endpoint URL botocore resolves for every region of every partition x {ECR, ECS, EC2, STS} x FIPS x
dual-stack, through a real client's endpoint rule set resolver (what boto3 would send to). Also regions no
partition lists: one new-looking region per partition (each partition's pattern claims it) and one that no
pattern claims (botocore falls back to the aws partition).

Prints one JSON array: {service, region, fips, dualstack, url | error}. STS is asked for its regional
endpoints (AWS_STS_REGIONAL_ENDPOINTS=regional), as the module always uses them. Used by the xunit test
EndpointOracleTests; nothing from the caller's environment or config files is read.
"""
import json
import os
import sys

# No setting of the caller may shape the answer: only the client Config below does.
for name in list(os.environ):
    if name.startswith("AWS_"):
        del os.environ[name]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ["AWS_STS_REGIONAL_ENDPOINTS"] = "regional"

import botocore  # noqa: E402
import botocore.session  # noqa: E402
from botocore.exceptions import BotoCoreError  # noqa: E402

SERVICES = ["ecr", "ecs", "ec2", "sts", "elbv2", "organizations"]
UNLISTED = ["us-east-9", "cn-south-7", "us-gov-south-3", "us-iso-south-5", "us-isob-north-2",
            "eu-isoe-north-3", "us-isof-west-4", "eusc-de-west-2", "xx-moon-1"]


def regions():
    with open(os.path.join(os.path.dirname(botocore.__file__), "data", "partitions.json")) as source:
        partitions = json.load(source)["partitions"]
    listed = [r for p in partitions for r in p["regions"] if not r.endswith("-global")]
    return listed + UNLISTED


def main():
    session = botocore.session.get_session()
    results = []
    for service in SERVICES:
        for region in regions():
            # One client per service and region, built without variants (botocore's legacy endpoints.json
            # check at client creation refuses dual-stack in aws-iso-e and aws-iso-f, which the rule sets
            # allow); each variant then goes through the client's own rule-set resolver and builtins.
            client = session.create_client(
                service, region_name=region, aws_access_key_id="AKIDORACLE", aws_secret_access_key="oracle")
            resolver = client._ruleset_resolver
            model = client.meta.service_model
            operation = model.operation_model(model.operation_names[0])
            builtins = dict(resolver._builtins)
            for fips in (False, True):
                for dualstack in (False, True):
                    entry = {"service": service, "region": region, "fips": fips, "dualstack": dualstack}
                    resolver._builtins = dict(builtins, **{"AWS::UseFIPS": fips, "AWS::UseDualStack": dualstack})
                    try:
                        endpoint = resolver.construct_endpoint(operation_model=operation, call_args={}, request_context={})
                        entry["url"] = endpoint.url
                    except BotoCoreError as error:
                        entry["error"] = str(error)
                    results.append(entry)
    json.dump(results, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
