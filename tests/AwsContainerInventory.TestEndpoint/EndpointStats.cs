using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// One AWS call as the endpoint saw it, recorded when its response completed.
/// <see cref="StatusCode"/> is 0 when the connection was aborted (reset, hang, truncated body).
/// </summary>
public sealed record CallRecord(
    string Operation,
    string Service,
    string? AccountId,
    string? Region,
    int? MaxResults,
    int? BatchSize,
    string? DesiredStatus,
    string? Cluster,
    bool HasNextToken,
    int StatusCode,
    string? ErrorCode,
    FaultKind Fault,
    DateTimeOffset StartedAt,
    double DurationMs);

/// <summary>One AssumeRole call that passed authentication. <see cref="Outcome"/> is "Issued" or the error code.</summary>
public sealed record AssumeRoleRecord(
    string? RoleArn,
    string? RoleSessionName,
    int? DurationSeconds,
    string CallerArn,
    string Outcome,
    string? IssuedAccessKeyId,
    DateTimeOffset At);

/// <summary>
/// Measurements of AWS traffic (control routes are not counted). Thread-safe; <see cref="Reset"/> clears all.
/// </summary>
public sealed class EndpointStats
{
    private readonly object _sync = new();
    private readonly Dictionary<string, OperationCounters> _operations = new(StringComparer.Ordinal);
    private readonly List<CallRecord> _calls = [];
    private readonly List<AssumeRoleRecord> _assumeRoles = [];
    private readonly Dictionary<string, int> _signatureRejections = new(StringComparer.Ordinal);
    private readonly Dictionary<FaultKind, int> _faults = [];
    private int _inFlight;
    private int _peakInFlight;
    private int _batchLimitViolations;
    // The endpoint's own processor time since the last reset: on a machine it shares with the client under test, what
    // it takes from the cores the client runs on (benchmarks print it beside the client's).
    private TimeSpan _cpuAtReset = ProcessCpu();

    private sealed class OperationCounters
    {
        public int Attempts;
        public int Successes;
    }

    /// <summary>Requests that arrived for <paramref name="operation"/> (every attempt, whatever the outcome).</summary>
    public int CallCount(string operation)
    {
        lock (_sync) { return _operations.GetValueOrDefault(operation)?.Attempts ?? 0; }
    }

    /// <summary>Calls of <paramref name="operation"/> answered with a complete 2xx response.</summary>
    public int SuccessCount(string operation)
    {
        lock (_sync) { return _operations.GetValueOrDefault(operation)?.Successes ?? 0; }
    }

    /// <summary>Total AWS requests received.</summary>
    public int TotalCalls
    {
        get { lock (_sync) { return _operations.Values.Sum(o => o.Attempts); } }
    }

    /// <summary>Records of completed calls to <paramref name="operation"/>, in completion order.</summary>
    public IReadOnlyList<CallRecord> Calls(string operation)
    {
        lock (_sync) { return _calls.Where(c => c.Operation == operation).ToList(); }
    }

    /// <summary>Records of all completed calls, in completion order.</summary>
    public IReadOnlyList<CallRecord> AllCalls
    {
        get { lock (_sync) { return _calls.ToList(); } }
    }

    /// <summary>AWS requests between arrival and response completion right now.</summary>
    public int CurrentConcurrency => Volatile.Read(ref _inFlight);

    /// <summary>Highest <see cref="CurrentConcurrency"/> seen since the last reset.</summary>
    public int PeakConcurrency => Volatile.Read(ref _peakInFlight);

    public IReadOnlyList<AssumeRoleRecord> AssumeRoleCalls
    {
        get { lock (_sync) { return _assumeRoles.ToList(); } }
    }

    /// <summary>Requests rejected by authentication (any reason: missing, malformed, unknown key, bad signature, expired).</summary>
    public int SignatureRejections
    {
        get { lock (_sync) { return _signatureRejections.Values.Sum(); } }
    }

    /// <summary>Authentication rejections by AWS error code.</summary>
    public IReadOnlyDictionary<string, int> SignatureRejectionsByCode
    {
        get { lock (_sync) { return new Dictionary<string, int>(_signatureRejections); } }
    }

    /// <summary>DescribeClusters / DescribeServices / DescribeTasks calls over the AWS batch limit, and DescribeNetworkInterfaces calls over 200 values.</summary>
    public int BatchLimitViolations => Volatile.Read(ref _batchLimitViolations);

    public int FaultsInjected(FaultKind kind)
    {
        lock (_sync) { return _faults.GetValueOrDefault(kind); }
    }

    public void Reset()
    {
        lock (_sync)
        {
            _operations.Clear();
            _calls.Clear();
            _assumeRoles.Clear();
            _signatureRejections.Clear();
            _faults.Clear();
            _batchLimitViolations = 0;
            _peakInFlight = _inFlight;
            _cpuAtReset = ProcessCpu();
        }
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>
    /// What <see cref="ToJson"/> says without the record of every call: the totals, each operation's attempts and
    /// successes, and the mean time from arrival to answer of the calls answered, errors included (a
    /// RepositoryPolicyNotFoundException takes its latency as a policy does; no injected fault, no dropped connection),
    /// the figure the latency calibration holds at the latency. Small enough to fetch from the process under test
    /// between two of its runs without adding to its memory.
    /// </summary>
    public JsonObject SummaryJson()
    {
        lock (_sync)
        {
            return new JsonObject
            {
                ["totalCalls"] = _operations.Values.Sum(o => o.Attempts),
                ["peakInFlight"] = PeakConcurrency,
                ["processorSecondsSinceReset"] = ProcessorSecondsSinceReset(),
                ["servedMeanMs"] = ServedMeanMs(),
                ["operations"] = OperationsJson(withCalls: false),
            };
        }
    }

    // The mean time from arrival to answer of the calls answered (see SummaryJson); called under _sync.
    private double? ServedMeanMs()
    {
        var served = _calls.Where(c => c.StatusCode != 0 && c.Fault == FaultKind.None).ToList();
        return served.Count == 0 ? null : Math.Round(served.Average(c => c.DurationMs), 2);
    }

    public JsonObject ToJson()
    {
        lock (_sync)
        {
            return new JsonObject
            {
                ["totalCalls"] = _operations.Values.Sum(o => o.Attempts),
                ["inFlight"] = CurrentConcurrency,
                ["peakInFlight"] = PeakConcurrency,
                ["processorSecondsSinceReset"] = ProcessorSecondsSinceReset(),
                ["servedMeanMs"] = ServedMeanMs(),
                ["signatureRejections"] = _signatureRejections.Values.Sum(),
                ["signatureRejectionsByCode"] = JsonSerializer.SerializeToNode(_signatureRejections, JsonOptions),
                ["batchLimitViolations"] = BatchLimitViolations,
                ["faultsInjected"] = JsonSerializer.SerializeToNode(
                    _faults.ToDictionary(f => f.Key.ToString(), f => f.Value), JsonOptions),
                ["operations"] = OperationsJson(withCalls: true),
                ["assumeRoles"] = JsonSerializer.SerializeToNode(_assumeRoles, JsonOptions),
            };
        }
    }

    private double ProcessorSecondsSinceReset() => Math.Round((ProcessCpu() - _cpuAtReset).TotalSeconds, 2);

    /// <summary>Each operation's attempts and successes, by name, and with <paramref name="withCalls"/> its calls' records; under the lock.</summary>
    private JsonObject OperationsJson(bool withCalls)
    {
        var operations = new JsonObject();
        foreach (var (name, counters) in _operations.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            var operation = new JsonObject { ["attempts"] = counters.Attempts, ["successes"] = counters.Successes };
            if (withCalls) operation["calls"] = JsonSerializer.SerializeToNode(_calls.Where(c => c.Operation == name).ToList(), JsonOptions);
            operations[name] = operation;
        }
        return operations;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    internal void RequestStarted()
    {
        var now = Interlocked.Increment(ref _inFlight);
        var peak = Volatile.Read(ref _peakInFlight);
        while (now > peak)
        {
            var observed = Interlocked.CompareExchange(ref _peakInFlight, now, peak);
            if (observed == peak)
            {
                break;
            }
            peak = observed;
        }
    }

    internal void RequestFinished() => Interlocked.Decrement(ref _inFlight);

    internal void Attempt(string operation)
    {
        lock (_sync) { Counters(operation).Attempts++; }
    }

    internal void Completed(CallRecord record, bool success)
    {
        lock (_sync)
        {
            _calls.Add(record);
            if (success)
            {
                Counters(record.Operation).Successes++;
            }
            if (record.Fault != FaultKind.None)
            {
                _faults[record.Fault] = _faults.GetValueOrDefault(record.Fault) + 1;
            }
        }
    }

    internal void SignatureRejected(string code)
    {
        lock (_sync) { _signatureRejections[code] = _signatureRejections.GetValueOrDefault(code) + 1; }
    }

    internal void BatchLimitViolated() => Interlocked.Increment(ref _batchLimitViolations);

    internal void AssumeRole(AssumeRoleRecord record)
    {
        lock (_sync) { _assumeRoles.Add(record); }
    }

    private OperationCounters Counters(string operation)
    {
        if (!_operations.TryGetValue(operation, out var counters))
        {
            counters = new OperationCounters();
            _operations[operation] = counters;
        }
        return counters;
    }
}
