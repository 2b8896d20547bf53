#!/usr/bin/env python3
"""Adds resources with 40-character names to an estate (after seed_demo.py, in one region), for the
tests of the default table views: at 80 columns the identifying column must show such names in full.

    python3 seed_long_names.py --endpoint http://127.0.0.1:5000 --region us-east-1

Prints {"Repository", "Cluster", "Service", "Family", "TaskArns"}: a public repository without scan on
push (so it is also an exposure finding), a FARGATE cluster with a service that assigns public IPs and
one running task (with a public IP), and a task definition with a secret-like environment variable name.
"""

import argparse

import estate
from estate import Connection, RepositorySpec, awsvpc, container, policy, statement

REPOSITORY = "platform-observability/collector-agent-1"
CLUSTER = "payments-settlement-reconciliation-batch"
SERVICE = "settlement-reconciliation-api-blue-green"
FAMILY = "settlement-reconciliation-worker-task-01"

for _name in (REPOSITORY, CLUSTER, SERVICE, FAMILY):
    assert len(_name) == 40, (_name, len(_name))


def seed(conn: Connection, account_id: str) -> list[str]:
    estate.pin_task_state(conn.endpoint)
    estate.create_repositories(conn, [RepositorySpec(REPOSITORY, policy(statement("PublicPull", "Allow", "*")),
                                                     tags={"team": "observability", "tier": "platform"})])
    network = estate.default_network(conn, ["settlement-sg"])
    estate.create_cluster(conn, CLUSTER, capacity_providers=["FARGATE"], tags={"app": "settlement"})
    registry = f"{account_id}.dkr.ecr.{conn.region}.amazonaws.com"
    estate.register_task_definition(
        conn, FAMILY, [container("worker", f"{registry}/{REPOSITORY}:1.0", environment=["DB_PASSWORD"])],
        network_mode="awsvpc", compatibilities=["FARGATE"], cpu="256", memory="512")
    vpc = awsvpc(network.subnet_ids[:1], [network.security_groups["settlement-sg"]], public_ip=True)
    estate.create_service(conn, CLUSTER, SERVICE, f"{FAMILY}:1", launch_type="FARGATE", network=vpc)
    task_arns = estate.run_tasks(conn, CLUSTER, f"{FAMILY}:1", count=1, launch_type="FARGATE", network=vpc)
    # moto gives awsvpc tasks no public IP: an Elastic IP on the task's interface stands for one.
    for task in conn.client("ecs").describe_tasks(cluster=CLUSTER, tasks=task_arns)["tasks"]:
        for attachment in task.get("attachments", []):
            for detail in attachment.get("details", []):
                if detail["name"] == "networkInterfaceId":
                    estate.associate_public_ip(conn, detail["value"])
    return task_arns


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    estate.add_connection_arguments(parser)
    args = parser.parse_args()
    conn = estate.connection_from_args(args)
    task_arns = [] if args.no_seed else seed(conn, conn.account_id())
    estate.print_oracle({"Repository": REPOSITORY, "Cluster": CLUSTER, "Service": SERVICE, "Family": FAMILY,
                         "TaskArns": task_arns})


if __name__ == "__main__":
    main()
