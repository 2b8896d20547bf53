using System.Text.Json;
using System.Threading.Tasks;
using AwsContainerInventory.Exposure;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Inventory
{
    /// <summary>
    /// The registry scanning configuration of one (role × region) pair: one GetRegistryScanningConfiguration call. A
    /// denied call is one warning per role, not an error per region: the repositories are then judged by their own
    /// scanOnPush setting, and the findings say so.
    /// </summary>
    internal sealed class RegistryScanningReader
    {
        private readonly InventoryContext _context;

        public RegistryScanningReader(InventoryContext context) => _context = context;

        public async Task ReadAsync(RegistryScanningChecks checks)
        {
            InventoryScope scope = _context.Scope;
            InventoryRun run = _context.Run;
            IEcrClient ecr = _context.Ecr;
            if (run.VerboseShown) run.WriteVerbose("ECR GetRegistryScanningConfiguration in " + scope.Label + ".");
            try
            {
                JsonElement response = await ecr.GetRegistryScanningConfigurationAsync(_context.CancellationToken).ConfigureAwait(false);
                checks.AddConfiguration(scope.Region, scope.AccountId, RegistryScanningConfiguration.FromApi(response));
            }
            catch (AwsServiceException error) when (error.IsAccessDenied && !_context.IsCancelled)
            {
                checks.AddUnavailable(scope.Region, scope.AccountId, "ecr:GetRegistryScanningConfiguration was denied");
                string who = scope.RoleArn == null ? "the session's credentials" : "role " + scope.RoleArn;
                run.WriteWarningOnce("ecr-scanning-denied:" + (scope.RoleArn ?? string.Empty),
                    "ecr:GetRegistryScanningConfiguration was denied for " + who + " (first in " + scope.Region + "): ScanOnPushDisabled is judged by each "
                    + "repository's own scanOnPush setting (deprecated), without the registry's basic or enhanced scanning rules. Allow ecr:GetRegistryScanningConfiguration.");
            }
            catch (AwsServiceException error) when (!_context.IsCancelled)
            {
                checks.AddUnavailable(scope.Region, scope.AccountId, "GetRegistryScanningConfiguration failed (" + error.ErrorCode + ")");
                run.WriteError(InventoryErrors.ScopeFailed(error, scope, "Reading the registry scanning configuration (ScanOnPushDisabled falls back to the repositories' own setting)"));
            }
        }
    }
}
