#if NET8_0_OR_GREATER
using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace FacebookToken.Cache.Isolation;

/// <summary>
/// The AssemblyLoadContext of FacebookToken.Storage, MSAL and MSAL's dependencies on PowerShell 7, so that another
/// module's Microsoft.Identity.Client (Az.Accounts, MSAL.PS, Microsoft.Graph, PSResourceGet), of any version, loads
/// beside ours.
/// </summary>
/// <remarks>
/// FacebookToken itself resolves to the already loaded core assembly, so <see cref="IOsStoreFactory"/> is one type on
/// both sides. Paths come from FacebookToken.Storage.deps.json (so runtimes/win/ assets are picked on Windows), else
/// from the folder itself. An assembly the shared framework has at the same or a newer version comes from the default
/// context. Native libraries (libsecret) load the default way.
/// </remarks>
internal sealed class StorageLoadContext : AssemblyLoadContext
{
    private readonly string _directory;
    private readonly Assembly _core;
    private readonly string _coreName;
    private readonly AssemblyDependencyResolver _resolver;

    public StorageLoadContext(string directory, string storageAssemblyPath, Assembly core)
        : base(StorageLoader.StorageAssemblyName, isCollectible: false)
    {
        _directory = directory;
        _core = core;
        _coreName = core.GetName().Name!;
        _resolver = new AssemblyDependencyResolver(storageAssemblyPath);
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string? name = assemblyName.Name;
        if (name is null)
        {
            return null;
        }

        if (string.Equals(name, _coreName, StringComparison.OrdinalIgnoreCase))
        {
            return _core;
        }

        string? path = _resolver.ResolveAssemblyToPath(assemblyName);
        if (path is null)
        {
            string local = Path.Combine(_directory, name + ".dll");
            path = File.Exists(local) ? local : null;
        }

        if (path is null || FrameworkAssemblies.Provides(assemblyName))
        {
            return null;
        }

        return LoadFromAssemblyPath(path);
    }
}
#endif
