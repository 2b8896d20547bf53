#!/usr/bin/env python3
"""Seeds a small, realistic demo estate in two regions and prints its oracle:

    {"EcrRepositories": [...], "Clusters": [...], "Services": [...], "Tasks": [...],
     "StoppedTasks": [...], "TaskDefinitions": [...], "SecretValues": [...]}

    python3 seed_demo.py --endpoint http://127.0.0.1:5000 \
        [--region us-east-1 --region eu-west-1] [--access-key K --secret-key S] [--no-seed]

Per region: a storefront (public images repository, private API repository), a shared
base-images repository, one FARGATE cluster running the storefront and one EC2 cluster
running the nightly jobs. The storefront's tasks sit behind an internet-facing ALB
(storefront, listener :80 forwarding to target group storefront-web, whose security group
admits 0.0.0.0/0 on port 80): Get-ContainerExposure shows the path.
"""

import argparse

import estate
import network_seed
from estate import Connection, RepositorySpec, awsvpc, container, policy, statement

DEFAULT_REGIONS = ["us-east-1", "eu-west-1"]


def seed_registry(conn: Connection) -> None:
    estate.create_repositories(conn, [
        RepositorySpec("storefront/web", policy(statement("PublicPull", "Allow", "*")),
                       scan_on_push=True, tags={"app": "storefront", "owner": "web-team"}),
        RepositorySpec("storefront/api", encryption="KMS", scan_on_push=True, mutability="IMMUTABLE",
                       tags={"app": "storefront", "owner": "api-team"}),
        RepositorySpec("base/python", policy(statement("OrgPull", "Allow", {"AWS": "arn:aws:iam::210987654321:root"})),
                       tags={"owner": "platform"}),
        RepositorySpec("jobs/nightly-export", mutability="IMMUTABLE"),
    ])


def seed_containers(conn: Connection, account_id: str) -> None:
    estate.pin_task_state(conn.endpoint)
    network = estate.default_network(conn, ["storefront-sg"])
    storefront_sg = network.security_groups["storefront-sg"]
    registry = f"{account_id}.dkr.ecr.{conn.region}.amazonaws.com"
    execution_role = estate.iam_role(account_id, "ecsTaskExecutionRole")

    estate.create_cluster(conn, "storefront", capacity_providers=["FARGATE", "FARGATE_SPOT"],
                          default_strategy=[{"capacityProvider": "FARGATE", "weight": 1}],
                          tags={"app": "storefront", "env": "prod"})
    estate.create_cluster(conn, "jobs", tags={"env": "prod"})
    estate.register_container_instances(conn, "jobs", network.subnet_ids[0], count=1)

    for version in ("4.1.0", "4.2.0"):
        estate.register_task_definition(
            conn, "storefront-web",
            [container("web", f"{registry}/storefront/web:{version}", port=8080,
                       environment=["SESSION_SECRET", "API_BASE_URL"],
                       secrets={"PAYMENT_KEY": estate.secrets_manager_secret(conn, account_id, "storefront/payment-Xy12Ab")})],
            network_mode="awsvpc", compatibilities=["FARGATE"], cpu="512", memory="1024",
            task_role=estate.iam_role(account_id, "storefront-web"), execution_role=execution_role,
            tags={"app": "storefront"})
    estate.register_task_definition(
        conn, "nightly-export",
        [container("export", f"{registry}/jobs/nightly-export:2024.06", environment=["EXPORT_TOKEN"], memory=1024)],
        network_mode="bridge", compatibilities=["EC2"])

    alb_sg = network_seed.security_group(conn, network.vpc_id, "storefront-alb", ("tcp", 80, 80, "0.0.0.0/0"))
    alb = network_seed.load_balancer(conn, "storefront", "application", "internet-facing", network.subnet_ids[:2], [alb_sg])
    web_group = network_seed.target_group(conn, "storefront-web", network.vpc_id, "ip", 8080)
    network_seed.listener(conn, alb, 80, "HTTP", web_group)
    estate.create_service(
        conn, "storefront", "storefront-web", "storefront-web:2", desired_count=2, launch_type="FARGATE",
        platform_version="1.4.0", network=awsvpc(network.subnet_ids[:2], [storefront_sg], public_ip=True),
        target_groups=[(web_group, "web", 8080)], tags={"app": "storefront"})
    web_tasks = estate.run_tasks(conn, "storefront", "storefront-web:2", count=2, launch_type="FARGATE",
                                 platform_version="1.4.0", group="service:storefront-web",
                                 network=awsvpc(network.subnet_ids[:1], [storefront_sg], public_ip=True))
    for task in conn.client("ecs").describe_tasks(cluster="storefront", tasks=web_tasks)["tasks"]:
        ip = next(d["value"] for a in task["attachments"] for d in a["details"] if d["name"] == "privateIPv4Address")
        network_seed.register(conn, web_group, ip, 8080)
    exports = estate.run_tasks(conn, "jobs", "nightly-export:1", count=2, launch_type="EC2",
                               override_environment={"export": ["EXPORT_RUN_TOKEN"]})
    estate.stop_task(conn, "jobs", exports[0], "Essential container exited")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    estate.add_connection_arguments(parser, multi_region=True)
    args = parser.parse_args()

    oracles = []
    for region in args.regions or DEFAULT_REGIONS:
        conn = estate.connection_from_args(args, region)
        account_id = conn.account_id()
        if not args.no_seed:
            seed_registry(conn)
            seed_containers(conn, account_id)
        oracles.append({"EcrRepositories": estate.ecr_oracle(conn, account_id),
                        **estate.ecs_oracle(conn, account_id)})
    merged = estate.merge_oracles(oracles)
    merged["SecretValues"] = sorted(set(merged["SecretValues"]))
    estate.print_oracle(merged)


if __name__ == "__main__":
    main()
