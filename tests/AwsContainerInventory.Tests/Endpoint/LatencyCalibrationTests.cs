using AwsContainerInventory.TestEndpoint;

namespace AwsContainerInventory.Tests.Endpoint;

/// <summary>The scripted endpoint's injected latency: answered on average the latency after arrival, from the first calls on, one at a time or 64 at once.</summary>
public class LatencyCalibrationTests
{
    // A call as the endpoint serves it: the request took readMs to arrive in full, the timer wakes lateMs after the
    // planned wait, and the answer after the wait takes afterMs.
    private static double Served(WaitPlan plan, double readMs, double lateMs, double afterMs) =>
        readMs + (plan.WaitMs > 0 ? plan.WaitMs + lateMs : 0) + afterMs;

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
            double read = 0.1 + random.NextDouble() * 0.2;
            WaitPlan plan = calibration.Plan(25, read);
            double late = Math.Max(0, meanLateMs + (random.NextDouble() - 0.5) * 0.8);
            served.Add(Served(plan, read, late, afterMs));
            calibration.Learn(25, served[^1], plan);
        }

        // After the first hundred calls, the mean is the latency to within a twentieth of a millisecond: neither
        // slower (charging the endpoint's timer to the client) nor faster (flattering it).
        double steady = served.Skip(100).Average();
        Assert.InRange(steady, 24.95, 25.05);
        // And the first hundred (a benchmark's cold run starts here) are already within a quarter of a millisecond.
        Assert.InRange(served.Take(100).Average(), 24.75, 25.25 + meanLateMs * 0.25);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(3.0)]
    [InlineData(8.0)]   // a starved endpoint
    public void With_64_calls_under_way_the_lead_holds_steady_and_the_mean_is_the_latency(double meanLateMs)
    {
        // Calls arrive every 25/64 ms and each is learnt from only when it is answered, after 64 later ones were
        // planned: the organization benchmark's load. A step towards the latency per answer swung between its bounds here.
        var calibration = new LatencyCalibration();
        var random = new Random(11);
        var answers = new PriorityQueue<(double Served, WaitPlan Plan), double>();
        var served = new List<double>();
        var leads = new List<double>();
        double now = 0;
        for (int call = 0; call < 20000; call++)
        {
            now += 25.0 / 64;
            while (answers.TryPeek(out var answer, out double at) && at <= now)
            {
                answers.Dequeue();
                calibration.Learn(25, answer.Served, answer.Plan);
                served.Add(answer.Served);
            }
            double read = 0.1 + random.NextDouble() * 0.2;
            WaitPlan plan = calibration.Plan(25, read);
            double late = Math.Max(0, meanLateMs + (random.NextDouble() - 0.5) * 2);
            double time = Served(plan, read, late, 0.3);
            answers.Enqueue((time, plan), now + time);
            leads.Add(calibration.LeadMs);
        }

        Assert.InRange(served.Skip(1000).Average(), 24.95, 25.05);
        Assert.InRange(leads.Skip(1000).Max() - leads.Skip(1000).Min(), 0, 1.5);
    }

    [Fact]
    public void A_call_that_arrived_after_its_latency_is_answered_at_once_and_teaches_nothing()
    {
        var calibration = new LatencyCalibration();
        Assert.Equal(0, calibration.Plan(25, 30).WaitMs);
        Assert.Equal(25, calibration.Plan(25, 0).WaitMs);
        Assert.Equal(25, calibration.Plan(25, 0.5).WaitMs); // 24.5 rounded up
        Assert.Equal(24, calibration.Plan(25, 1.5).WaitMs);

        calibration.Learn(25, 40, calibration.Plan(25, 30));
        Assert.Equal(0, calibration.LeadMs);
    }

    [Fact]
    public void The_lead_is_bounded_whatever_the_timer_does()
    {
        var calibration = new LatencyCalibration();
        for (int call = 0; call < 1000; call++) calibration.Learn(25, 200, calibration.Plan(25, 0));
        Assert.Equal(10, calibration.LeadMs);
        for (int call = 0; call < 1000; call++) calibration.Learn(25, 0, calibration.Plan(25, 0));
        Assert.Equal(0, calibration.LeadMs);
    }
}
