namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// How much sooner than the injected latency a call's wait must be planned to end, so that calls are answered on
/// average the latency after they arrived. Task.Delay wakes late under load (timer granularity, a busy thread pool),
/// a wait is whole milliseconds, and the work after it (signature check, the answer) takes time too. Learnt from each
/// answered call's whole time, arrival to answer (the figure the stats report), by a small integral step towards a
/// mean of exactly the latency: an estimate that lags would slow the first calls a client makes (a benchmark's cold
/// run), and one that errs low would answer early and flatter every client.
/// </summary>
public sealed class LatencyCalibration
{
    private const double Gain = 0.05;
    private const double MaximumLeadMs = 5;
    private double _leadMs;

    /// <summary>How much sooner than the latency the waits end now.</summary>
    public double LeadMs => Volatile.Read(ref _leadMs);

    /// <summary>The whole milliseconds to wait (0: none) for a call that arrived <paramref name="elapsedMs"/> ago.</summary>
    public int PlannedWaitMs(int latencyMs, double elapsedMs)
    {
        // Rounded up: Task.Delay truncates a fraction. The rounding is part of what is learnt.
        int planned = (int)Math.Ceiling(latencyMs - elapsedMs - LeadMs);
        return Math.Max(0, planned);
    }

    /// <summary>One answered call's whole time against the latency it was given: the next waits end that much sooner or later.</summary>
    public void Learn(int latencyMs, double servedMs) =>
        Volatile.Write(ref _leadMs, Math.Clamp(LeadMs + Gain * (servedMs - latencyMs), 0, MaximumLeadMs));
}
