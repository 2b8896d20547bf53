using System.Text.Json;
using System.Text.Json.Nodes;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>A fault injected into one call.</summary>
public enum FaultKind
{
    None,

    /// <summary>Abort the connection before any response byte (with a TCP reset).</summary>
    ResetConnection,

    /// <summary>Hold the request unanswered for <see cref="FaultSettings.HangMs"/>, then abort it.</summary>
    Hang,

    /// <summary>400 <c>ThrottlingException</c> (ECR/ECS) / <c>Throttling</c> (STS); 503 <c>RequestLimitExceeded</c> (EC2).</summary>
    Throttle,

    /// <summary>503 <c>ServiceUnavailableException</c> (ECR/ECS) / <c>ServiceUnavailable</c> (STS) / <c>Unavailable</c> (EC2).</summary>
    ServiceUnavailable,

    /// <summary>500 <c>ServerException</c> (ECR/ECS) / <c>InternalFailure</c> (STS) / <c>InternalError</c> (EC2).</summary>
    InternalError,

    /// <summary>200 with a body that is not JSON (or XML for STS and EC2).</summary>
    MalformedBody,

    /// <summary>Full Content-Length header, half the body, then the connection is aborted.</summary>
    TruncatedBody,
}

/// <summary>
/// Runtime fault injection. Every "EveryNth" fault counts the calls it matches on its own counter and
/// fires on the Nth, 2Nth, … of them (0 = off); setting a fault restarts its counter. When several
/// fire on the same call, the first in <see cref="FaultKind"/> order wins (all counters still advance).
/// <see cref="Operation"/> restricts latency and every fault to one operation name (null = all calls).
/// Faults apply after signature verification; rejected calls do not advance the counters.
/// All members are thread-safe.
/// </summary>
public sealed class FaultSettings
{
    private readonly object _sync = new();
    private readonly Dictionary<FaultKind, int> _everyNth = [];
    private readonly Dictionary<FaultKind, long> _seen = [];
    private string? _operation;
    private int _latencyMs;
    private int? _retryAfterSeconds;
    private int _hangMs = 30_000;

    /// <summary>Operation name (e.g. "DescribeTasks") the settings apply to; null = every operation.</summary>
    public string? Operation
    {
        get { lock (_sync) { return _operation; } }
        set { lock (_sync) { _operation = value; RestartCounters(); } }
    }

    /// <summary>Delay added to every matching call while it counts as in flight.</summary>
    public int LatencyMs
    {
        get { lock (_sync) { return _latencyMs; } }
        set { lock (_sync) { _latencyMs = NonNegative(value); } }
    }

    public int ThrottleEveryNth { get => Get(FaultKind.Throttle); set => Set(FaultKind.Throttle, value); }

    public int ServiceUnavailableEveryNth { get => Get(FaultKind.ServiceUnavailable); set => Set(FaultKind.ServiceUnavailable, value); }

    public int InternalErrorEveryNth { get => Get(FaultKind.InternalError); set => Set(FaultKind.InternalError, value); }

    /// <summary>When set, throttle/503/500 responses carry <c>Retry-After: &lt;seconds&gt;</c>.</summary>
    public int? RetryAfterSeconds
    {
        get { lock (_sync) { return _retryAfterSeconds; } }
        set { lock (_sync) { _retryAfterSeconds = value is null ? null : NonNegative(value.Value); } }
    }

    public int TruncatedBodyEveryNth { get => Get(FaultKind.TruncatedBody); set => Set(FaultKind.TruncatedBody, value); }

    public int ResetConnectionEveryNth { get => Get(FaultKind.ResetConnection); set => Set(FaultKind.ResetConnection, value); }

    public int HangEveryNth { get => Get(FaultKind.Hang); set => Set(FaultKind.Hang, value); }

    /// <summary>How long a hung request is held before the connection is aborted (default 30 s).</summary>
    public int HangMs
    {
        get { lock (_sync) { return _hangMs; } }
        set { lock (_sync) { _hangMs = NonNegative(value); } }
    }

    public int MalformedBodyEveryNth { get => Get(FaultKind.MalformedBody); set => Set(FaultKind.MalformedBody, value); }

    /// <summary>Turns every fault and the latency off.</summary>
    public void Clear()
    {
        lock (_sync)
        {
            _everyNth.Clear();
            _seen.Clear();
            _operation = null;
            _latencyMs = 0;
            _retryAfterSeconds = null;
            _hangMs = 30_000;
        }
    }

    /// <summary>Current settings as JSON (the form <see cref="Load"/> and <c>POST /_control/faults</c> accept).</summary>
    public JsonObject ToJson()
    {
        lock (_sync)
        {
            return new JsonObject
            {
                ["operation"] = _operation,
                ["latencyMs"] = _latencyMs,
                ["throttleEveryNth"] = Get(FaultKind.Throttle),
                ["serviceUnavailableEveryNth"] = Get(FaultKind.ServiceUnavailable),
                ["internalErrorEveryNth"] = Get(FaultKind.InternalError),
                ["retryAfterSeconds"] = _retryAfterSeconds,
                ["truncatedBodyEveryNth"] = Get(FaultKind.TruncatedBody),
                ["resetConnectionEveryNth"] = Get(FaultKind.ResetConnection),
                ["hangEveryNth"] = Get(FaultKind.Hang),
                ["hangMs"] = _hangMs,
                ["malformedBodyEveryNth"] = Get(FaultKind.MalformedBody),
            };
        }
    }

    /// <summary>Replaces all settings with <paramref name="json"/>; members left out are off.</summary>
    public void Load(JsonObject json)
    {
        var known = ToJson().Select(p => p.Key).ToHashSet();
        var unknown = json.Select(p => p.Key).Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new JsonException($"Unknown fault setting(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", known)}.");
        }

        int Int(string name, int fallback = 0) => json[name]?.GetValue<int>() ?? fallback;

        lock (_sync)
        {
            Clear();
            _operation = json["operation"]?.GetValue<string>();
            _latencyMs = NonNegative(Int("latencyMs"));
            _retryAfterSeconds = json["retryAfterSeconds"]?.GetValue<int>();
            _hangMs = NonNegative(Int("hangMs", 30_000));
            Set(FaultKind.Throttle, Int("throttleEveryNth"));
            Set(FaultKind.ServiceUnavailable, Int("serviceUnavailableEveryNth"));
            Set(FaultKind.InternalError, Int("internalErrorEveryNth"));
            Set(FaultKind.TruncatedBody, Int("truncatedBodyEveryNth"));
            Set(FaultKind.ResetConnection, Int("resetConnectionEveryNth"));
            Set(FaultKind.Hang, Int("hangEveryNth"));
            Set(FaultKind.MalformedBody, Int("malformedBodyEveryNth"));
        }
    }

    /// <summary>Latency for a call to <paramref name="operation"/> (0 when it does not match).</summary>
    internal int LatencyFor(string operation)
    {
        lock (_sync)
        {
            return Matches(operation) ? _latencyMs : 0;
        }
    }

    /// <summary>Advances the counters for one call and returns the fault to inject (if any).</summary>
    internal (FaultKind Fault, int? RetryAfterSeconds, int HangMs) NextFault(string operation)
    {
        lock (_sync)
        {
            var chosen = FaultKind.None;
            if (Matches(operation))
            {
                foreach (var kind in Enum.GetValues<FaultKind>())
                {
                    if (!_everyNth.TryGetValue(kind, out var every) || every <= 0)
                    {
                        continue;
                    }
                    var seen = _seen[kind] = _seen.GetValueOrDefault(kind) + 1;
                    if (seen % every == 0 && chosen == FaultKind.None)
                    {
                        chosen = kind;
                    }
                }
            }
            return (chosen, _retryAfterSeconds, _hangMs);
        }
    }

    private bool Matches(string operation) => _operation is null || _operation == operation;

    private int Get(FaultKind kind)
    {
        lock (_sync) { return _everyNth.GetValueOrDefault(kind); }
    }

    private void Set(FaultKind kind, int everyNth)
    {
        lock (_sync)
        {
            _everyNth[kind] = NonNegative(everyNth);
            _seen[kind] = 0;
        }
    }

    private void RestartCounters()
    {
        foreach (var kind in _seen.Keys.ToList())
        {
            _seen[kind] = 0;
        }
    }

    private static int NonNegative(int value) =>
        value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Must not be negative.");
}
