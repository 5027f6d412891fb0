using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace FacebookToken.Loader;

/// <summary>
/// On import, before the cmdlet assembly is read, makes the runtime take core (FacebookToken.dll) from the ReadyToRun
/// image made for this process (bin/net8.0/r2r/&lt;os&gt;-&lt;arch&gt;-net&lt;major&gt;/) when the module ships one.
/// </summary>
/// <remarks>
/// Why a folder per OS, architecture and .NET major version: a ReadyToRun image made for another OS does not load at
/// all (BadImageFormatException), and one made by another major version's compiler loads but its native code is
/// ignored (every method is compiled again at run time). With no matching folder, or when core is already loaded,
/// nothing changes: the runtime finds the IL core next to the cmdlet assembly, as before. Only core is resolved here:
/// the cmdlet assembly stays IL (the manifest names one path for every platform; precompiling it gained little).
/// </remarks>
public sealed class ReadyToRunCoreResolver : IModuleAssemblyInitializer
{
    private const string CoreName = "FacebookToken";

    private static readonly object s_gate = new();
    private static bool s_registered;

    /// <summary>The folder name of this process's images, e.g. linux-x64-net10; null on an OS no image is made for.</summary>
    public static string? PlatformFolder
    {
        get
        {
            string os;
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                os = "win";
            }
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                os = "linux";
            }
            else if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
            {
                os = "osx";
            }
            else
            {
                return null;
            }

            return os + "-" + RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant() + "-net" + Environment.Version.Major;
        }
    }

    public void OnImport()
    {
        lock (s_gate)
        {
            // Import-Module -Force imports again; one handler per process is enough.
            if (s_registered)
            {
                return;
            }

            s_registered = true;
        }

        string? folder = PlatformFolder;
        string? binDirectory = Path.GetDirectoryName(typeof(ReadyToRunCoreResolver).Assembly.Location);
        if (folder is null || string.IsNullOrEmpty(binDirectory))
        {
            return;
        }

        string image = Path.Combine(binDirectory, "r2r", folder, CoreName + ".dll");
        if (!File.Exists(image))
        {
            return;
        }

        AssemblyLoadContext.Default.Resolving += (context, name) =>
            string.Equals(name.Name, CoreName, StringComparison.Ordinal) ? context.LoadFromAssemblyPath(image) : null;
    }
}
