using System.Diagnostics;
using AwsContainerInventory.Policy;

namespace AwsContainerInventory.Tests.Policy;

/// <summary>
/// The committed ECR action list (Policy/EcrApiOperations.g.cs) is botocore's ECR model, so wildcard expansion
/// cannot drift from the real API. Needs python3 with botocore, as the Pester suites do.
/// </summary>
public class EcrActionListTests
{
    [Fact]
    public void The_committed_list_is_every_operation_of_botocores_ECR_model()
    {
        List<string> botocore = BotocoreOperations();

        Assert.True(botocore.Count > 50, "botocore's ECR model should list the ECR API's operations");
        Assert.Equal(botocore, EcrApiOperations.Names.ToList());
    }

    [Fact]
    public void The_permission_only_actions_are_no_API_operation()
    {
        // If botocore ever models one of them, it belongs in the generated list only.
        Assert.Empty(PolicyActions.PermissionOnlyNames.Intersect(BotocoreOperations()));
        Assert.Equal(EcrApiOperations.Names.Length + PolicyActions.PermissionOnlyNames.Length, PolicyActions.EcrActions.Distinct().Count());
    }

    private static List<string> BotocoreOperations()
    {
        string script = Path.Combine(RepositoryRoot(), "tools", "New-EcrActionList.py");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("--print");
        using Process python = Process.Start(start)!;
        string output = python.StandardOutput.ReadToEnd();
        string errors = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, "python3 " + script + " --print failed (is botocore installed?): " + errors);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "AwsContainerInventory.sln"))) return directory.FullName;
        throw new InvalidOperationException("The repository root (AwsContainerInventory.sln) is not above " + AppContext.BaseDirectory);
    }
}
