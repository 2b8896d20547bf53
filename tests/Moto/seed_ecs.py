#!/usr/bin/env python3
"""Seeds moto's ECS (and the EC2 pieces it needs) in one region and prints the oracle:

    {"Clusters": [...], "Services": [...], "Tasks": [...], "StoppedTasks": [...],
     "TaskDefinitions": [...], "SecretValues": [...]}

Tasks holds the tasks whose desiredStatus is RUNNING, StoppedTasks the stopped ones;
SecretValues every environment-variable value used (task definitions and run_task
overrides): none of them may ever appear in the module's output.

    python3 seed_ecs.py --endpoint http://127.0.0.1:5000 --region us-east-1 \
        [--access-key AKIA... --secret-key ...] [--no-seed]

The estate:
  orders     FARGATE/FARGATE_SPOT capacity providers with a default strategy, tags;
             services orders-api (public IP, target group) and orders-worker (private);
             FARGATE tasks (one of them stopped)
  analytics  two EC2 container instances, tags; service report-scheduler (bridge, DAEMON,
             classic service role); EC2 tasks (one of them stopped)
  sandbox    no tags, nothing in it
  task definitions web-api:1..3, worker:1..2, report-batch:1
"""

import argparse

import estate
from estate import Connection, awsvpc, container


def seed(conn: Connection, account_id: str) -> None:
    estate.pin_task_state(conn.endpoint)
    network = estate.default_network(conn, ["orders-web-sg", "orders-worker-sg"])
    web_sg, worker_sg = network.security_groups["orders-web-sg"], network.security_groups["orders-worker-sg"]
    subnet_a, subnet_b, subnet_c = network.subnet_ids[:3]

    def role(name: str) -> str:
        return estate.iam_role(account_id, name)

    registry = f"{account_id}.dkr.ecr.{conn.region}.amazonaws.com"

    # Clusters
    estate.create_cluster(
        conn, "orders", capacity_providers=["FARGATE", "FARGATE_SPOT"],
        default_strategy=[{"capacityProvider": "FARGATE", "weight": 1, "base": 1},
                          {"capacityProvider": "FARGATE_SPOT", "weight": 3}],
        tags={"env": "prod", "team": "orders", "cost-center": "cc-2001"})
    estate.create_cluster(conn, "analytics", tags={"env": "prod", "team": "data"})
    estate.create_cluster(conn, "sandbox")
    estate.register_container_instances(conn, "analytics", subnet_c, count=2)

    # Task definitions: three revisions of web-api, two of worker, one of report-batch.
    for revision, (cpu, memory) in enumerate([("256", "512"), ("512", "1024"), ("512", "2048")], start=1):
        estate.register_task_definition(
            conn, "web-api",
            [container("app", f"{registry}/app-frontend:1.{revision}.0", port=8080,
                       environment=["DATABASE_URL", "API_TOKEN", "FEATURE_FLAGS"],
                       secrets={"DB_PASSWORD": estate.secrets_manager_secret(conn, account_id, "orders/db-AbCdEf"),
                                "STRIPE_KEY": estate.ssm_parameter(conn, account_id, "orders/stripe-key")}),
             container("log-router", "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
                       environment=["LOG_DESTINATION_TOKEN"], memory=128, cpu=64)],
            network_mode="awsvpc", compatibilities=["FARGATE"], cpu=cpu, memory=memory,
            task_role=role("orders-web-task"), execution_role=role("ecsTaskExecutionRole"),
            tags={"app": "orders", "tier": "web"})
    estate.register_task_definition(
        conn, "worker",
        [container("worker", f"{registry}/app-worker:2.0.0", environment=["QUEUE_URL"])],
        network_mode="awsvpc", compatibilities=["EC2", "FARGATE"], cpu="1024", memory="2048",
        execution_role=role("ecsTaskExecutionRole"))
    estate.register_task_definition(
        conn, "worker",
        [container("worker", f"{registry}/app-worker:2.1.0", environment=["QUEUE_URL", "WORKER_SECRET"],
                   secrets={"QUEUE_CREDENTIALS": estate.secrets_manager_secret(conn, account_id, "orders/queue-QwErTy")})],
        network_mode="awsvpc", compatibilities=["EC2", "FARGATE"], cpu="1024", memory="2048",
        task_role=role("orders-worker-task"), execution_role=role("ecsTaskExecutionRole"),
        tags={"app": "orders", "tier": "worker"})
    estate.register_task_definition(
        conn, "report-batch",
        [container("report", f"{registry}/tools-ci:report", environment=["REPORT_BUCKET_KEY"],
                   memory=512, cpu=256, port=9000)],
        network_mode="bridge", compatibilities=["EC2"])

    # Services
    estate.create_service(
        conn, "orders", "orders-api", "web-api:3", desired_count=2, launch_type="FARGATE",
        platform_version="1.4.0", network=awsvpc([subnet_a, subnet_b], [web_sg], public_ip=True),
        target_groups=[(estate.target_group(conn, account_id, "orders-api", "6d0ecf831eec9f09"), "app", 8080)],
        tags={"app": "orders", "tier": "web"})
    estate.create_service(
        conn, "orders", "orders-worker", "worker:2", desired_count=1, launch_type="FARGATE",
        platform_version="LATEST", network=awsvpc([subnet_b], [worker_sg, web_sg], public_ip=False),
        tags={"app": "orders", "tier": "worker"})
    estate.create_service(
        conn, "analytics", "report-scheduler", "report-batch:1", desired_count=0, launch_type="EC2",
        scheduling_strategy="DAEMON", role=role("ecsServiceRole"),
        target_groups=[(estate.target_group(conn, account_id, "reports", "0a1b2c3d4e5f6a7b"), "report", 9000)],
        tags={"app": "reports"})

    # Tasks: FARGATE in orders, EC2 in analytics; one of each stopped.
    web_tasks = estate.run_tasks(
        conn, "orders", "web-api:3", count=2, launch_type="FARGATE", platform_version="1.4.0",
        network=awsvpc([subnet_a], [web_sg], public_ip=True), group="service:orders-api",
        override_environment={"app": ["OVERRIDE_TOKEN"]}, tags={"app": "orders", "tier": "web"})
    estate.run_tasks(
        conn, "orders", "worker:2", count=1, launch_type="FARGATE",
        network=awsvpc([subnet_b], [worker_sg], public_ip=False), started_by="seed")
    batch_tasks = estate.run_tasks(
        conn, "analytics", "report-batch:1", count=3, launch_type="EC2",
        override_environment={"report": ["REPORT_OVERRIDE_SECRET"]}, tags={"job": "nightly-report"})
    estate.stop_task(conn, "orders", web_tasks[0], "Scaling activity")
    estate.stop_task(conn, "analytics", batch_tasks[0], "Essential container exited")
    estate.log(f"ecs {conn.region}: seeded clusters, task definitions, services and tasks")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    estate.add_connection_arguments(parser)
    args = parser.parse_args()

    conn = estate.connection_from_args(args)
    account_id = conn.account_id()
    if not args.no_seed:
        seed(conn, account_id)
    else:
        estate.pin_task_state(conn.endpoint)
    estate.print_oracle(estate.ecs_oracle(conn, account_id))


if __name__ == "__main__":
    main()
