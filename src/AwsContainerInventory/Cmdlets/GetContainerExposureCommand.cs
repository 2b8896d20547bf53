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
            Plan.ForEachScope("Assessing container exposure", (scope, token) => ExposureInventory.ReadAsync(scope, _analysis, Run, Session, token));
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
