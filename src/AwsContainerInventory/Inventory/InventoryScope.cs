using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>One (role × region) pair to inventory, with the clients that read it.</summary>
    internal sealed class InventoryScope
    {
        private readonly InventorySession _session;

        /// <param name="accountId">The account when known beyond the role ARN (the caller's own account in an organization).</param>
        public InventoryScope(InventorySession session, string region, string? roleArn, ICredentialProvider credentials, string? accountId = null)
        {
            _session = session;
            Region = region;
            RoleArn = roleArn;
            Credentials = credentials;
            AccountId = ApiValues.AccountFromArn(roleArn) ?? accountId;
        }

        public string Region { get; }

        /// <summary>The assumed role, or null for the session's base credentials.</summary>
        public string? RoleArn { get; }

        public ICredentialProvider Credentials { get; }

        /// <summary>The account when it is known without a call (an assumed role's, or an organization's own account); otherwise null.</summary>
        public string? AccountId { get; }

        /// <summary>Names the pair in messages: "role arn:… in eu-west-1", "account 111111111111 in eu-west-1" (the caller's own) or "region eu-west-1".</summary>
        public string Label => RoleArn != null ? "role " + RoleArn + " in " + Region : AccountId != null ? "account " + AccountId + " in " + Region : "region " + Region;

        /// <summary>The error target for a failure of the whole pair: the role ARN, or the region.</summary>
        public object Target => (object?)RoleArn ?? Region;

        // Each client tells its calls to the observer its reader passes: the run, or the pair's start permit (InventoryContext).
        public IEcrClient CreateEcrClient(ICallObserver observer) => new EcrClient(_session.Transport, _session.Endpoints.Ecr(Region), Region, Credentials, observer);

        public IEc2Client CreateEc2Client(ICallObserver observer) => new Ec2Client(_session.Transport, _session.Endpoints.Ec2(Region), Region, Credentials, observer);

        public IElbv2Client CreateElbv2Client(ICallObserver observer) => new Elbv2Client(_session.Transport, _session.Endpoints.ElasticLoadBalancingV2(Region), Region, Credentials, observer);

        public IEcsClient CreateEcsClient(ICallObserver observer) => new EcsClient(_session.Transport, _session.Endpoints.Ecs(Region), Region, Credentials, observer);
    }
}
