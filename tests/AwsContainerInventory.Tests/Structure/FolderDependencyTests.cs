using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsContainerInventory.Tests.Structure;

/// <summary>
/// No folder of the module depends on another in a circle. A folder (Cmdlets, Session, Wire, Records, Mapping, …)
/// depends on another when one of its files names a top-level type declared there; names are read from the syntax
/// (type positions and static member receivers), so a property called like a type does not count.
/// </summary>
public sealed class FolderDependencyTests
{
    private static readonly string SourceRoot = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/AwsContainerInventory"));

    [Fact]
    public void Folders_depend_on_each_other_without_a_cycle()
    {
        var graph = FolderGraph();
        Assert.True(graph.Count >= 6, "expected the module's folders, found: " + string.Join(", ", graph.Keys));

        List<string> cycles = FindCycles(graph.ToDictionary(f => f.Key, f => (IReadOnlyCollection<string>)f.Value.Keys.ToList()));

        Assert.True(cycles.Count == 0, "Folder cycles:\n" + string.Join("\n", cycles.Select(cycle => cycle + Evidence(cycle, graph))));
    }

    [Fact]
    public void The_check_finds_a_cycle_when_there_is_one()
    {
        var graph = new Dictionary<string, IReadOnlyCollection<string>>
        {
            ["Records"] = new[] { "Policy" }, ["Policy"] = new[] { "Records" }, ["Cmdlets"] = new[] { "Records" },
        };

        Assert.Equal(new[] { "Policy -> Records -> Policy" }, FindCycles(graph));
    }

    [Fact]
    public void Records_hold_only_record_types_and_no_api_parsing()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(SourceRoot, "Records"), "*.cs")
            .Where(f => File.ReadAllText(f).Contains("JsonElement", StringComparison.Ordinal))
            .Select(Path.GetFileName);

        Assert.Empty(offenders);
    }

    // folder -> (folder it depends on -> the type names that make the edge)
    private static Dictionary<string, Dictionary<string, SortedSet<string>>> FolderGraph()
    {
        var trees = Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .Select(f => (Folder: FolderOf(f), Root: CSharpSyntaxTree.ParseText(File.ReadAllText(f)).GetRoot()))
            .ToList();
        var owners = trees
            .SelectMany(t => t.Root.DescendantNodes().OfType<BaseTypeDeclarationSyntax>()
                .Where(d => d.Parent is BaseNamespaceDeclarationSyntax || d.Parent is CompilationUnitSyntax)
                .Select(d => (Name: d.Identifier.Text, t.Folder)))
            .GroupBy(d => d.Name)
            .Where(g => g.Select(d => d.Folder).Distinct().Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Folder, StringComparer.Ordinal);

        var graph = trees.Select(t => t.Folder).Distinct().ToDictionary(f => f, _ => new Dictionary<string, SortedSet<string>>());
        foreach (var (folder, root) in trees)
        {
            // A file's own members (a property named like a type elsewhere) are not that type.
            var members = new HashSet<string>(root.DescendantNodes().Select(MemberName).OfType<string>(), StringComparer.Ordinal);
            foreach (SimpleNameSyntax name in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (members.Contains(name.Identifier.Text)) continue;
                // x.Name is a member, not a type; the receiver of a static call (PolicyAnalyzer.Analyze) is kept.
                if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name) continue;
                if (name.Parent is QualifiedNameSyntax qualified && qualified.Right == name && qualified.Parent is UsingDirectiveSyntax) continue;
                if (!owners.TryGetValue(name.Identifier.Text, out string? owner) || owner == folder) continue;
                if (!graph[folder].TryGetValue(owner, out var names)) graph[folder][owner] = names = new SortedSet<string>(StringComparer.Ordinal);
                names.Add(name.Identifier.Text);
            }
        }
        return graph;
    }

    private static string? MemberName(SyntaxNode node) => node switch
    {
        PropertyDeclarationSyntax property => property.Identifier.Text,
        MethodDeclarationSyntax method => method.Identifier.Text,
        VariableDeclaratorSyntax variable when variable.Parent?.Parent is FieldDeclarationSyntax => variable.Identifier.Text,
        _ => null,
    };

    private static string FolderOf(string file)
    {
        string relative = Path.GetRelativePath(SourceRoot, file);
        int separator = relative.IndexOfAny(new[] { '/', '\\' });
        return separator < 0 ? "(root)" : relative[..separator];
    }

    // Each elementary cycle once, named from its alphabetically first folder: "A -> B -> A".
    internal static List<string> FindCycles(IReadOnlyDictionary<string, IReadOnlyCollection<string>> graph)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string start in graph.Keys)
        {
            var path = new List<string> { start };
            void Walk(string node)
            {
                foreach (string next in graph.TryGetValue(node, out var targets) ? targets : Array.Empty<string>())
                {
                    if (next == start) found.Add(string.Join(" -> ", path.Append(start)));
                    else if (!path.Contains(next) && string.CompareOrdinal(next, start) > 0)
                    {
                        path.Add(next);
                        Walk(next);
                        path.RemoveAt(path.Count - 1);
                    }
                }
            }
            Walk(start);
        }
        return found.ToList();
    }

    private static string Evidence(string cycle, Dictionary<string, Dictionary<string, SortedSet<string>>> graph)
    {
        string[] folders = cycle.Split(" -> ");
        return " (" + string.Join("; ", folders.Zip(folders.Skip(1), (a, b) => a + " names " + string.Join(", ", graph[a][b]))) + ")";
    }
}
