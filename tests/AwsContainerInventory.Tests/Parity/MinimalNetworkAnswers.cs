using System.Security;
using System.Text.Json.Nodes;

namespace AwsContainerInventory.Tests.Parity;

/// <summary>
/// The reachability answers of the parity estate: security groups and route tables (EC2), load balancers, target
/// groups, listeners, rules and target health (ELBv2), container instances (ECS). Every listing gives a token or
/// marker on its first page and none on its second.
/// </summary>
internal static class MinimalNetworkAnswers
{
    private const string Ec2Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private const string Elbv2Namespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
    private const string Prefix = "arn:aws:elasticloadbalancing:" + MinimalAwsAnswers.Region + ":" + MinimalAwsAnswers.Account + ":";

    public static string TargetGroupArn(string name) => Prefix + "targetgroup/" + name + "/0123456789abcdef";

    private static string LoadBalancerArn(string name) => Prefix + "loadbalancer/app/" + name + "/0123456789abcdef";

    public static RecordedResponse Answer(RecordedRequest request)
    {
        bool first = request.Parameter("NextToken") == null && request.Parameter("Marker") == null;
        return request.Operation switch
        {
            "DescribeSecurityGroups" => Ec2("DescribeSecurityGroupsResponse", "securityGroupInfo", first, first
                ? "<item><groupId>sg-0parity</groupId><groupName>parity</groupName><vpcId>vpc-0parity</vpcId><ipPermissions><item><ipProtocol>tcp</ipProtocol>"
                  + "<fromPort>80</fromPort><toPort>80</toPort><ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/></item></ipPermissions></item>"
                : "<item><groupId>sg-0alb</groupId><groupName>alb</groupName><vpcId>vpc-0parity</vpcId><ipPermissions><item><ipProtocol>-1</ipProtocol>"
                  + "<ipRanges/><ipv6Ranges><item><cidrIpv6>::/0</cidrIpv6></item></ipv6Ranges></item></ipPermissions></item>"),
            "DescribeRouteTables" => Ec2("DescribeRouteTablesResponse", "routeTableSet", first, first
                ? "<item><routeTableId>rtb-0main</routeTableId><vpcId>vpc-0parity</vpcId><associationSet><item><main>true</main>"
                  + "<associationState><state>associated</state></associationState></item></associationSet><routeSet><item>"
                  + "<destinationCidrBlock>0.0.0.0/0</destinationCidrBlock><gatewayId>igw-0parity</gatewayId><state>active</state></item></routeSet></item>"
                : "<item><routeTableId>rtb-0private</routeTableId><vpcId>vpc-0parity</vpcId><associationSet><item><main>false</main><subnetId>subnet-0other</subnetId>"
                  + "</item></associationSet><routeSet><item><destinationIpv6CidrBlock>::/0</destinationIpv6CidrBlock><gatewayId>igw-0parity</gatewayId></item></routeSet></item>"),
            "DescribeLoadBalancers" => Elbv2(request, "LoadBalancers", first, Balancer(first ? "web" : "legacy")),
            "DescribeTargetGroups" => Elbv2(request, "TargetGroups", first, first
                ? "<member><TargetGroupArn>" + TargetGroupArn("web-tg") + "</TargetGroupArn><TargetGroupName>web-tg</TargetGroupName><TargetType>ip</TargetType>"
                  + "<Protocol>HTTP</Protocol><Port>80</Port><LoadBalancerArns><member>" + LoadBalancerArn("web") + "</member></LoadBalancerArns></member>"
                : "<member><TargetGroupArn>" + TargetGroupArn("legacy-tg") + "</TargetGroupArn><TargetGroupName>legacy-tg</TargetGroupName><TargetType>instance</TargetType>"
                  + "<Protocol>HTTP</Protocol><Port>80</Port><LoadBalancerArns><member>" + LoadBalancerArn("legacy") + "</member></LoadBalancerArns></member>"),
            // The first page's listener answers 404 by default, so its rules are read; the second forwards to the balancer's group.
            "DescribeListeners" => Elbv2(request, "Listeners", first, Listener(request.Parameter("LoadBalancerArn")!, first)),
            "DescribeRules" => Elbv2(request, "Rules", first, first
                ? "<member><RuleArn>" + Prefix + "listener-rule/app/web/1/r10</RuleArn><Priority>10</Priority><IsDefault>false</IsDefault>"
                  + "<Conditions><member><Field>path-pattern</Field><Values><member>/api/*</member></Values></member></Conditions>"
                  + "<Actions><member><Type>forward</Type><Order>1</Order><ForwardConfig><TargetGroups><member><TargetGroupArn>" + TargetGroupArn("web-tg")
                  + "</TargetGroupArn><Weight>1</Weight></member></TargetGroups></ForwardConfig></member></Actions></member>"
                : "<member><RuleArn>" + Prefix + "listener-rule/app/web/1/default</RuleArn><Priority>default</Priority><IsDefault>true</IsDefault>"
                  + "<Conditions/><Actions><member><Type>fixed-response</Type></member></Actions></member>"),
            "DescribeTargetHealth" => Elbv2(request, "TargetHealthDescriptions", first: false,
                "<member><Target><Id>" + (request.Parameter("TargetGroupArn")!.Contains("legacy") ? "i-0parity" : "10.0.0.9") + "</Id><Port>80</Port></Target>"
                + "<TargetHealth><State>healthy</State></TargetHealth></member>"),
            "DescribeContainerInstances" => new RecordedResponse(200, "application/x-amz-json-1.1", new JsonObject
            {
                ["containerInstances"] = new JsonArray(request.Json!["containerInstances"]!.AsArray()
                    .Select(arn => (JsonNode)new JsonObject { ["containerInstanceArn"] = arn!.GetValue<string>(), ["ec2InstanceId"] = "i-0parity" }).ToArray()),
                ["failures"] = new JsonArray(),
            }.ToJsonString()),
            _ => throw new InvalidOperationException("the recording endpoint has no answer for " + request.Service + " " + request.Operation),
        };
    }

    private static string Balancer(string name) =>
        "<member><LoadBalancerArn>" + LoadBalancerArn(name) + "</LoadBalancerArn><LoadBalancerName>" + name + "</LoadBalancerName><Scheme>internet-facing</Scheme>"
        + "<Type>application</Type><IpAddressType>dualstack</IpAddressType><VpcId>vpc-0parity</VpcId><SecurityGroups><member>sg-0alb</member></SecurityGroups></member>";

    private static string Listener(string balancerArn, bool first)
    {
        string action = first ? "<member><Type>fixed-response</Type></member>"
            : "<member><Type>forward</Type><TargetGroupArn>" + TargetGroupArn(balancerArn.Contains("/legacy/") ? "legacy-tg" : "web-tg") + "</TargetGroupArn></member>";
        return "<member><ListenerArn>" + SecurityElement.Escape(balancerArn.Replace(":loadbalancer/", ":listener/")) + "/" + (first ? "443" : "80") + "</ListenerArn>"
            + "<LoadBalancerArn>" + SecurityElement.Escape(balancerArn) + "</LoadBalancerArn><Port>" + (first ? "443" : "80") + "</Port><Protocol>HTTP</Protocol>"
            + "<DefaultActions>" + action + "</DefaultActions></member>";
    }

    private static RecordedResponse Ec2(string response, string list, bool first, string items) =>
        new(200, "text/xml", "<" + response + " xmlns=\"" + Ec2Namespace + "\"><requestId>parity</requestId><" + list + ">" + items + "</" + list + ">"
            + (first ? "<nextToken>page-2</nextToken>" : string.Empty) + "</" + response + ">");

    private static RecordedResponse Elbv2(RecordedRequest request, string list, bool first, string members) =>
        new(200, "text/xml", "<" + request.Operation + "Response xmlns=\"" + Elbv2Namespace + "\"><" + request.Operation + "Result><" + list + ">" + members + "</" + list + ">"
            + (first ? "<NextMarker>page-2</NextMarker>" : string.Empty) + "</" + request.Operation + "Result><ResponseMetadata><RequestId>parity</RequestId></ResponseMetadata></"
            + request.Operation + "Response>");
}
