using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace AwsContainerInventory.Tests.Parity;

/// <summary>
/// Runs tests/Parity/botocore_parity.py, botocore being the reference for what the module sends and reads.
/// Missing python3 or botocore fails the test with a message saying so: the parity tests never skip.
/// </summary>
internal static class Botocore
{
    public static readonly string RepositoryRoot = FindRepositoryRoot();

    public static string HelperPath => Path.Combine(RepositoryRoot, "tests", "Parity", "botocore_parity.py");

    /// <summary>One helper run: <paramref name="items"/> in, one answer per item out, in order.</summary>
    public static JsonArray Run(string command, JsonArray items)
    {
        var start = new ProcessStartInfo("python3", new[] { HelperPath, command })
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException("python3 is required for the botocore parity tests (pip install botocore): " + error.Message, error);
        }
        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(items.ToJsonString());
            process.StandardInput.Close();
            if (!process.WaitForExit(60_000))
            {
                process.Kill();
                throw new TimeoutException("botocore_parity.py " + command + " did not finish within 60 s.");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException("botocore_parity.py " + command + " failed (is botocore installed? pip install botocore):\n" + errors.Result);
            JsonArray answers = JsonNode.Parse(output.Result)!.AsArray();
            if (answers.Count != items.Count)
                throw new InvalidOperationException("botocore_parity.py answered " + answers.Count + " of " + items.Count + " items.");
            return answers;
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "AwsContainerInventory.sln"))) return directory.FullName;
        throw new DirectoryNotFoundException("No AwsContainerInventory.sln above " + AppContext.BaseDirectory + ".");
    }
}
