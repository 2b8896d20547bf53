using System;
using System.Linq;
using System.Management.Automation;
using AwsContainerInventory.Exposure;
using AwsContainerInventory.Inventory;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>
    /// Finds what is reachable from the internet and what runs there, across every role × region of the session:
    /// tasks the internet reaches (directly or through a load balancer, each with its path), public repositories,
    /// tasks running images anyone can pull, verdicts that could not be decided, services that hand out public IPs,
    /// secret-like environment variable names and weak repository settings. One ExposureFinding per issue, most
    /// severe first.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ContainerExposure")]
    [OutputType(typeof(ExposureFinding))]
    public sealed class GetContainerExposureCommand : InventoryCmdletBase
    {
        private readonly ExposureAnalysis _analysis = new ExposureAnalysis();

        /// <summary>Only findings at least this severe.</summary>
        [Parameter]
        public ExposureSeverity MinimumSeverity { get; set; } = ExposureSeverity.Low;

        /// <summary>Only findings of these kinds.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public ExposureKind[]? Kind { get; set; }

        private protected override string Activity => "Get-ContainerExposure";

        private protected override Action<object>? RecordSink => _analysis.Add;

        protected override void ProcessRecord()
        {
            // Two parts: every pair's inventory and network first; then, once all are in and the verdicts can be made,
            // the ECR scan results of the images the reachable tasks run, each asked in the pair that holds its registry.
            var inventoried = new PairBarrier();
            Plan.ForEachScope("Assessing container exposure", async context =>
            {
                try
                {
                    await new ExposureReader(context, _analysis).ReadAsync().ConfigureAwait(false);
                }
                finally
                {
                    inventoried.PairDone();
                }
            });
            Plan.ForEachScope("Reading the scan results of reachable images", async context =>
            {
                await inventoried.WhenAllDoneAsync(context.CancellationToken).ConfigureAwait(false);
                await new ExposureReader(context, _analysis).ReadReachableImageScansAsync().ConfigureAwait(false);
            }, waitsForOtherPairs: true);
            Run.Start(async token => inventoried.ExpectPairs((await Plan.AllScopesAsync().ConfigureAwait(false)).Count));
            Run.DrainAvailable(this);
        }

        protected override void EndProcessing()
        {
            base.EndProcessing();
            if (Run.Token.IsCancellationRequested) return;
            foreach (ExposureFinding finding in _analysis.Complete())
            {
                if (finding.Severity < MinimumSeverity || (Kind != null && !Kind.Contains(finding.Kind))) continue;
                WriteObject(finding);
            }
        }
    }
}
