namespace AwsContainerInventory.Wire
{
    /// <summary>sts:GetCallerIdentity's answer: the account, the caller's ARN (which names the partition) and user id.</summary>
    internal sealed class StsCallerIdentity
    {
        public StsCallerIdentity(string account, string arn, string? userId)
        {
            Account = account;
            Arn = arn;
            UserId = userId;
        }

        public string Account { get; }
        public string Arn { get; }
        public string? UserId { get; }

        /// <summary>The partition of the caller's ARN: aws, aws-cn, aws-us-gov, …</summary>
        public string Partition
        {
            get
            {
                string[] parts = Arn.Split(':');
                return parts.Length > 1 && parts[0] == "arn" && parts[1].Length > 0 ? parts[1] : "aws";
            }
        }
    }
}
