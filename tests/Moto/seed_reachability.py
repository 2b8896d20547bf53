#!/usr/bin/env python3
"""Seeds the reachability estate (one account, one region) and prints its oracle.

    python3 seed_reachability.py --endpoint http://127.0.0.1:5000 --region us-east-1 \
        [--access-key AKIA... --secret-key ...] [--no-seed]

VPC 10.20.0.0/16 (with an IPv6 block) and an internet gateway. Subnets public-a and public-b
are explicitly associated with a table sending 0.0.0.0/0 and ::/0 to the gateway; subnet private
has no association, so the VPC's main table (local routes only) decides it.

Cluster reach (FARGATE, task definition web:1, awsvpc, port 8080/tcp); each task below gets its
own ENI from moto, the public ones an Elastic IP (estate.associate_public_ip):
  direct-open      public-a, sg web-open (tcp 8080 from 0.0.0.0/0), public IP    -> reachable
  private-subnet   private,  sg web-open, public IP                              -> no internet route (Low)
  closed-port      public-a, sg closed-port (tcp 443 only), public IP            -> closed on 8080 (Low)
  ipv6-opening     public-a, sg v6-only (tcp 8080 from ::/0), public IPv4 only   -> IPv6-only opening (Low)
  ipv6-reach       public-a, sg v6-only, public IPv4 and an IPv6 address         -> reachable over IPv6
  services (private subnet, sg tasks without internet rules, no public IP), one task each,
  registered by private IP in their ip target group:
  web       web-tg      ALB web-prod (internet-facing, sg alb-open: tcp 80, 443) :80 default action -> reachable
  api       api-tg      ALB web-prod :80 rule 10 path-pattern /api/*                           -> reachable
  intranet  intranet-tg ALB intranet (internal) :80                                            -> not exposed
  locked    locked-tg   ALB locked (internet-facing, sg alb-closed: tcp 80 only) :443          -> not exposed
  edge      edge-tg     NLB edge-nlb (internet-facing, no security groups) TCP :8443           -> reachable
  dual      dual-tg     ALB dual (internet-facing, dualstack, sg alb-v6: tcp 443 from ::/0) :443 -> reachable
Cluster legacy (one EC2 container instance): service legacy, task definition legacy:1 (bridge,
container port 80 on host port 8081); its task's instance is registered on 8081 in the instance
target group legacy-tg behind ALB legacy-alb (internet-facing, sg alb-open) :80 -> reachable
through the instance.

The oracle (JSON on stdout), computed from boto3 read-backs by reachability.py, never from the module:

  {"AccountId": "...", "Region": "...",
   "Tasks": {"<name>": "<task ARN>"},
   "Verdicts": [{TaskArn, Verdict (Reachable | PublicIpNotReachable | NotExposed), Paths, PublicAddresses}],
   "Findings": [{Kind, ResourceArn, AccountId, Region}]}

Findings: InternetReachableTask per Reachable task, PublicIpNotReachable per task with a public
address and no path; sorted by Kind, then ResourceArn. Seed it on a fresh or reset server.
"""

import argparse
from typing import Any

import estate
import network_seed as net
import reachability
from estate import Connection, awsvpc, container

ANY4, ANY6 = net.ANY4, net.ANY6


def seed(conn: Connection) -> dict[str, str]:
    ec2 = conn.client("ec2")
    vpc = net.create_vpc(conn, "10.20.0.0/16")
    igw = net.internet_gateway(conn, vpc)
    subnet = {name: ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=zone)["Subnet"]["SubnetId"]
              for name, cidr, zone in (("public-a", "10.20.1.0/24", f"{conn.region}a"), ("public-b", "10.20.2.0/24", f"{conn.region}b"),
                                       ("private", "10.20.3.0/24", f"{conn.region}a"))}
    net.public_route_table(conn, vpc, igw, [subnet["public-a"], subnet["public-b"]])
    sg = {
        "web-open": net.security_group(conn, vpc, "web-open", ("tcp", 8080, 8080, ANY4)),
        "closed-port": net.security_group(conn, vpc, "closed-port", ("tcp", 443, 443, ANY4)),
        "v6-only": net.security_group(conn, vpc, "v6-only", ("tcp", 8080, 8080, ANY6)),
        "tasks": net.security_group(conn, vpc, "tasks", ("tcp", 8080, 8080, "10.20.0.0/16")),
        "alb-open": net.security_group(conn, vpc, "alb-open", ("tcp", 80, 80, ANY4), ("tcp", 443, 443, ANY4)),
        "alb-closed": net.security_group(conn, vpc, "alb-closed", ("tcp", 80, 80, ANY4)),
        "alb-v6": net.security_group(conn, vpc, "alb-v6", ("tcp", 443, 443, ANY6)),
    }
    lb_subnets = [subnet["public-a"], subnet["public-b"]]

    estate.create_cluster(conn, "reach", capacity_providers=["FARGATE"])
    estate.register_task_definition(conn, "web", [container("web", "nginx:1.27", port=8080)],
                                    network_mode="awsvpc", compatibilities=["FARGATE"], cpu="256", memory="512")
    tasks: dict[str, str] = {}

    def run(name: str, where: str, group: str, group_name: str | None = None) -> str:
        (arn,) = estate.run_tasks(conn, "reach", "web:1", count=1, launch_type="FARGATE", platform_version="1.4.0",
                                  network=awsvpc([subnet[where]], [sg[group]], public_ip=False),
                                  group=f"service:{group_name}" if group_name else None)
        tasks[name] = arn
        return arn

    for name, where, group in (("direct-open", "public-a", "web-open"), ("private-subnet", "private", "web-open"),
                               ("closed-port", "public-a", "closed-port"), ("ipv6-opening", "public-a", "v6-only"),
                               ("ipv6-reach", "public-a", "v6-only")):
        eni = task_eni(conn, run(name, where, group))
        estate.associate_public_ip(conn, eni)
        if name == "ipv6-reach":
            block = ec2.describe_vpcs(VpcIds=[vpc])["Vpcs"][0]["Ipv6CidrBlockAssociationSet"][0]["Ipv6CidrBlock"]
            ec2.assign_ipv6_addresses(NetworkInterfaceId=eni, Ipv6Addresses=[block.split("::")[0] + "::80"])

    web_prod = net.load_balancer(conn, "web-prod", "application", "internet-facing", lb_subnets, [sg["alb-open"]])
    intranet = net.load_balancer(conn, "intranet", "application", "internal", lb_subnets, [sg["alb-open"]])
    locked = net.load_balancer(conn, "locked", "application", "internet-facing", lb_subnets, [sg["alb-closed"]])
    edge = net.load_balancer(conn, "edge-nlb", "network", "internet-facing", lb_subnets)
    dual = net.load_balancer(conn, "dual", "application", "internet-facing", lb_subnets, [sg["alb-v6"]], ip_address_type="dualstack")
    groups = {name: net.target_group(conn, f"{name}-tg", vpc, "ip", 8080, "TCP" if name == "edge" else "HTTP")
              for name in ("web", "api", "intranet", "locked", "edge", "dual")}
    front = net.listener(conn, web_prod, 80, "HTTP", groups["web"])
    net.path_rule(conn, front, 10, "/api/*", groups["api"])
    net.listener(conn, intranet, 80, "HTTP", groups["intranet"])
    net.listener(conn, locked, 443, "HTTP", groups["locked"])
    net.listener(conn, edge, 8443, "TCP", groups["edge"])
    net.listener(conn, dual, 443, "HTTP", groups["dual"])
    for name, group_arn in groups.items():
        estate.create_service(conn, "reach", name, "web:1", desired_count=1, launch_type="FARGATE",
                              network=awsvpc([subnet["private"]], [sg["tasks"]], public_ip=False),
                              target_groups=[(group_arn, "web", 8080)])
        arn = run(f"service-{name}", "private", "tasks", group_name=name)
        net.register(conn, group_arn, private_ip(conn, arn), 8080)

    estate.create_cluster(conn, "legacy")
    (instance_arn,) = estate.register_container_instances(conn, "legacy", subnet["public-a"], count=1)
    (instance,) = conn.client("ecs").describe_container_instances(cluster="legacy", containerInstances=[instance_arn])["containerInstances"]
    bridge = container("legacy", "httpd:2.4", port=80)
    bridge["portMappings"][0]["hostPort"] = 8081
    estate.register_task_definition(conn, "legacy", [bridge], network_mode="bridge", compatibilities=["EC2"])
    legacy_alb = net.load_balancer(conn, "legacy-alb", "application", "internet-facing", lb_subnets, [sg["alb-open"]])
    legacy_group = net.target_group(conn, "legacy-tg", vpc, "instance", 80)
    net.listener(conn, legacy_alb, 80, "HTTP", legacy_group)
    estate.create_service(conn, "legacy", "legacy", "legacy:1", desired_count=1, launch_type="EC2", target_groups=[(legacy_group, "legacy", 80)])
    (tasks["legacy"],) = estate.run_tasks(conn, "legacy", "legacy:1", count=1, launch_type="EC2", group="service:legacy")
    net.register(conn, legacy_group, instance["ec2InstanceId"], 8081)
    estate.log(f"reachability {conn.region}: seeded {len(tasks)} tasks")
    return tasks


def task_eni(conn: Connection, task_arn: str) -> str:
    (task,) = conn.client("ecs").describe_tasks(cluster=task_arn.split("/")[-2], tasks=[task_arn])["tasks"]
    (eni_id,) = estate.task_network_interface_ids(task)
    return eni_id


def private_ip(conn: Connection, task_arn: str) -> str:
    (task,) = conn.client("ecs").describe_tasks(cluster=task_arn.split("/")[-2], tasks=[task_arn])["tasks"]
    return next(d["value"] for a in task["attachments"] for d in a["details"] if d["name"] == "privateIPv4Address")


def findings(account_id: str, region: str, verdicts: list[dict[str, Any]]) -> list[dict[str, str]]:
    kinds = {"Reachable": "InternetReachableTask", "PublicIpNotReachable": "PublicIpNotReachable"}
    return sorted(({"Kind": kinds[v["Verdict"]], "ResourceArn": v["TaskArn"], "AccountId": account_id, "Region": region}
                   for v in verdicts if v["Verdict"] in kinds), key=lambda f: (f["Kind"], f["ResourceArn"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    estate.add_connection_arguments(parser)
    args = parser.parse_args()
    conn = estate.connection_from_args(args)
    account_id = conn.account_id()
    estate.pin_task_state(conn.endpoint)
    tasks = seed(conn) if not args.no_seed else {}
    verdicts = sorted(reachability.verdicts(conn, reachability.running_tasks(conn)).values(), key=lambda v: v["TaskArn"])
    estate.print_oracle({"AccountId": account_id, "Region": conn.region, "Tasks": tasks, "Verdicts": verdicts,
                         "Findings": findings(account_id, conn.region, verdicts)})


if __name__ == "__main__":
    main()
