using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AwsContainerInventory.Tests.Structure;

/// <summary>
/// No folder of the module depends on another in a circle. A folder (Cmdlets, Session, Wire, Records, Mapping, …)
/// depends on another when one of its files uses a type declared there or a member of one, as the compiler binds it.
/// </summary>
public sealed class FolderDependencyTests
{
    private static readonly string SourceRoot = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../src/AwsContainerInventory"));

    [Fact]
    public void Folders_depend_on_each_other_without_a_cycle()
    {
        var graph = FolderGraph(out _);
        Assert.True(graph.Count >= 6, "expected the module's folders, found: " + string.Join(", ", graph.Keys));

        List<string> cycles = FindCycles(graph.ToDictionary(f => f.Key, f => (IReadOnlyCollection<string>)f.Value.Keys.ToList()));

        Assert.True(cycles.Count == 0, "Folder cycles:\n" + string.Join("\n", cycles.Select(cycle => cycle + Evidence(cycle, graph))));
    }

    [Fact]
    public void The_graph_is_bound_by_the_compiler_and_sees_uses_no_type_name_spells_out()
    {
        var graph = FolderGraph(out IReadOnlyList<string> errors);

        // Every name bound: an unbound name would be a dependency the graph cannot see.
        Assert.True(errors.Count == 0, "The module's sources did not bind:\n" + string.Join("\n", errors.Take(10)));
        Assert.Contains("Records", graph["Cmdlets"].Keys);
        Assert.Contains("Inventory", graph["Cmdlets"].Keys);
        Assert.Contains("Wire", graph["Inventory"].Keys);
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

    // folder -> (folder it depends on -> the symbols that make the edge). Bound by Roslyn's semantic model over the
    // module's sources, so every use counts: a type named, a member called through `var`, an extension method, a
    // constant read through a qualified name — not only the type names a file spells out.
    private static Dictionary<string, Dictionary<string, SortedSet<string>>> FolderGraph(out IReadOnlyList<string> errors)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: new[] { "NET8_0_OR_GREATER", "NETCOREAPP" });
        var trees = Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, path: f))
            .ToList();
        CSharpCompilation compilation = Compile(trees);
        errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();

        var graph = trees.Select(t => FolderOf(t.FilePath)).Distinct().ToDictionary(f => f, _ => new Dictionary<string, SortedSet<string>>());
        foreach (SyntaxTree tree in trees)
        {
            string folder = FolderOf(tree.FilePath);
            SemanticModel model = compilation.GetSemanticModel(tree);
            foreach (SyntaxNode node in tree.GetRoot().DescendantNodes())
            {
                if (node is not SimpleNameSyntax && node is not ObjectCreationExpressionSyntax) continue;
                if (node.Parent is QualifiedNameSyntax { Parent: UsingDirectiveSyntax } || node.Parent is UsingDirectiveSyntax) continue;
                ISymbol? symbol = model.GetSymbolInfo(node).Symbol ?? model.GetSymbolInfo(node).CandidateSymbols.FirstOrDefault();
                INamedTypeSymbol? type = TopLevelType(symbol);
                if (type == null) continue;
                foreach (SyntaxReference declaration in type.DeclaringSyntaxReferences)
                {
                    string owner = FolderOf(declaration.SyntaxTree.FilePath);
                    if (owner == folder || !graph.ContainsKey(owner)) continue;
                    if (!graph[folder].TryGetValue(owner, out var names)) graph[folder][owner] = names = new SortedSet<string>(StringComparer.Ordinal);
                    names.Add(type.Name);
                }
            }
        }
        return graph;
    }

    private static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create("FolderGraph", trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));

    // The source-declared top-level type a symbol belongs to (a type, or the type holding a member); null for
    // framework symbols, namespaces, locals and parameters.
    private static INamedTypeSymbol? TopLevelType(ISymbol? symbol)
    {
        if (symbol is IMethodSymbol { ReducedFrom: not null } extension) symbol = extension.ReducedFrom;
        INamedTypeSymbol? type = symbol switch
        {
            INamedTypeSymbol named => named,
            IMethodSymbol or IPropertySymbol or IFieldSymbol or IEventSymbol => symbol.ContainingType,
            _ => null,
        };
        if (type == null) return null;
        type = type.OriginalDefinition;
        while (type.ContainingType != null) type = type.ContainingType;
        return type.DeclaringSyntaxReferences.Length > 0 && type.Locations.Any(l => l.IsInSource) ? type : null;
    }

    // The framework and PowerShell assemblies the test itself runs on: enough to bind the module's names.
    private static IEnumerable<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(new[] { typeof(System.Management.Automation.PSCmdlet).Assembly.Location })
            .Where(p => p.Length > 0 && !Path.GetFileNameWithoutExtension(p).StartsWith("AwsContainerInventory", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal);
        return paths.Select(p => MetadataReference.CreateFromFile(p));
    }

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
