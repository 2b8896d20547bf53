namespace AwsContainerInventory
{
    /// <summary>How urgent an <see cref="ExposureFinding"/> is; higher values sort first.</summary>
    public enum ExposureSeverity
    {
        Low = 1,
        Medium = 2,
        High = 3,
        Critical = 4,
    }
}
