using System;
using System.IO;
using System.Reflection;
using FacebookToken.Cache.Isolation;

namespace FacebookToken.Cache;

/// <summary>
/// Loads the isolated FacebookToken.Storage assembly (MSAL Extensions and MSAL) on first cache use, from the
/// <c>storage</c> folder next to FacebookToken.dll, and hands out its <see cref="IOsStoreFactory"/>.
/// </summary>
/// <remarks>
/// On .NET 8 and later the storage assemblies live in their own AssemblyLoadContext; on .NET Framework (Windows
/// PowerShell) an AppDomain.AssemblyResolve handler, registered on first use, binds them by exact version so another
/// module's Microsoft.Identity.Client loads beside ours. Import-Module loads none of them. Thread safe.
/// </remarks>
internal static class StorageLoader
{
    /// <summary>The folder, next to FacebookToken.dll, that holds FacebookToken.Storage.dll and its dependencies.</summary>
    public const string StorageFolderName = "storage";

    /// <summary>The folder of the ReadyToRun images of core, one subfolder per OS, architecture and .NET major version (FacebookToken.Loader).</summary>
    public const string ReadyToRunFolderName = "r2r";

    internal const string StorageAssemblyName = "FacebookToken.Storage";
    internal const string FactoryTypeName = "FacebookToken.Storage.OsStoreFactory";

    // MSAL itself: checked up front, so a broken install is reported at load and not deep inside the first call.
    private static readonly string[] s_requiredFiles =
    {
        StorageAssemblyName + ".dll",
        "Microsoft.Identity.Client.dll",
        "Microsoft.Identity.Client.Extensions.Msal.dll",
    };

    private static readonly object s_gate = new();
    private static IOsStoreFactory? s_factory;

    /// <summary>The storage factory, loading it on the first call. Throws <see cref="InvalidOperationException"/> naming the folder when it cannot be loaded.</summary>
    public static IOsStoreFactory GetFactory()
    {
        lock (s_gate)
        {
            // A failure is not remembered: the next call tries again (and fails the same way if files are missing).
            return s_factory ??= LoadFactory(GetStorageDirectory());
        }
    }

    /// <summary>
    /// The storage folder next to this assembly, or, when this is the ReadyToRun image FacebookToken.Loader picked
    /// (bin/net8.0/r2r/&lt;platform&gt;/FacebookToken.dll), next to the IL core it stands for (bin/net8.0).
    /// </summary>
    public static string GetStorageDirectory()
    {
        string location = typeof(StorageLoader).Assembly.Location;
        if (string.IsNullOrEmpty(location))
        {
            throw new InvalidOperationException(
                "The token cache's storage folder cannot be found: FacebookToken.dll was not loaded from a file. Import the FacebookToken module from its folder.");
        }

        string directory = Path.GetDirectoryName(location)!;
        string? platforms = Path.GetDirectoryName(directory);
        if (platforms != null && string.Equals(Path.GetFileName(platforms), ReadyToRunFolderName, StringComparison.Ordinal))
        {
            directory = Path.GetDirectoryName(platforms)!;
        }

        return Path.Combine(directory, StorageFolderName);
    }

    /// <summary>Loads the factory from <paramref name="storageDirectory"/>; each call on .NET 8+ makes a new load context.</summary>
    internal static IOsStoreFactory LoadFactory(string storageDirectory)
    {
        string directory = Path.GetFullPath(storageDirectory);
        foreach (string file in s_requiredFiles)
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                throw new InvalidOperationException(
                    "The token cache's storage component is missing: '" + directory + "' has no " + file
                    + ". Reinstall the FacebookToken module; that folder must hold FacebookToken.Storage.dll and the Microsoft.Identity.Client assemblies.");
            }
        }

        Assembly core = typeof(StorageLoader).Assembly;
        string storagePath = Path.Combine(directory, StorageAssemblyName + ".dll");
        object? instance;
        try
        {
#if NET8_0_OR_GREATER
            var context = new StorageLoadContext(directory, storagePath, core);
            Assembly storage = context.LoadFromAssemblyPath(storagePath);
#else
            StorageAssemblyResolver.Register(directory, core);
            Assembly storage = Assembly.LoadFrom(storagePath);
#endif
            Type type = storage.GetType(FactoryTypeName, throwOnError: true)!;
            instance = Activator.CreateInstance(type);
        }
        catch (Exception ex) when (ex is IOException || ex is BadImageFormatException || ex is TypeLoadException || ex is TargetInvocationException || ex is MissingMethodException || ex is InvalidOperationException)
        {
            throw new InvalidOperationException(
                "The token cache's storage component in '" + directory + "' could not be loaded: " + ex.Message
                + " Reinstall the FacebookToken module.",
                ex);
        }

        return instance as IOsStoreFactory
            ?? throw new InvalidOperationException(
                "The token cache's storage component in '" + directory + "' does not match this FacebookToken.dll ("
                + FactoryTypeName + " is not an " + nameof(IOsStoreFactory) + " of this assembly). Reinstall the FacebookToken module.");
    }
}
