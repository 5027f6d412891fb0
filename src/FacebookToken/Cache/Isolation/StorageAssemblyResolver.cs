using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace FacebookToken.Cache.Isolation;

/// <summary>
/// The storage folder's binding on .NET Framework (Windows PowerShell 5.1), which has one load context: an
/// AppDomain.AssemblyResolve handler that answers with the folder's assembly of the exact version asked for, loaded with
/// Assembly.LoadFrom. MSAL is strong-named, so another module's Microsoft.Identity.Client of another version stays a
/// different assembly and both load side by side.
/// </summary>
/// <remarks>
/// A request made by an assembly of the storage folder itself may also take a newer version of the same name (what a
/// binding redirect would do: System.Memory and System.Runtime.CompilerServices.Unsafe disagree about versions); other
/// requesters get exact matches only, so their own resolvers keep control. FacebookToken resolves to the loaded core
/// assembly. Also used when the net472 build runs on .NET (pwsh loading bin/net472, as the tests do): there the default
/// context holds one version per name, so an already loaded older MSAL blocks ours and loading fails with a message
/// that says so. Registered once per folder, on first cache use; thread safe.
/// </remarks>
internal sealed class StorageAssemblyResolver
{
    private static readonly Dictionary<string, StorageAssemblyResolver> s_registered = new(StringComparer.OrdinalIgnoreCase);

    private readonly string _directory;
    private readonly Assembly _core;
    private readonly string _coreName;
    private readonly Dictionary<string, string> _files;
    private readonly ConcurrentDictionary<string, AssemblyName?> _names = new(StringComparer.OrdinalIgnoreCase);

    private StorageAssemblyResolver(string directory, Assembly core)
    {
        _directory = Path.GetFullPath(directory).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        _core = core;
        _coreName = core.GetName().Name!;
        _files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string path in Directory.GetFiles(_directory, "*.dll"))
        {
            _files[Path.GetFileNameWithoutExtension(path)] = path;
        }
    }

    /// <summary>Adds the handler for <paramref name="directory"/> unless it is already there.</summary>
    public static void Register(string directory, Assembly core)
    {
        lock (s_registered)
        {
            string key = Path.GetFullPath(directory);
            if (s_registered.ContainsKey(key))
            {
                return;
            }

            var resolver = new StorageAssemblyResolver(key, core);
            AppDomain.CurrentDomain.AssemblyResolve += resolver.OnAssemblyResolve;
            s_registered.Add(key, resolver);
        }
    }

    /// <summary>
    /// Whether the folder's <paramref name="available"/> may answer a request for <paramref name="requested"/>: same
    /// name and public key token, and the exact version, or (for the folder's own assemblies) a newer one.
    /// </summary>
    internal static bool Matches(AssemblyName requested, AssemblyName available, bool requestedFromFolder)
    {
        if (!string.Equals(requested.Name, available.Name, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] requestedToken = requested.GetPublicKeyToken() ?? Array.Empty<byte>();
        byte[] availableToken = available.GetPublicKeyToken() ?? Array.Empty<byte>();
        if (requestedToken.Length > 0 && !requestedToken.SequenceEqual(availableToken))
        {
            return false;
        }

        if (requested.Version is null || available.Version is null)
        {
            return requestedFromFolder;
        }

        return requested.Version == available.Version || (requestedFromFolder && available.Version > requested.Version);
    }

    private Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
    {
        AssemblyName requested;
        try
        {
            requested = new AssemblyName(args.Name);
        }
        catch (Exception ex) when (ex is ArgumentException || ex is FileLoadException)
        {
            return null;
        }

        if (requested.Name is null)
        {
            return null;
        }

        if (string.Equals(requested.Name, _coreName, StringComparison.OrdinalIgnoreCase))
        {
            return _core;
        }

        if (!_files.TryGetValue(requested.Name, out string? path))
        {
            return null;
        }

        AssemblyName? available = _names.GetOrAdd(path, ReadName);
        if (available is null || !Matches(requested, available, IsFromFolder(args.RequestingAssembly)))
        {
            return null;
        }

        return Assembly.LoadFrom(path);
    }

    private bool IsFromFolder(Assembly? assembly)
    {
        if (assembly is null || assembly.IsDynamic || string.IsNullOrEmpty(assembly.Location))
        {
            return false;
        }

        return string.Equals(Path.GetDirectoryName(assembly.Location), _directory, StringComparison.OrdinalIgnoreCase);
    }

    private static AssemblyName? ReadName(string path)
    {
        try
        {
            return AssemblyName.GetAssemblyName(path);
        }
        catch (Exception ex) when (ex is IOException || ex is BadImageFormatException || ex is UnauthorizedAccessException)
        {
            return null;
        }
    }
}
