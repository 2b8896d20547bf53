using System.Management.Automation;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Forgets the session; Get- cmdlets go back to the default credential and region chains.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "AwsInventory", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class DisconnectAwsInventoryCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            InventorySession? session = SessionStore.Current;
            if (session == null) return;
            if (ShouldProcess(session.ToString(), "Forget the AwsContainerInventory session"))
            {
                SessionStore.Clear();
                WriteVerbose("Disconnected; Get- cmdlets now use the default credential and region chains.");
            }
        }
    }
}
