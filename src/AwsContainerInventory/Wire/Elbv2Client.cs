using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace AwsContainerInventory.Wire
{
    /// <summary>
    /// Elastic Load Balancing v2 over the query protocol (botocore's elbv2 2015-12-01): each answer is
    /// <c>&lt;OpResponse&gt;&lt;OpResult&gt;…&lt;/OpResult&gt;</c> in the elbv2 namespace, lists as <c>member</c> elements.
    /// </summary>
    internal sealed class Elbv2Client : AwsQueryClient, IElbv2Client
    {
        public Elbv2Client(AwsTransport transport, Uri endpoint, string region, ICredentialProvider credentials, ICallObserver? observer)
            : base("elasticloadbalancing", "2015-12-01", transport, endpoint, region, credentials, observer)
        {
        }

        public Task<ApiPage<LoadBalancerInfo>> DescribeLoadBalancersAsync(int pageSize, string? marker, CancellationToken cancellationToken) =>
            SendAsync("DescribeLoadBalancers", Paged(null, null, pageSize, marker),
                root => Page(root, "DescribeLoadBalancers", "LoadBalancers", ReadLoadBalancer), cancellationToken);

        public Task<ApiPage<TargetGroupInfo>> DescribeTargetGroupsAsync(int pageSize, string? marker, CancellationToken cancellationToken) =>
            SendAsync("DescribeTargetGroups", Paged(null, null, pageSize, marker),
                root => Page(root, "DescribeTargetGroups", "TargetGroups", ReadTargetGroup), cancellationToken);

        public Task<ApiPage<ListenerInfo>> DescribeListenersAsync(string loadBalancerArn, int pageSize, string? marker, CancellationToken cancellationToken) =>
            SendAsync("DescribeListeners", Paged("LoadBalancerArn", loadBalancerArn, pageSize, marker),
                root => Page(root, "DescribeListeners", "Listeners", ReadListener), cancellationToken);

        public Task<ApiPage<ListenerRuleInfo>> DescribeRulesAsync(string listenerArn, int pageSize, string? marker, CancellationToken cancellationToken) =>
            SendAsync("DescribeRules", Paged("ListenerArn", listenerArn, pageSize, marker),
                root => Page(root, "DescribeRules", "Rules", ReadRule), cancellationToken);

        public Task<IReadOnlyList<TargetHealthInfo>> DescribeTargetHealthAsync(string targetGroupArn, CancellationToken cancellationToken) =>
            SendAsync("DescribeTargetHealth", new[] { Parameter("TargetGroupArn", targetGroupArn) },
                root => (IReadOnlyList<TargetHealthInfo>)Members(Result(root, "DescribeTargetHealth"), "TargetHealthDescriptions").Select(ReadTargetHealth).ToList(),
                cancellationToken);

        private static List<KeyValuePair<string, string>> Paged(string? scopeName, string? scopeValue, int pageSize, string? marker)
        {
            if (pageSize < 1 || pageSize > Elbv2Limits.MaxPageSize)
                throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "PageSize is 1 to " + Elbv2Limits.MaxPageSize + ".");
            var parameters = new List<KeyValuePair<string, string>>(3);
            if (scopeName != null) parameters.Add(Parameter(scopeName, scopeValue!));
            if (marker != null) parameters.Add(Parameter("Marker", marker));
            parameters.Add(Parameter("PageSize", pageSize.ToString(CultureInfo.InvariantCulture)));
            return parameters;
        }

        private static XElement Result(XElement root, string operation)
        {
            if (root.Name.LocalName != operation + "Response")
                throw new FormatException(operation + " answered with <" + root.Name.LocalName + ">.");
            return Child(root, operation + "Result") ?? throw new FormatException(operation + " answered without " + operation + "Result.");
        }

        private static ApiPage<T> Page<T>(XElement root, string operation, string listName, Func<XElement, T> read)
        {
            XElement result = Result(root, operation);
            string? next = Child(result, "NextMarker")?.Value;
            return new ApiPage<T>(Members(result, listName).Select(read).ToList(), string.IsNullOrEmpty(next) ? null : next);
        }

        /// <summary>The members of a query-protocol list (<c>&lt;name&gt;&lt;member&gt;…&lt;/member&gt;&lt;/name&gt;</c>).</summary>
        private static IEnumerable<XElement> Members(XElement? element, string listName) => Children(Child(element, listName), "member");

        private static IReadOnlyList<string> Strings(XElement? element, string listName) =>
            Members(element, listName).Select(m => m.Value).Where(v => v.Length > 0).ToList();

        private static string Required(XElement? element, string problem) =>
            element?.Value is { Length: > 0 } value ? value : throw new FormatException(problem);

        private static int? Int(XElement? item, string name) =>
            int.TryParse(Child(item, name)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : (int?)null;

        private static LoadBalancerInfo ReadLoadBalancer(XElement item) => new LoadBalancerInfo(
            Required(Child(item, "LoadBalancerArn"), "A load balancer without LoadBalancerArn."),
            Child(item, "LoadBalancerName")?.Value ?? string.Empty,
            Child(item, "Scheme")?.Value,
            Child(item, "Type")?.Value,
            Child(item, "IpAddressType")?.Value,
            Child(item, "VpcId")?.Value,
            Strings(item, "SecurityGroups"));

        private static TargetGroupInfo ReadTargetGroup(XElement item) => new TargetGroupInfo(
            Required(Child(item, "TargetGroupArn"), "A target group without TargetGroupArn."),
            Child(item, "TargetGroupName")?.Value ?? string.Empty,
            Child(item, "TargetType")?.Value,
            Child(item, "Protocol")?.Value,
            Int(item, "Port"),
            Strings(item, "LoadBalancerArns"));

        private static ListenerInfo ReadListener(XElement item) => new ListenerInfo(
            Required(Child(item, "ListenerArn"), "A listener without ListenerArn."),
            Child(item, "LoadBalancerArn")?.Value ?? string.Empty,
            Int(item, "Port"),
            Child(item, "Protocol")?.Value,
            ReadActions(item, "DefaultActions"));

        private static ListenerRuleInfo ReadRule(XElement item) => new ListenerRuleInfo(
            Required(Child(item, "RuleArn"), "A rule without RuleArn."),
            Child(item, "Priority")?.Value,
            string.Equals(Child(item, "IsDefault")?.Value, "true", StringComparison.OrdinalIgnoreCase),
            Members(item, "Conditions").Select(c => (Child(c, "Field")?.Value ?? "?") + " " + string.Join(",", ConditionValues(c))).ToList(),
            ReadActions(item, "Actions"));

        // Values sit in Values or, in the newer form, in the field's own config (PathPatternConfig.Values, …).
        private static IEnumerable<string> ConditionValues(XElement condition) =>
            Strings(condition, "Values").Concat(condition.Elements()
                .Where(e => e.Name.LocalName.EndsWith("Config", StringComparison.Ordinal))
                .SelectMany(config => Strings(config, "Values"))).Distinct(StringComparer.Ordinal);

        // Actions run in Order; a forward may name one group (TargetGroupArn) or several (ForwardConfig.TargetGroups).
        private static IReadOnlyList<ListenerAction> ReadActions(XElement item, string listName) =>
            Members(item, listName)
                .OrderBy(a => Int(a, "Order") ?? int.MaxValue)
                .Select(a => new ListenerAction(Child(a, "Type")?.Value ?? string.Empty,
                    new[] { Child(a, "TargetGroupArn")?.Value }
                        .Concat(Members(Child(a, "ForwardConfig"), "TargetGroups")
                            // A weight of 0 sends that group nothing.
                            .Where(g => Int(g, "Weight") != 0)
                            .Select(g => Child(g, "TargetGroupArn")?.Value))
                        .Where(arn => !string.IsNullOrEmpty(arn)).Select(arn => arn!).Distinct(StringComparer.Ordinal).ToList()))
                .ToList();

        private static TargetHealthInfo ReadTargetHealth(XElement item)
        {
            XElement? target = Child(item, "Target");
            XElement? health = Child(item, "TargetHealth");
            return new TargetHealthInfo(Required(Child(target, "Id"), "A target without Id."), Int(target, "Port"), Child(health, "State")?.Value);
        }
    }
}
