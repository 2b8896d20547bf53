namespace AwsContainerInventory.Wire
{
    internal sealed class TargetHealthInfo
    {
        public TargetHealthInfo(string id, int? port, string? state)
        {
            Id = id;
            Port = port;
            State = state;
        }

        /// <summary>An instance id, an IP address, a Lambda or load balancer ARN.</summary>
        public string Id { get; }

        public int? Port { get; }

        /// <summary><c>initial</c>, <c>healthy</c>, <c>unhealthy</c>, <c>unused</c>, <c>draining</c>, <c>unavailable</c>, …</summary>
        public string? State { get; }
    }
}
