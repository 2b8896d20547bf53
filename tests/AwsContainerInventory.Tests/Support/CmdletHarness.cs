using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using AwsContainerInventory.Session;
using AwsContainerInventory.Wire;

namespace AwsContainerInventory.Tests.Support;

/// <summary>Cmdlet tests share the process-wide session, so they run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SessionCollection
{
    public const string Name = "Session";
}

/// <summary>Runs the module's cmdlets in an in-process PowerShell engine against a scripted handler.</summary>
public static class CmdletHarness
{
    public const string AccessKey = "AKIDHARNESS00000001";
    public const string SecretKey = "harness-secret-key-never-shown";

    /// <summary>
    /// Sets the process-wide session: against <paramref name="handler"/> in-process, or (handler null) over real
    /// sockets to <paramref name="endpoint"/>. Retries are fast and attempts short so fault tests stay quick.
    /// </summary>
    internal static InventorySession Connect(HttpMessageHandler? handler, int pageSize = 100, int parallelRequests = 8,
        string[]? regions = null, string[]? roles = null, int maxRetries = 3, Uri? endpoint = null, AwsCredentials? keys = null)
    {
        keys ??= new AwsCredentials(AccessKey, SecretKey);
        var session = new InventorySession(
            new StaticCredentialProvider(keys, "AccessKey " + AwsCredentials.MaskKeyId(keys.AccessKeyId)),
            null, regions ?? new[] { "us-east-1" }, roles ?? Array.Empty<string>(), 3600, pageSize, parallelRequests, maxRetries,
            endpoint ?? new Uri("https://aws.test/"), isDefault: false, httpClient: handler == null ? null : new HttpClient(handler));
        session.Transport.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        session.Transport.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        session.Transport.Retry.AttemptTimeout = TimeSpan.FromSeconds(2);
        SessionStore.Set(session);
        return session;
    }

    /// <summary>A shell about to run <paramref name="script"/>, in a runspace of its own with the module imported (disposed with the shell).</summary>
    public static PowerShell NewShell(string script)
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(typeof(InventorySession).Assembly.Location);
        var shell = PowerShell.Create(state);
        shell.AddScript(script);
        return shell;
    }

    /// <summary>Runs <paramref name="script"/> and stops it after <paramref name="stopAfter"/>, as Ctrl+C does; how long the stop took.</summary>
    public static async Task<TimeSpan> StopAfterAsync(string script, TimeSpan stopAfter)
    {
        using var shell = NewShell(script);
        IAsyncResult running = shell.BeginInvoke();
        await Task.Delay(stopAfter);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.Run(shell.Stop);
        clock.Stop();
        if (!running.IsCompleted) throw new InvalidOperationException("The script was still running after Stop.");
        return clock.Elapsed;
    }

    /// <param name="variables">Variables the script can read, such as a session object for -Session.</param>
    public static RunResult Invoke(string script, IReadOnlyDictionary<string, object>? variables = null)
    {
        using var shell = NewShell(script);
        foreach (var variable in variables ?? new Dictionary<string, object>()) shell.Runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
        var output = shell.Invoke();
        return new RunResult(output.Select(o => o?.BaseObject).ToList()!, shell.Streams.Error.ToList(),
            shell.Streams.Verbose.Select(v => v.Message).ToList(), shell.Streams.Warning.Select(w => w.Message).ToList(),
            shell.Streams.Progress.ToList());
    }
}

public sealed record RunResult(List<object> Output, List<ErrorRecord> Errors, List<string> Verbose, List<string> Warnings, List<ProgressRecord> Progress)
{
    public List<T> Of<T>() => Output.OfType<T>().ToList();
}
