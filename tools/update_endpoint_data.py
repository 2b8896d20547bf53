#!/usr/bin/env python3
"""Copies botocore's partition data and the endpoint rule sets of the services the module calls into
src/AwsContainerInventory/Wire/Endpoints/Data, where the build embeds them in the cmdlet assembly.

The module's endpoint resolver evaluates these files; the xunit test EndpointDataTests fails when they
differ from the botocore installed on the machine, so after a botocore upgrade run:

    python3 tools/update_endpoint_data.py

A new service needs one line in AwsService.cs and its botocore name here.
"""
import json
import os
import sys

import botocore
import botocore.loaders

# botocore's service names of the services the module calls (AwsService.RuleSetName).
SERVICES = ["ecr", "ecs", "ec2", "sts", "elbv2", "organizations"]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    target = os.path.join(root, "src", "AwsContainerInventory", "Wire", "Endpoints", "Data")
    os.makedirs(target, exist_ok=True)
    # botocore's loader reads data/<name>.json or .json.gz, whichever this installation ships.
    loader = botocore.loaders.create_loader()
    write(os.path.join(target, "partitions.json"), loader.load_data("partitions"))
    for service in SERVICES:
        write(os.path.join(target, service + ".endpoint-rule-set.json"), loader.load_service_model(service, "endpoint-rule-set-1"))
    write(os.path.join(target, "source.json"), {"botocore": botocore.__version__})
    print("endpoint data from botocore " + botocore.__version__ + " written to " + target)


def write(path, data):
    with open(path, "w", encoding="utf-8", newline="\n") as target:
        json.dump(data, target, indent=2, sort_keys=False)
        target.write("\n")


if __name__ == "__main__":
    sys.exit(main())
