using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AwsContainerInventory.Isolation
{
    /// <summary>
    /// Loads AwsContainerInventory.Engine (and with it AWSSDK.Core) from bin/Dependencies on first use.
    /// PowerShell 7: inside a private AssemblyLoadContext, so another AWSSDK.Core in the process (AWS.Tools)
    /// neither breaks this module nor is broken by it. Windows PowerShell 5.1 has no load contexts: there
    /// the Dependencies folder is only added to assembly resolution.
    /// </summary>
    internal static class DefaultChainsLoader
    {
        private const string EngineAssemblyName = "AwsContainerInventory.Engine";
        private const string EngineTypeName = "AwsContainerInventory.Engine.AwsSdkDefaultChains";
        private static readonly Lazy<IDefaultChains> Chains = new Lazy<IDefaultChains>(Load);

        public static IDefaultChains Instance => Chains.Value;

        private static IDefaultChains Load()
        {
            string moduleDirectory = ModuleBinDirectory(Path.GetDirectoryName(typeof(DefaultChainsLoader).Assembly.Location)!);
            string dependencies = Path.Combine(moduleDirectory, "Dependencies");
            Assembly engine;
            if (!File.Exists(Path.Combine(dependencies, EngineAssemblyName + ".dll")))
            {
                // Test hosts reference the engine directly; it sits beside this assembly.
                engine = Assembly.Load(new AssemblyName(EngineAssemblyName));
            }
            else if (IsCoreClr())
            {
                Assembly isolation = Assembly.LoadFrom(Path.Combine(moduleDirectory, "AwsContainerInventory.Isolation.dll"));
                MethodInfo loadEngine = isolation.GetType("AwsContainerInventory.Isolation.DependencyLoadContext", throwOnError: true)!
                    .GetMethod("LoadEngine", BindingFlags.Public | BindingFlags.Static)!;
                engine = (Assembly)loadEngine.Invoke(null, new object[] { dependencies, EngineAssemblyName })!;
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve += (sender, args) =>
                {
                    string candidate = Path.Combine(dependencies, new AssemblyName(args.Name).Name + ".dll");
                    return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
                };
                engine = Assembly.LoadFrom(Path.Combine(dependencies, EngineAssemblyName + ".dll"));
            }
            return (IDefaultChains)Activator.CreateInstance(engine.GetType(EngineTypeName, throwOnError: true)!)!;
        }

        /// <summary>
        /// The module's bin folder, which holds Dependencies/ and the isolation assembly: the cmdlet assembly's own folder
        /// (the netstandard2.0 build, test hosts) or its parent (the PowerShell 7 builds in bin/net8.0 and bin/net10.0-&lt;rid&gt;).
        /// </summary>
        internal static string ModuleBinDirectory(string assemblyDirectory)
        {
            string? parent = Path.GetDirectoryName(assemblyDirectory);
            bool nested = !Directory.Exists(Path.Combine(assemblyDirectory, "Dependencies"))
                && parent != null && Directory.Exists(Path.Combine(parent, "Dependencies"));
            return nested ? parent! : assemblyDirectory;
        }

        private static bool IsCoreClr() =>
            !RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);
    }
}
