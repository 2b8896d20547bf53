using System;
using System.Collections.Generic;

namespace AwsContainerInventory.Wire.Endpoints
{
    /// <summary>
    /// A service the module calls, as the endpoint chains name it: the service id of its model (which gives
    /// AWS_ENDPOINT_URL_&lt;ID&gt; and the key of a config file's services section) and its embedded rule set.
    /// A new service is one line in <see cref="All"/> plus its botocore name in tools/update_endpoint_data.py.
    /// </summary>
    internal sealed class AwsService
    {
        public static readonly AwsService Ecr = new AwsService("ECR", "ecr");
        public static readonly AwsService Ecs = new AwsService("ECS", "ecs");
        public static readonly AwsService Ec2 = new AwsService("EC2", "ec2");
        public static readonly AwsService Sts = new AwsService("STS", "sts");
        public static readonly AwsService ElasticLoadBalancingV2 = new AwsService("Elastic Load Balancing v2", "elbv2");
        public static readonly AwsService Organizations = new AwsService("Organizations", "organizations");

        /// <summary>The services every inventoried region needs an endpoint of.</summary>
        public static readonly IReadOnlyList<AwsService> PerRegion = new[] { Ecr, Ecs, Ec2, Sts };

        /// <summary>Every service whose endpoint a session resolves and reports (ELBv2 for exposure, Organizations for account discovery).</summary>
        public static readonly IReadOnlyList<AwsService> All = new[] { Ecr, Ecs, Ec2, Sts, ElasticLoadBalancingV2, Organizations };

        private readonly Lazy<EndpointRuleSet> _ruleSet;

        /// <param name="serviceId">The model's serviceId ("ECR", "Elastic Load Balancing v2").</param>
        /// <param name="ruleSetName">botocore's service name, which names the embedded rule set ("ecr", "elbv2").</param>
        public AwsService(string serviceId, string ruleSetName)
        {
            ServiceId = serviceId;
            RuleSetName = ruleSetName;
            // As the SDKs transform it: spaces become underscores, upper case for the variable, lower for the file.
            string snake = serviceId.Replace(' ', '_').Replace('-', '_');
            EnvironmentVariable = "AWS_ENDPOINT_URL_" + snake.ToUpperInvariant();
            ConfigKey = snake.ToLowerInvariant();
            _ruleSet = new Lazy<EndpointRuleSet>(() => EndpointRuleSet.Parse(EndpointData.Read(ruleSetName + ".endpoint-rule-set.json")));
        }

        public string ServiceId { get; }
        public string RuleSetName { get; }

        /// <summary>AWS_ENDPOINT_URL_ECR, AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2, …</summary>
        public string EnvironmentVariable { get; }

        /// <summary>The key under a [services name] section: ecr, elastic_load_balancing_v2, …</summary>
        public string ConfigKey { get; }

        public EndpointRuleSet RuleSet => _ruleSet.Value;

        public override string ToString() => ServiceId;
    }
}
