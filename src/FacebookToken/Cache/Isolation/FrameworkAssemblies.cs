#if NET8_0_OR_GREATER
using System;
using System.Collections.Concurrent;
using System.IO;
using System.Reflection;

namespace FacebookToken.Cache.Isolation;

/// <summary>The shared framework's own assemblies: those in System.Private.CoreLib's folder.</summary>
/// <remarks>
/// The host's own assemblies (pwsh's folder, also in the default context) do not count: only the runtime is shared
/// with the storage context, never another copy of MSAL that a host might ship. Thread safe.
/// </remarks>
internal static class FrameworkAssemblies
{
    private static readonly string s_directory = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
    private static readonly ConcurrentDictionary<string, Version?> s_versions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the framework has <paramref name="requested"/>'s name at the same or a newer version.</summary>
    public static bool Provides(AssemblyName requested)
    {
        if (requested.Name is null || s_directory.Length == 0)
        {
            return false;
        }

        Version? available = s_versions.GetOrAdd(requested.Name, ReadVersion);
        return available != null && (requested.Version is null || available >= requested.Version);
    }

    private static Version? ReadVersion(string name)
    {
        string path = Path.Combine(s_directory, name + ".dll");
        try
        {
            return File.Exists(path) ? AssemblyName.GetAssemblyName(path).Version : null;
        }
        catch (Exception ex) when (ex is IOException || ex is BadImageFormatException || ex is UnauthorizedAccessException)
        {
            return null;
        }
    }
}
#endif
