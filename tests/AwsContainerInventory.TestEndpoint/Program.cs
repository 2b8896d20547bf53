using System.Runtime.InteropServices;

namespace AwsContainerInventory.TestEndpoint;

/// <summary>
/// Console host: <c>dotnet AwsContainerInventory.TestEndpoint.dll [--port 0] [--estate file.json] [--ignore-stdin]</c>.
/// Prints exactly one line, <c>LISTENING http://127.0.0.1:&lt;port&gt;/</c>, once ready; exits with 0 on stdin EOF
/// (unless <c>--ignore-stdin</c>), SIGTERM, SIGINT or <c>POST /_control/shutdown</c>.
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: AwsContainerInventory.TestEndpoint [--port <n>] [--estate <file.json>] [--ignore-stdin]";

    public static async Task<int> Main(string[] args)
    {
        if (!TryParse(args, out var port, out var estateFile, out var ignoreStdin))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        await using var endpoint = await ScriptedAwsEndpoint.StartAsync(port);
        if (estateFile is not null)
        {
            try
            {
                endpoint.Estate.LoadFile(estateFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException
                                           or ArgumentException or InvalidOperationException)
            {
                Console.Error.WriteLine($"Cannot load estate '{estateFile}': {ex.Message}");
                return 2;
            }
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.TrySetResult();
        }

        Console.Out.WriteLine($"LISTENING {endpoint.BaseUri}");
        Console.Out.Flush();

        var stdinClosed = ignoreStdin ? Task.Delay(Timeout.Infinite) : WaitForStdinEofAsync();
        await Task.WhenAny(stop.Task, endpoint.ShutdownRequested, stdinClosed);
        return 0;
    }

    private static async Task WaitForStdinEofAsync()
    {
        await using var stdin = Console.OpenStandardInput();
        var buffer = new byte[1024];
        while (await stdin.ReadAsync(buffer) > 0)
        {
            // input is ignored; only the end of it matters
        }
    }

    private static bool TryParse(string[] args, out int port, out string? estateFile, out bool ignoreStdin)
    {
        port = 0;
        estateFile = null;
        ignoreStdin = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], out port) && port is >= 0 and <= 65535:
                    i++;
                    break;
                case "--estate" when i + 1 < args.Length:
                    estateFile = args[++i];
                    break;
                case "--ignore-stdin":
                    ignoreStdin = true;
                    break;
                default:
                    return false;
            }
        }
        return true;
    }
}
