using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace FacebookToken.Emulator;

/// <summary>The dotnet host to run a FacebookEmulator.dll or `dotnet tool run` with.</summary>
internal static class DotnetHost
{
    /// <summary>DOTNET_HOST_PATH (set by the .NET CLI for its children), else this process when it is dotnet (`dotnet pwsh`), else "dotnet" from PATH.</summary>
    public static string Path()
    {
        string? fromCli = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromCli) && File.Exists(fromCli))
        {
            return fromCli!;
        }

        string? self = CurrentProcessPath();
        if (self != null && string.Equals(System.IO.Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        return RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
    }

    private static string? CurrentProcessPath()
    {
#if NET
        return Environment.ProcessPath;
#else
        using Process current = Process.GetCurrentProcess();
        return current.MainModule?.FileName;
#endif
    }
}
