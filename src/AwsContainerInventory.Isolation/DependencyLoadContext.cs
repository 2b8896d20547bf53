using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace AwsContainerInventory.Isolation
{
    /// <summary>
    /// Resolves the module's private dependencies (AWSSDK.Core, AWSSDK.SecurityToken and the engine that uses
    /// them) from bin/Dependencies only. Everything else (the framework, PowerShell, the cmdlet assembly)
    /// falls through to the default context, so the types the cmdlets and the engine share are one type.
    /// </summary>
    public sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly object Gate = new object();
        private static DependencyLoadContext? _instance;
        private readonly string _directory;

        private DependencyLoadContext(string directory) : base("AwsContainerInventory.Dependencies", isCollectible: false)
        {
            _directory = directory;
        }

        /// <summary>Called by reflection from the cmdlet assembly (which targets netstandard2.0).</summary>
        public static Assembly LoadEngine(string directory, string engineAssemblyName)
        {
            lock (Gate)
            {
                _instance ??= new DependencyLoadContext(directory);
            }
            return _instance.LoadFromAssemblyName(new AssemblyName(engineAssemblyName));
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            string candidate = Path.Combine(_directory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
