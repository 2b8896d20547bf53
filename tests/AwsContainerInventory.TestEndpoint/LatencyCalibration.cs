namespace AwsContainerInventory.TestEndpoint;

/// <summary>How a call's wait was planned: the whole milliseconds to wait, and the lead it was planned with.</summary>
public readonly record struct WaitPlan(int WaitMs, double LeadMs);

/// <summary>
/// How much sooner than the injected latency a call's wait must be planned to end, so that calls are answered on
/// average the latency after they arrived. Task.Delay wakes late under load (timer granularity, a busy thread pool,
/// a starved process), a wait is whole milliseconds, and the work after it (signature check, the answer) takes time
/// too. Each answered call tells how late it would have been without a lead (its whole time, arrival to answer, the
/// figure the stats report, less the latency, plus the lead it was planned with); the lead is the running mean of
/// that lateness, then a moving average over about the last two hundred calls (over fifty, the bursts in which a
/// client sends its next calls as answers come made it answer 0.1 ms early on average). That estimate does not
/// depend on the lead in use, so it holds steady with 64 calls under way: a step towards the latency after each
/// answer, as this did until 2026-12-03, reacted to the lead of 64 earlier plans at once and swung between its
/// bounds (answering 0.2-0.5 ms late in the organization benchmark's cold runs). An estimate that lags would slow
/// the first calls a client makes (a benchmark's cold run); one that errs low would answer early and flatter every
/// client.
/// </summary>
public sealed class LatencyCalibration
{
    private const double MovingWeight = 0.005;
    private const double MaximumLeadMs = 10;
    private readonly object _gate = new();
    private double _leadMs;
    private int _samples;

    /// <summary>How much sooner than the latency the waits end now.</summary>
    public double LeadMs => Volatile.Read(ref _leadMs);

    /// <summary>The wait (whole milliseconds; 0: none) for a call that arrived <paramref name="elapsedMs"/> ago.</summary>
    public WaitPlan Plan(int latencyMs, double elapsedMs)
    {
        double lead = LeadMs;
        // Rounded up: Task.Delay truncates a fraction. The rounding is part of what is learnt.
        return new WaitPlan(Math.Max(0, (int)Math.Ceiling(latencyMs - elapsedMs - lead)), lead);
    }

    /// <summary>One answered call's whole time against the latency it was given and the plan it was served with.</summary>
    public void Learn(int latencyMs, double servedMs, WaitPlan plan)
    {
        // A call that arrived too late to wait says nothing of how late a wait ends.
        if (plan.WaitMs == 0) return;
        double lateness = servedMs - latencyMs + plan.LeadMs;
        lock (_gate)
        {
            _samples++;
            double weight = Math.Max(MovingWeight, 1.0 / _samples);
            Volatile.Write(ref _leadMs, Math.Clamp(_leadMs + weight * (lateness - _leadMs), 0, MaximumLeadMs));
        }
    }
}
