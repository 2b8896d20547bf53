"""Reachability for the moto seeds: the verdict oracle.

The oracle reads one account x region back through boto3 -- running tasks, their ENIs, security
groups, route tables, ELBv2 load balancers, listeners, rules, target groups, target health, ECS
services and container instances -- and decides, independently of the module, whether the internet
reaches each task and by which path, with the rules of docs/Get-ContainerExposure.md:

* direct: an ENI with a public IPv4 (Association.PublicIp) or an IPv6 address; one of its security
  groups admits 0.0.0.0/0 (IPv4) or ::/0 (IPv6) with protocol -1, or tcp/udp on a port the task
  definition's portMappings publish; and the ENI's subnet (its explicit route-table association, else
  the VPC's main table) routes 0.0.0.0/0 (::/0) to an igw-;
* load balancer: the task's service (group "service:NAME") registers a target group behind an
  internet-facing ALB/NLB; a listener forwards to it (default action, or an ALB rule); the load
  balancer's security groups, when it has any, admit 0.0.0.0/0 (::/0 when dualstack) on the listener
  port; the task is a target (ip: its private IP; instance: its container instance's EC2 instance,
  on a host port the task binds) in a state other than unused/draining.

Verdicts: Reachable (paths), PublicIpNotReachable (a public address, no path), NotExposed.
The seeds build their networks with network_seed.py.
Paths are the module's exact text (the docs' format); moto cannot deny a call, so the unknown
verdict is the scripted endpoint's to test.
"""

from __future__ import annotations

from typing import Any

from estate import Connection

ARROW = "\u2192"
ANY4, ANY6 = "0.0.0.0/0", "::/0"
NOT_ROUTED = {"unused", "draining", "unhealthy.draining"}


# --------------------------------------------------------------------------- oracle


def _all(client: Any, operation: str, key: str, **arguments: Any) -> list[dict[str, Any]]:
    return [item for page in client.get_paginator(operation).paginate(**arguments) for item in page[key]]


def short_name(arn: str | None) -> str:
    return (arn or "").rsplit("/", 1)[-1]


def short_id(task_arn: str) -> str:
    task_id = short_name(task_arn)
    return task_id[:8] + "\u2026" if len(task_id) > 8 else task_id


def port_label(low: int, high: int, protocol: str) -> str:
    return (str(low) if low == high else f"{low}-{high}") + ("" if protocol == "tcp" else "/" + protocol)


def _protocol_covers(rule: str, protocol: str) -> bool:
    rule = rule.lower()
    return rule in ("-1", "all") or (protocol == "tcp" and rule in ("tcp", "6")) or (protocol == "udp" and rule in ("udp", "17"))


def _ports_overlap(permission: dict[str, Any], low: int, high: int) -> bool:
    if permission["IpProtocol"] in ("-1", "all") or "FromPort" not in permission:
        return True
    if permission["FromPort"] == -1 and permission["ToPort"] == -1:
        return True
    return permission["FromPort"] <= high and permission["ToPort"] >= low


def _cidrs(permission: dict[str, Any], cidr: str) -> list[str]:
    if ":" in cidr:
        return [r["CidrIpv6"] for r in permission.get("Ipv6Ranges", [])]
    return [r["CidrIp"] for r in permission.get("IpRanges", [])]


def admits(groups: list[dict[str, Any]], cidr: str, protocol: str, low: int, high: int) -> bool:
    return any(_protocol_covers(p["IpProtocol"], protocol) and _ports_overlap(p, low, high) and cidr in _cidrs(p, cidr)
               for g in groups for p in g.get("IpPermissions", []))


def admits_all_traffic(groups: list[dict[str, Any]], cidr: str) -> bool:
    return any(p["IpProtocol"] in ("-1", "all") and cidr in _cidrs(p, cidr) for g in groups for p in g.get("IpPermissions", []))


def route_to_internet(tables: list[dict[str, Any]], subnet: str, vpc: str, ipv6: bool) -> str | None:
    explicit = [t for t in tables if any(a.get("SubnetId") == subnet for a in t.get("Associations", []))]
    main = [t for t in tables if t["VpcId"] == vpc and any(a.get("Main") for a in t.get("Associations", []))]
    table = (explicit or main or [None])[0]
    if table is None:
        return None
    key, wanted = ("DestinationIpv6CidrBlock", ANY6) if ipv6 else ("DestinationCidrBlock", ANY4)
    for route in table.get("Routes", []):
        if route.get(key) == wanted and (route.get("GatewayId") or "").startswith("igw-") and route.get("State") != "blackhole":
            return route["GatewayId"]
    return None


class Network:
    """Everything of one account x region the verdicts need, read back through boto3."""

    def __init__(self, conn: Connection):
        ec2, elbv2, ecs = conn.client("ec2"), conn.client("elbv2"), conn.client("ecs")
        self.groups = {g["GroupId"]: g for g in ec2.describe_security_groups()["SecurityGroups"]}
        self.tables = ec2.describe_route_tables()["RouteTables"]
        self.balancers = {b["LoadBalancerArn"]: b for b in _all(elbv2, "describe_load_balancers", "LoadBalancers")}
        self.target_groups = {t["TargetGroupArn"]: t for t in _all(elbv2, "describe_target_groups", "TargetGroups")}
        self.listeners = {arn: _all(elbv2, "describe_listeners", "Listeners", LoadBalancerArn=arn) for arn in self.balancers}
        self.rules = {l["ListenerArn"]: elbv2.describe_rules(ListenerArn=l["ListenerArn"])["Rules"]
                      for ls in self.listeners.values() for l in ls}
        self.targets = {arn: elbv2.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"] for arn in self.target_groups}
        self.enis = {e["NetworkInterfaceId"]: e for e in ec2.describe_network_interfaces()["NetworkInterfaces"]}
        self.services: dict[tuple[str, str], list[str]] = {}
        self.instances: dict[str, str] = {}
        self.definitions: dict[str, dict[str, Any]] = {}
        for cluster in _all(ecs, "list_clusters", "clusterArns"):
            for service_arn in _all(ecs, "list_services", "serviceArns", cluster=cluster):
                (service,) = ecs.describe_services(cluster=cluster, services=[service_arn])["services"]
                self.services[(cluster, service["serviceName"])] = [lb["targetGroupArn"] for lb in service.get("loadBalancers", [])
                                                                    if lb.get("targetGroupArn")]
            instance_arns = _all(ecs, "list_container_instances", "containerInstanceArns", cluster=cluster)
            if instance_arns:
                for instance in ecs.describe_container_instances(cluster=cluster, containerInstances=instance_arns)["containerInstances"]:
                    self.instances[instance["containerInstanceArn"]] = instance["ec2InstanceId"]
        self._ecs = ecs

    def definition(self, arn: str) -> dict[str, Any]:
        if arn not in self.definitions:
            self.definitions[arn] = self._ecs.describe_task_definition(taskDefinition=arn)["taskDefinition"]
        return self.definitions[arn]


def _published(definition: dict[str, Any]) -> list[tuple[int, int, str, int | None]]:
    """(from, to, protocol, hostPort or None) of every portMappings entry."""
    ports = []
    for container in definition.get("containerDefinitions", []):
        for mapping in container.get("portMappings", []):
            protocol = "udp" if mapping.get("protocol") == "udp" else "tcp"
            if "containerPort" in mapping:
                host = mapping.get("hostPort") or None
                ports.append((mapping["containerPort"], mapping["containerPort"], protocol, host))
    return ports


def task_verdict(network: Network, task: dict[str, Any]) -> dict[str, Any]:
    """{TaskArn, Verdict, Paths} for one DescribeTasks task."""
    arn = task["taskArn"]
    definition = network.definition(task["taskDefinitionArn"])
    published = _published(definition)
    paths: list[str] = []
    public: list[str] = []
    for attachment in task.get("attachments", []):
        details = {d["name"]: d["value"] for d in attachment.get("details", [])}
        eni = network.enis.get(details.get("networkInterfaceId", ""))
        if eni is None:
            continue
        groups = [network.groups[g["GroupId"]] for g in eni.get("Groups", []) if g["GroupId"] in network.groups]
        families = []
        if eni.get("Association", {}).get("PublicIp"):
            families.append((ANY4, [eni["Association"]["PublicIp"]]))
        if eni.get("Ipv6Addresses"):
            families.append((ANY6, [a["Ipv6Address"] for a in eni["Ipv6Addresses"]]))
        for cidr, addresses in families:
            public.extend(addresses)
            open_all = admits_all_traffic(groups, cidr)
            open_ports = published if open_all else [p for p in published if admits(groups, cidr, p[2], p[0], p[1])]
            if not open_all and not open_ports:
                continue
            igw = route_to_internet(network.tables, eni["SubnetId"], eni["VpcId"], cidr == ANY6)
            if igw is None:
                continue
            labels = sorted({(p[0], p[2], port_label(p[0], p[1], p[2])) for p in open_ports})
            ports = " :" + ",".join(label for _, _, label in labels) if labels else " (all ports)"
            for address in addresses:
                paths.append(f"internet {ARROW} {igw} {ARROW} {address} ({eni['NetworkInterfaceId']}) {ARROW} task {short_id(arn)}{ports}")

    group = task.get("group", "")
    service = group[len("service:"):] if group.startswith("service:") else None
    for group_arn in dict.fromkeys(network.services.get((task["clusterArn"], service), []) if service else []):
        target_group = network.target_groups.get(group_arn)
        if target_group is None:
            continue
        registered = _registered(network, task, target_group, definition)
        for balancer_arn in target_group.get("LoadBalancerArns", []):
            balancer = network.balancers[balancer_arn]
            if balancer["Scheme"] != "internet-facing":
                continue
            for listener_ in network.listeners[balancer_arn]:
                if not _forwards(network, balancer, listener_, group_arn):
                    continue
                if balancer.get("SecurityGroups") and not _listener_open(network, balancer, listener_):
                    continue
                label = {"application": "ALB", "network": "NLB"}.get(balancer["Type"], "load balancer")
                dual = ", dualstack" if balancer.get("IpAddressType", "ipv4").startswith("dualstack") else ""
                for via, task_port in registered:
                    text = (f"internet {ARROW} {label} {balancer['LoadBalancerName']} ({balancer['Scheme']}{dual}) :{listener_['Port']} "
                            f"{ARROW} target group {target_group['TargetGroupName']} {ARROW} service {service} {ARROW} {via}task {short_id(arn)}{task_port}")
                    if text not in paths:
                        paths.append(text)
    verdict = "Reachable" if paths else "PublicIpNotReachable" if public else "NotExposed"
    return {"TaskArn": arn, "Verdict": verdict, "Paths": paths, "PublicAddresses": public}


def _forwards(network: Network, balancer: dict[str, Any], listener_: dict[str, Any], group_arn: str) -> bool:
    def forwards(actions: list[dict[str, Any]]) -> bool:
        for action in actions:
            if action["Type"] != "forward":
                continue
            arns = {action.get("TargetGroupArn")} | {g["TargetGroupArn"] for g in action.get("ForwardConfig", {}).get("TargetGroups", [])
                                                    if g.get("Weight", 1) != 0}
            if group_arn in arns:
                return True
        return False

    if forwards(listener_["DefaultActions"]):
        return True
    return balancer["Type"] == "application" and any(
        not rule["IsDefault"] and forwards(rule["Actions"]) for rule in network.rules.get(listener_["ListenerArn"], []))


def _listener_open(network: Network, balancer: dict[str, Any], listener_: dict[str, Any]) -> bool:
    groups = [network.groups[g] for g in balancer["SecurityGroups"] if g in network.groups]
    kind = balancer.get("IpAddressType", "ipv4")
    cidrs = ([ANY4] if kind != "dualstack-without-public-ipv4" else []) + ([ANY6] if kind.startswith("dualstack") else [])
    protocols = {"UDP": ["udp"], "TCP_UDP": ["tcp", "udp"]}.get(listener_["Protocol"], ["tcp"])
    return any(admits(groups, cidr, protocol, listener_["Port"], listener_["Port"]) for cidr in cidrs for protocol in protocols)


def _registered(network: Network, task: dict[str, Any], target_group: dict[str, Any], definition: dict[str, Any]) -> list[tuple[str, str]]:
    """(hop before the task, the task's port text) for each routed target that is this task."""
    targets = [t for t in network.targets.get(target_group["TargetGroupArn"], [])
               if t.get("TargetHealth", {}).get("State") not in NOT_ROUTED]
    if target_group["TargetType"] == "ip":
        addresses = {d["value"] for a in task.get("attachments", []) for d in a.get("details", []) if d["name"] == "privateIPv4Address"}
        return [("", f" :{t['Target'].get('Port', target_group['Port'])}") for t in targets if t["Target"]["Id"] in addresses]
    if target_group["TargetType"] == "instance" and task.get("containerInstanceArn") in network.instances:
        instance = network.instances[task["containerInstanceArn"]]
        hosts = [(p[3], p[0]) for p in _published(definition) if p[3]] if definition.get("networkMode") == "bridge" else \
            [(p[0], p[0]) for p in _published(definition)]
        result = []
        for target in (t for t in targets if t["Target"]["Id"] == instance):
            port = target["Target"].get("Port", target_group["Port"])
            container = next((c for h, c in hosts if h == port), None)
            if container is None and hosts:
                continue
            result.append((f"instance {instance} :{port} {ARROW} ", "" if container is None else f" :{container}"))
        return result
    return []


def verdicts(conn: Connection, tasks: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The verdict of each DescribeTasks task of one account x region, by task ARN."""
    network = Network(conn)
    return {task["taskArn"]: task_verdict(network, task) for task in tasks}


def running_tasks(conn: Connection) -> list[dict[str, Any]]:
    ecs = conn.client("ecs")
    tasks = []
    for cluster in _all(ecs, "list_clusters", "clusterArns"):
        arns = _all(ecs, "list_tasks", "taskArns", cluster=cluster, desiredStatus="RUNNING")
        for start in range(0, len(arns), 100):
            tasks.extend(ecs.describe_tasks(cluster=cluster, tasks=arns[start:start + 100])["tasks"])
    return tasks
