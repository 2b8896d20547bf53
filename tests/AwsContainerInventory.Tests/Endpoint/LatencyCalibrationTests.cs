using AwsContainerInventory.TestEndpoint;

namespace AwsContainerInventory.Tests.Endpoint;

/// <summary>The scripted endpoint's injected latency: answered on average the latency after arrival, from the first calls on.</summary>
public class LatencyCalibrationTests
{
    // A call as the endpoint serves it: the request took readMs to arrive in full, the timer wakes lateMs after the
    // planned wait, and the answer after the wait takes afterMs.
    private static double Serve(LatencyCalibration calibration, int latencyMs, double readMs, double lateMs, double afterMs)
    {
        int planned = calibration.PlannedWaitMs(latencyMs, readMs);
        double served = readMs + (planned > 0 ? planned + lateMs : 0) + afterMs;
        calibration.Learn(latencyMs, served);
        return served;
    }

    [Theory]
    [InlineData(0.0, 0.0)]   // an ideal timer: only the rounding up to whole milliseconds to learn
    [InlineData(1.1, 0.2)]   // a timer about a millisecond late and some work after the wait
    [InlineData(3.0, 0.6)]   // a loaded machine
    public void The_mean_served_time_converges_on_the_latency(double meanLateMs, double afterMs)
    {
        var calibration = new LatencyCalibration();
        var random = new Random(7);
        var served = new List<double>();
        for (int call = 0; call < 2000; call++)
        {
            double late = Math.Max(0, meanLateMs + (random.NextDouble() - 0.5) * 0.8);
            served.Add(Serve(calibration, 25, readMs: 0.1 + random.NextDouble() * 0.2, late, afterMs));
        }

        // After the first hundred calls, the mean is the latency to within a twentieth of a millisecond: neither
        // slower (charging the endpoint's timer to the client) nor faster (flattering it).
        double steady = served.Skip(100).Average();
        Assert.InRange(steady, 24.95, 25.05);
        // And the first hundred (a benchmark's cold run starts here) are already within a quarter of a millisecond.
        Assert.InRange(served.Take(100).Average(), 24.75, 25.25 + meanLateMs * 0.25);
    }

    [Fact]
    public void A_call_that_arrived_after_its_latency_is_answered_at_once()
    {
        var calibration = new LatencyCalibration();
        Assert.Equal(0, calibration.PlannedWaitMs(25, 30));
        Assert.Equal(25, calibration.PlannedWaitMs(25, 0));
        Assert.Equal(25, calibration.PlannedWaitMs(25, 0.5)); // 24.5 rounded up
        Assert.Equal(24, calibration.PlannedWaitMs(25, 1.5));
    }

    [Fact]
    public void The_lead_is_bounded_whatever_the_timer_does()
    {
        var calibration = new LatencyCalibration();
        for (int call = 0; call < 1000; call++) calibration.Learn(25, 200);
        Assert.Equal(5, calibration.LeadMs);
        for (int call = 0; call < 1000; call++) calibration.Learn(25, 0);
        Assert.Equal(0, calibration.LeadMs);
    }
}
