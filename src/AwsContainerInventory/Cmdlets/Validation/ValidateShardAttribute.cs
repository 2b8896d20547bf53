using System.Management.Automation;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>k/n with 1 ≤ k ≤ n: this runner's shard of the accounts.</summary>
    public sealed class ValidateShardAttribute : ValidateArgumentsAttribute
    {
        protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
        {
            string text = (arguments is PSObject wrapped ? wrapped.BaseObject : arguments)?.ToString() ?? string.Empty;
            if (!Session.Shard.TryParse(text, out _, out string problem)) throw new ValidationMetadataException(problem);
        }
    }
}
