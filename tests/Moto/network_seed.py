"""Network seeding helpers for the moto seeds (VPCs, internet gateways, route tables, security groups, ELBv2
load balancers, target groups, listeners, rules and targets), through boto3. reachability.py holds the oracle."""

from __future__ import annotations

from typing import Any

from estate import Connection

ANY4, ANY6 = "0.0.0.0/0", "::/0"


def create_vpc(conn: Connection, cidr: str) -> str:
    """A VPC with an Amazon IPv6 block and DNS hostnames (moto's ECS needs them for task ENIs)."""
    ec2 = conn.client("ec2")
    vpc_id = ec2.create_vpc(CidrBlock=cidr, AmazonProvidedIpv6CidrBlock=True)["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc_id, EnableDnsHostnames={"Value": True})
    return vpc_id


def internet_gateway(conn: Connection, vpc_id: str) -> str:
    ec2 = conn.client("ec2")
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc_id)
    return igw


def public_route_table(conn: Connection, vpc_id: str, igw: str, subnets: list[str]) -> str:
    """A table sending 0.0.0.0/0 and ::/0 to the gateway, explicitly associated with the subnets."""
    ec2 = conn.client("ec2")
    table = ec2.create_route_table(VpcId=vpc_id)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock=ANY4, GatewayId=igw)
    ec2.create_route(RouteTableId=table, DestinationIpv6CidrBlock=ANY6, GatewayId=igw)
    for subnet in subnets:
        ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
    return table


def security_group(conn: Connection, vpc_id: str, name: str, *openings: tuple[str, int | None, int | None, str]) -> str:
    """openings: (protocol, from, to, cidr) admitted inbound."""
    ec2 = conn.client("ec2")
    group = ec2.create_security_group(GroupName=name, Description=f"{name} (seeded)", VpcId=vpc_id)["GroupId"]
    permissions = []
    for protocol, low, high, cidr in openings:
        permission: dict[str, Any] = {"IpProtocol": protocol}
        if low is not None:
            permission.update(FromPort=low, ToPort=high)
        permission["Ipv6Ranges" if ":" in cidr else "IpRanges"] = [{"CidrIpv6": cidr} if ":" in cidr else {"CidrIp": cidr}]
        permissions.append(permission)
    if permissions:
        ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=permissions)
    return group


def load_balancer(conn: Connection, name: str, kind: str, scheme: str, subnets: list[str], groups: list[str] | None = None,
                  ip_address_type: str = "ipv4") -> str:
    arguments: dict[str, Any] = {"Name": name, "Subnets": subnets, "Scheme": scheme, "Type": kind, "IpAddressType": ip_address_type}
    if groups:
        arguments["SecurityGroups"] = groups
    return conn.client("elbv2").create_load_balancer(**arguments)["LoadBalancers"][0]["LoadBalancerArn"]


def target_group(conn: Connection, name: str, vpc_id: str, target_type: str, port: int, protocol: str = "HTTP") -> str:
    return conn.client("elbv2").create_target_group(Name=name, Protocol=protocol, Port=port, VpcId=vpc_id,
                                                    TargetType=target_type)["TargetGroups"][0]["TargetGroupArn"]


def listener(conn: Connection, balancer: str, port: int, protocol: str, forward_to: str | None) -> str:
    action = {"Type": "forward", "TargetGroupArn": forward_to} if forward_to else \
        {"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404", "ContentType": "text/plain"}}
    return conn.client("elbv2").create_listener(LoadBalancerArn=balancer, Port=port, Protocol=protocol,
                                                DefaultActions=[action])["Listeners"][0]["ListenerArn"]


def path_rule(conn: Connection, listener_arn: str, priority: int, pattern: str, forward_to: str) -> None:
    conn.client("elbv2").create_rule(ListenerArn=listener_arn, Priority=priority,
                                     Conditions=[{"Field": "path-pattern", "Values": [pattern]}],
                                     Actions=[{"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": forward_to, "Weight": 1}]}}])


def register(conn: Connection, group: str, target_id: str, port: int) -> None:
    conn.client("elbv2").register_targets(TargetGroupArn=group, Targets=[{"Id": target_id, "Port": port}])


