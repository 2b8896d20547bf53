namespace AwsContainerInventory.Policy
{
    internal enum PolicyNodeKind { Object, Array, String, Number, True, False, Null }
}
