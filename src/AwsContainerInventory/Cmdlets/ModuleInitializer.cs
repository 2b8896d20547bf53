using System.Management.Automation;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>Import-Module: starts the background warm-up of a first inventory's code (see <see cref="WarmUp"/>).</summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        public void OnImport() => WarmUp.StartOnce();
    }
}
