namespace AwsContainerInventory
{
    /// <summary>
    /// A container secret of a task definition: the variable name and where its value comes from
    /// (a Secrets Manager or SSM Parameter Store ARN or name). The value itself is never read.
    /// </summary>
    public sealed class SecretRef
    {
        public SecretRef(string name, string valueFrom)
        {
            Name = name;
            ValueFrom = valueFrom;
        }

        public string Name { get; }
        public string ValueFrom { get; }

        public override string ToString() => Name + "=" + ValueFrom;
    }
}
