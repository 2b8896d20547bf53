using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AwsContainerInventory.Inventory;
using AwsContainerInventory.Session;

namespace AwsContainerInventory.Cmdlets
{
    /// <summary>
    /// What every Get- cmdlet shares: -Region, the session (Connect-AwsInventory's, or the default chains'),
    /// the background run whose records are written from the pipeline thread, and prompt stopping.
    /// </summary>
    public abstract class InventoryCmdletBase : PSCmdlet, IDisposable
    {
        /// <summary>Overrides the session's regions for this call.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateAwsRegion]
        [ArgumentCompleter(typeof(RegionCompleter))]
        public string[]? Region { get; set; }

        /// <summary>
        /// The session to use instead of the current one (from <c>Connect-AwsInventory -PassThru</c>), as Az's
        /// -DefaultProfile: parallel runbooks and jobs can each hold their own without process-wide state.
        /// </summary>
        [Parameter]
        [ValidateNotNull]
        public InventorySession Session { get; set; } = null!;
        internal InventoryRun Run { get; private set; } = null!;
        internal ScopePlan Plan { get; private set; } = null!;
        internal IReadOnlyList<string> Regions { get; private set; } = Array.Empty<string>();

        /// <summary>The progress activity, such as "Get-EcsTask".</summary>
        private protected abstract string Activity { get; }

        /// <summary>Where records go instead of the pipeline (see <see cref="InventoryRun"/>); null writes them.</summary>
        private protected virtual Action<object>? RecordSink => null;

        protected override void BeginProcessing()
        {
            try
            {
                if (Session == null) Session = SessionStore.CurrentOrDefault();
            }
            catch (EndpointConfigurationException error)
            {
                ThrowTerminatingError(SessionChecks.EndpointConfiguration(error));
            }
            Regions = RegionList.Normalize(Region ?? (IEnumerable<string>)Session.Regions);
            if (Regions.Count == 0)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException("No AWS region: pass -Region, set AWS_REGION or AWS_DEFAULT_REGION, set region in the profile, or run Connect-AwsInventory -Region."),
                    InventoryErrors.NoRegion, ErrorCategory.InvalidArgument, null));
            }
            // -Region was checked by its attribute and a connected session's regions by Connect-AwsInventory (which
            // warned about new ones); the default session's come from the environment or a profile, checked here.
            ErrorRecord? badRegion = SessionChecks.CheckRegions(Regions, Region != null ? null : Session.RegionSource,
                Region != null || Session.IsDefault ? WriteWarning : (Action<string>?)null);
            if (badRegion != null) ThrowTerminatingError(badRegion);
            ErrorRecord? noEndpoint = SessionChecks.CheckEndpoints(Session.Endpoints, Regions);
            if (noEndpoint != null) ThrowTerminatingError(noEndpoint);
            bool verboseAsDebug = DebugWithoutVerbose();
            Run = new InventoryRun(Activity, RecordSink)
            {
                VerboseAsDebug = verboseAsDebug,
                DebugShown = StreamShown("Debug", "DebugPreference"),
                VerboseShown = verboseAsDebug || StreamShown("Verbose", "VerbosePreference"),
            };
            Plan = new ScopePlan(Session, Regions, Run);
            string from = Region != null ? "-Region" : Session.RegionSource ?? "the session";
            Run.Verbose(this, "Session: " + Session + "; reading " + string.Join(", ", Regions) + " (from " + from + ").");
        }

        protected override void EndProcessing()
        {
            Run.DrainToEnd(this);
            if (!Run.Token.IsCancellationRequested) ReportNotFound();
        }

        protected override void StopProcessing() => Run?.Cancel();

        /// <summary>
        /// Writes the ObjectNotFound errors for literal names found in no account or region, where every pair they
        /// could be in was read (see <see cref="NameFilter"/>).
        /// </summary>
        private protected virtual void ReportNotFound() { }

        private bool DebugWithoutVerbose() =>
            MyInvocation.BoundParameters.TryGetValue("Debug", out object? debug) && debug is SwitchParameter on && on.IsPresent
            && !MyInvocation.BoundParameters.ContainsKey("Verbose");

        /// <summary>
        /// Whether this invocation's debug or verbose stream shows anything: its switch when given (-Debug, -Verbose:$false),
        /// else the caller's preference variable. A value that cannot be read counts as shown.
        /// </summary>
        private bool StreamShown(string switchName, string preferenceVariable)
        {
            if (MyInvocation.BoundParameters.TryGetValue(switchName, out object? bound))
                return !(bound is SwitchParameter flag) || flag.IsPresent;
            object? preference = SessionState?.PSVariable.GetValue(preferenceVariable);
            if (preference is PSObject wrapped) preference = wrapped.BaseObject;
            ActionPreference value;
            if (preference is ActionPreference direct) value = direct;
            else if (preference == null || !Enum.TryParse(preference.ToString(), ignoreCase: true, out value)) return true;
            return value != ActionPreference.SilentlyContinue && value != ActionPreference.Ignore;
        }

        private protected string Where => (Session.RoleArns.Count > 0 ? Session.RoleArns.Count + " role(s) in " : string.Empty) + "region(s) " + string.Join(", ", Regions);

        public void Dispose()
        {
            Run?.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
