using System.Management.Automation;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Returns the session made by Connect-AwsInventory; writes nothing when not connected.</summary>
    [Cmdlet(VerbsCommon.Get, "AwsInventorySession")]
    [OutputType(typeof(InventorySession))]
    public sealed class GetAwsInventorySessionCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            InventorySession? session = SessionStore.Current;
            if (session != null) WriteObject(session);
        }
    }
}
