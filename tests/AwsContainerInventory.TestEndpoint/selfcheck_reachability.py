"""The reachability part of selfcheck.py: EC2 DescribeSecurityGroups / DescribeRouteTables, the ELBv2 handler and
ECS DescribeContainerInstances, driven with boto3 over an estate loaded through POST /_control/estate?merge=true.

boto3 parsing every answer is the proof that the wire shapes are botocore's; the rest checks paging, limits,
not-found and validation errors, denials and faults as the endpoint's README says."""

import botocore.exceptions

ARN = "arn:aws:elasticloadbalancing:{region}:{account}:{kind}"


def network_estate(account, region, cluster):
    """Seven security groups, two route tables, three load balancers, their groups, listeners, a rule, targets, and
    a container instance in `cluster`."""
    lb = {name: ARN.format(region=region, account=account, kind=f"loadbalancer/app/{name}/{i:016x}") for i, name in enumerate(("web", "inside", "dual"))}
    tg = {name: ARN.format(region=region, account=account, kind=f"targetgroup/{name}/{i:016x}") for i, name in enumerate(("web-tg", "api-tg"))}
    listener = ARN.format(region=region, account=account, kind="listener/app/web/0000000000000000/00000000000000aa")
    return {"regions": [{
        "accountId": account, "region": region,
        "securityGroups": [{"groupId": f"sg-0{i:016x}", "groupName": f"g{i}", "vpcId": "vpc-0reach", "ownerId": account,
                            "ipPermissions": [{"ipProtocol": "tcp", "fromPort": "8000", "toPort": "8100",
                                               "ipRanges": [{"cidrIp": "0.0.0.0/0"}], "ipv6Ranges": [{"cidrIpv6": "::/0"}]},
                                              {"ipProtocol": "-1", "groups": [{"groupId": "sg-0peer"}]}]}
                           for i in range(7)],
        "routeTables": [
            {"routeTableId": "rtb-0main", "vpcId": "vpc-0reach", "associationSet": [{"main": True, "routeTableId": "rtb-0main",
                                                                                    "associationState": {"state": "associated"}}],
             "routeSet": [{"destinationCidrBlock": "0.0.0.0/0", "gatewayId": "igw-0reach", "state": "active"}]},
            {"routeTableId": "rtb-0private", "vpcId": "vpc-0reach",
             "associationSet": [{"main": False, "subnetId": "subnet-0private", "routeTableId": "rtb-0private"}],
             "routeSet": [{"destinationIpv6CidrBlock": "::/0", "egressOnlyInternetGatewayId": "eigw-0reach", "state": "active"}]}],
        "loadBalancers": [{"LoadBalancerArn": arn, "LoadBalancerName": name, "Scheme": "internal" if name == "inside" else "internet-facing",
                           "Type": "application", "IpAddressType": "dualstack" if name == "dual" else "ipv4", "VpcId": "vpc-0reach",
                           "SecurityGroups": ["sg-00000000000000000"], "State": {"Code": "active"}, "CreatedTime": "2026-01-01T00:00:00Z"}
                          for name, arn in lb.items()],
        "targetGroups": [{"TargetGroupArn": tg["web-tg"], "TargetGroupName": "web-tg", "TargetType": "ip", "Protocol": "HTTP", "Port": 8080,
                          "LoadBalancerArns": [lb["web"]]},
                         {"TargetGroupArn": tg["api-tg"], "TargetGroupName": "api-tg", "TargetType": "instance", "Protocol": "HTTP", "Port": 80,
                          "LoadBalancerArns": [lb["web"], lb["dual"]]}],
        "listeners": [{"ListenerArn": listener, "LoadBalancerArn": lb["web"], "Port": 443, "Protocol": "HTTPS",
                       "DefaultActions": [{"Type": "forward", "TargetGroupArn": tg["web-tg"]}]}],
        "rules": [{"ListenerArn": listener, "RuleArn": listener.replace(":listener/", ":listener-rule/") + "/r1", "Priority": "10", "IsDefault": False,
                   "Conditions": [{"Field": "path-pattern", "Values": ["/api/*"]}],
                   "Actions": [{"Type": "forward", "ForwardConfig": {"TargetGroups": [{"TargetGroupArn": tg["api-tg"], "Weight": 3}]}}]}],
        "targetHealth": [{"targetGroupArn": tg["web-tg"], "targets": [
            {"Target": {"Id": "10.0.1.5", "Port": 8080}, "TargetHealth": {"State": "healthy"}},
            {"Target": {"Id": "10.0.1.6", "Port": 8080}, "TargetHealth": {"State": "draining", "Reason": "Target.DeregistrationInProgress"}}]}],
        "containerInstances": [{"clusterName": cluster, "containerInstanceArn": f"arn:aws:ecs:{region}:{account}:container-instance/{cluster}/ci-1",
                                "ec2InstanceId": "i-0reach0000000001", "status": "ACTIVE"}],
    }]}, lb, tg, listener


def check_reachability(ep, creds, account, region, cluster, check, expect_error, loose_config):
    print("Reachability: EC2 security groups and route tables, ELBv2, ECS container instances")
    estate, lb, tg, listener = network_estate(account, region, cluster)
    ep.control("POST", "estate?merge=true", estate)
    ep.control("POST", "reset")
    keys = (creds["AccessKeyId"], creds["SecretAccessKey"], creds["SessionToken"])
    ec2, elbv2, ecs = (ep.client(s, *keys, region=region) for s in ("ec2", "elbv2", "ecs"))
    loose_ec2, loose_elbv2 = (ep.client(s, *keys, region=region, config=loose_config) for s in ("ec2", "elbv2"))

    groups = [g for page in ec2.get_paginator("describe_security_groups").paginate(
        Filters=[{"Name": "group-id", "Values": [f"sg-0{i:016x}" for i in range(7)]}], PaginationConfig={"PageSize": 5})
        for g in [page]]
    check("DescribeSecurityGroups by group-id filter, MaxResults 5 over 7: pages 5+2",
          [len(p["SecurityGroups"]) for p in groups] == [5, 2], [len(p["SecurityGroups"]) for p in groups])
    first = groups[0]["SecurityGroups"][0]
    check("security group parsed: FromPort/ToPort integers, IPv4 and IPv6 ranges, a source group",
          first["IpPermissions"][0]["FromPort"] == 8000 and first["IpPermissions"][0]["IpRanges"] == [{"CidrIp": "0.0.0.0/0"}]
          and first["IpPermissions"][0]["Ipv6Ranges"] == [{"CidrIpv6": "::/0"}]
          and first["IpPermissions"][1]["UserIdGroupPairs"] == [{"GroupId": "sg-0peer"}], first)
    calls = ep.control("GET", "stats")["operations"]["DescribeSecurityGroups"]["calls"]
    check("DescribeSecurityGroups call records: batchSize 7, maxResults 5, hasNextToken",
          [(c["batchSize"], c["maxResults"], c["hasNextToken"]) for c in calls] == [(7, 5, False), (7, 5, True)], calls)
    expect_error("201 group ids -> FilterLimitExceeded", "FilterLimitExceeded",
                 lambda: ec2.describe_security_groups(Filters=[{"Name": "group-id", "Values": [f"sg-{i:017x}" for i in range(201)]}]), 400)
    check("a group gone is absent from a filtered answer", ec2.describe_security_groups(
        Filters=[{"Name": "group-id", "Values": ["sg-0ffffffffffffffff"]}])["SecurityGroups"] == [])
    expect_error("an unknown GroupId -> InvalidGroup.NotFound", "InvalidGroup.NotFound",
                 lambda: ec2.describe_security_groups(GroupIds=["sg-0ffffffffffffffff"]), 400)
    expect_error("MaxResults with GroupIds -> InvalidParameterCombination", "InvalidParameterCombination",
                 lambda: ec2.describe_security_groups(GroupIds=["sg-00000000000000000"], MaxResults=5), 400)

    tables = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": ["vpc-0reach"]}])["RouteTables"]
    check("DescribeRouteTables by vpc-id: main association, explicit subnet association, routes and gateways",
          [(t["RouteTableId"], [a.get("Main") for a in t["Associations"]], [a.get("SubnetId") for a in t["Associations"]]) for t in tables]
          == [("rtb-0main", [True], [None]), ("rtb-0private", [False], ["subnet-0private"])]
          and tables[0]["Routes"][0]["GatewayId"] == "igw-0reach" and tables[1]["Routes"][0]["EgressOnlyInternetGatewayId"] == "eigw-0reach", tables)
    check("association.subnet-id filter", [t["RouteTableId"] for t in ec2.describe_route_tables(
        Filters=[{"Name": "association.subnet-id", "Values": ["subnet-0private"]}])["RouteTables"]] == ["rtb-0private"])
    expect_error("DescribeRouteTables MaxResults 101 -> InvalidParameterValue", "InvalidParameterValue",
                 lambda: loose_ec2.describe_route_tables(MaxResults=101), 400)

    balancers = [page for page in elbv2.get_paginator("describe_load_balancers").paginate(PaginationConfig={"PageSize": 2})]
    check("DescribeLoadBalancers PageSize 2 over 3: pages 2+1 by Marker",
          [len(p["LoadBalancers"]) for p in balancers] == [2, 1] and "NextMarker" in balancers[0], [len(p["LoadBalancers"]) for p in balancers])
    parsed = balancers[0]["LoadBalancers"][0]
    check("load balancer parsed: Scheme, Type, IpAddressType, SecurityGroups, CreatedTime",
          (parsed["LoadBalancerName"], parsed["Scheme"], parsed["IpAddressType"], parsed["SecurityGroups"], parsed["CreatedTime"].year)
          == ("web", "internet-facing", "ipv4", ["sg-00000000000000000"], 2026), parsed)
    groups_of = elbv2.describe_target_groups(LoadBalancerArn=lb["dual"])["TargetGroups"]
    check("DescribeTargetGroups by LoadBalancerArn, Port integer, LoadBalancerArns list",
          [(g["TargetGroupName"], g["Port"], g["TargetType"], len(g["LoadBalancerArns"])) for g in groups_of] == [("api-tg", 80, "instance", 2)], groups_of)
    (web_listener,) = elbv2.describe_listeners(LoadBalancerArn=lb["web"])["Listeners"]
    check("DescribeListeners: Port, Protocol, default forward", (web_listener["Port"], web_listener["Protocol"], web_listener["DefaultActions"])
          == (443, "HTTPS", [{"Type": "forward", "TargetGroupArn": tg["web-tg"]}]), web_listener)
    rules = elbv2.describe_rules(ListenerArn=listener)["Rules"]
    check("DescribeRules: the rule (ForwardConfig, Weight) then the listener's default rule",
          [(r["Priority"], r["IsDefault"]) for r in rules] == [("10", False), ("default", True)]
          and rules[0]["Actions"][0]["ForwardConfig"]["TargetGroups"] == [{"TargetGroupArn": tg["api-tg"], "Weight": 3}]
          and rules[0]["Conditions"] == [{"Field": "path-pattern", "Values": ["/api/*"]}], rules)
    health = elbv2.describe_target_health(TargetGroupArn=tg["web-tg"])["TargetHealthDescriptions"]
    check("DescribeTargetHealth: Target Id/Port and states", [(h["Target"]["Id"], h["Target"]["Port"], h["TargetHealth"]["State"]) for h in health]
          == [("10.0.1.5", 8080, "healthy"), ("10.0.1.6", 8080, "draining")], health)
    check("DescribeTargetHealth of a group without targets is empty", elbv2.describe_target_health(TargetGroupArn=tg["api-tg"])["TargetHealthDescriptions"] == [])
    expect_error("unknown load balancer -> LoadBalancerNotFound", "LoadBalancerNotFound",
                 lambda: elbv2.describe_listeners(LoadBalancerArn=lb["web"].replace("/web/", "/nope/")), 400)
    expect_error("unknown target group -> TargetGroupNotFound", "TargetGroupNotFound",
                 lambda: elbv2.describe_target_health(TargetGroupArn=tg["web-tg"] + "0"), 400)
    expect_error("unknown listener -> ListenerNotFound", "ListenerNotFound", lambda: elbv2.describe_rules(ListenerArn=listener + "0"), 400)
    expect_error("PageSize 401 -> ValidationError", "ValidationError", lambda: loose_elbv2.describe_load_balancers(PageSize=401), 400)
    expect_error("a marker of another query -> ValidationError", "ValidationError",
                 lambda: elbv2.describe_target_groups(Marker=balancers[0]["NextMarker"]), 400)
    check("ELBv2 RequestId parsed from ResponseMetadata", len(health and elbv2.describe_load_balancers()["ResponseMetadata"]["RequestId"]) > 0)

    instances = ecs.describe_container_instances(cluster=cluster, containerInstances=["ci-1", "ci-nope"])
    check("DescribeContainerInstances: ec2InstanceId by id, MISSING for an unknown one",
          [i["ec2InstanceId"] for i in instances["containerInstances"]] == ["i-0reach0000000001"]
          and [f["reason"] for f in instances["failures"]] == ["MISSING"], instances)
    before = ep.control("GET", "stats")["batchLimitViolations"]
    expect_error("101 container instances -> InvalidParameterException", "InvalidParameterException",
                 lambda: ecs.describe_container_instances(cluster=cluster, containerInstances=[f"ci-{i}" for i in range(101)]), 400)
    check("over 100 container instances counted as a batch-limit violation", ep.control("GET", "stats")["batchLimitViolations"] == before + 1)
    expect_error("unknown cluster -> ClusterNotFoundException", "ClusterNotFoundException",
                 lambda: ecs.describe_container_instances(cluster="nope", containerInstances=["ci-1"]), 400)

    ep.control("POST", "deny", {"deniedOperations": {account: ["elasticloadbalancing:DescribeLoadBalancers", "ec2:DescribeSecurityGroups"]}})
    expect_error("denied ELBv2 -> AccessDenied (403)", "AccessDenied", elbv2.describe_load_balancers, 403)
    expect_error("denied DescribeSecurityGroups -> UnauthorizedOperation (403)", "UnauthorizedOperation", ec2.describe_security_groups, 403)
    check("other ELBv2 operations are not denied", len(elbv2.describe_target_groups()["TargetGroups"]) == 2)
    ep.control("POST", "deny", {})
    ep.control("POST", "faults", {"throttleEveryNth": 1, "operation": "DescribeTargetGroups"})
    expect_error("ELBv2 throttle -> Throttling (400)", "Throttling", elbv2.describe_target_groups, 400)
    ep.control("POST", "faults", {"internalErrorEveryNth": 1, "operation": "DescribeListeners"})
    expect_error("ELBv2 500 -> InternalFailure", "InternalFailure", lambda: elbv2.describe_listeners(LoadBalancerArn=lb["web"]), 500)
    ep.control("POST", "faults", {})
    expect_error("ELBv2 wrong secret -> SignatureDoesNotMatch (403)", "SignatureDoesNotMatch",
                 lambda: ep.client("elbv2", keys[0], "wrong", keys[2], region=region).describe_load_balancers(), 403)
    saved = ep.control("GET", "estate")
    region_json = next(r for r in saved["regions"] if r["accountId"] == account and r["region"] == region)
    check("GET /_control/estate returns the network (groups, tables, balancers, rules with ListenerArn, targets, instances)",
          (len(region_json["securityGroups"]), len(region_json["routeTables"]), len(region_json["loadBalancers"]), region_json["rules"][0]["ListenerArn"],
           len(region_json["targetHealth"]), region_json["containerInstances"][0]["clusterName"]) == (7, 2, 3, listener, 1, cluster))
    try:
        ep.control("POST", "deny", {"deniedOperations": {account: ["elasticloadbalancing:DescribeNothing"]}})
        check("an unknown ELBv2 action cannot be denied", False)
    except Exception as error:  # urllib raises HTTPError 400
        check("an unknown ELBv2 action cannot be denied (400)", "400" in str(error), error)
