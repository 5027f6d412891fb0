using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using FacebookToken.Json;

namespace FacebookToken.Emulator;

/// <summary>
/// Finds the facebook-emulator tool: -Path (an apphost, a FacebookEmulator.dll, or a folder holding either), else a
/// local tool manifest (dotnet-tools.json) naming it, from the current folder up, else facebook-emulator on PATH, else
/// the global tools folder (~/.dotnet/tools), which PATH does not always include.
/// </summary>
/// <remarks>A project's manifest comes before PATH: a repository that pins the emulator's version gets that version.</remarks>
internal static class EmulatorLocator
{
    public const string CommandName = "facebook-emulator";
    public const string PackageId = "FacebookToken.Emulator";
    public const string AssemblyFileName = "FacebookEmulator.dll";

    private static readonly bool s_isWindows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

    private static string ApphostName => s_isWindows ? CommandName + ".exe" : CommandName;

    /// <summary>Resolves the command, or throws <see cref="FacebookEmulatorException"/> (EmulatorNotInstalled) saying how to install it.</summary>
    public static EmulatorCommand Resolve(string? path, string workingDirectory, string? version)
    {
        if (!string.IsNullOrEmpty(path))
        {
            return FromPath(path!, workingDirectory);
        }

        EmulatorCommand? command = FromManifest(workingDirectory) ?? FromPathVariable() ?? FromGlobalTools();
        if (command != null)
        {
            return command;
        }

        throw new FacebookEmulatorException(
            FacebookErrorKind.EmulatorNotInstalled,
            "The Facebook emulator (" + CommandName + ") is not installed: it is not in a dotnet-tools.json manifest from '" + workingDirectory
            + "' up, not on PATH, and not in " + GlobalToolsFolder() + ". Install it from the folder that holds " + PackageId + "."
            + (version ?? "<version>") + ".nupkg (build.ps1 -Task Package writes it to output/): " + InstallCommand(version)
            + " ; or pass -Path with the tool or FacebookEmulator.dll.");
    }

    /// <summary>The exact install command for the message: a global tool from a local package folder.</summary>
    public static string InstallCommand(string? version) =>
        "dotnet tool install --global " + PackageId + (version is null ? string.Empty : " --version " + version) + " --add-source <folder>";

    private static EmulatorCommand FromPath(string path, string workingDirectory)
    {
        string full = Path.GetFullPath(Path.Combine(workingDirectory, path));
        if (Directory.Exists(full))
        {
            string apphost = Path.Combine(full, ApphostName);
            string dll = Path.Combine(full, AssemblyFileName);
            if (File.Exists(dll))
            {
                return DotnetExec(dll, "FacebookEmulator.dll in '" + full + "' (-Path)");
            }

            if (File.Exists(apphost))
            {
                return new EmulatorCommand(apphost, Array.Empty<string>(), null, CommandName + " in '" + full + "' (-Path)");
            }

            throw NotAt(path, "the folder holds neither " + ApphostName + " nor " + AssemblyFileName);
        }

        if (!File.Exists(full))
        {
            throw NotAt(path, "no such file or folder");
        }

        return full.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? DotnetExec(full, "'" + full + "' (-Path)")
            : new EmulatorCommand(full, Array.Empty<string>(), null, "'" + full + "' (-Path)");
    }

    private static FacebookEmulatorException NotAt(string path, string why) =>
        new(
            FacebookErrorKind.EmulatorNotInstalled,
            "-Path '" + path + "' is not the Facebook emulator: " + why + ". Pass the " + CommandName + " tool, FacebookEmulator.dll, or the folder that holds either (a --tool-path folder, or output/FacebookEmulator of a build).");

    private static EmulatorCommand DotnetExec(string dll, string description) =>
        new(DotnetHost.Path(), new[] { dll }, null, description);

    private static EmulatorCommand? FromManifest(string workingDirectory)
    {
        for (DirectoryInfo? folder = new(workingDirectory); folder != null; folder = folder.Parent)
        {
            foreach (string candidate in new[] { Path.Combine(folder.FullName, ".config", "dotnet-tools.json"), Path.Combine(folder.FullName, "dotnet-tools.json") })
            {
                if (File.Exists(candidate))
                {
                    // dotnet uses the first manifest it finds and goes on up only while that one does not name the tool
                    // (or says isRoot: false); the same here.
                    (bool names, bool isRoot) = ReadManifest(candidate);
                    if (names)
                    {
                        return new EmulatorCommand(
                            DotnetHost.Path(),
                            new[] { "tool", "run", CommandName },
                            folder.FullName,
                            "dotnet tool run " + CommandName + " (" + candidate + ")");
                    }

                    if (isRoot)
                    {
                        return null;
                    }
                }
            }
        }

        return null;
    }

    private static (bool Names, bool IsRoot) ReadManifest(string path)
    {
        try
        {
            if (JsonText.Parse(File.ReadAllText(path)) is not JsonObject manifest)
            {
                return (false, false);
            }

            bool names = manifest.GetObject("tools") is { } tools
                && tools.Any(tool => tool.Value is JsonObject entry && entry.GetStringArray("commands").Contains(CommandName, StringComparer.Ordinal));
            return (names, manifest.GetBoolean("isRoot") ?? false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            // A manifest we cannot read names nothing for us; dotnet itself will say what is wrong with it.
            return (false, false);
        }
    }

    private static EmulatorCommand? FromPathVariable()
    {
        foreach (string folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate;
            try
            {
                candidate = Path.Combine(folder.Trim('"'), ApphostName);
            }
            catch (ArgumentException)
            {
                continue;
            }

            if (File.Exists(candidate))
            {
                return new EmulatorCommand(candidate, Array.Empty<string>(), null, CommandName + " on PATH (" + candidate + ")");
            }
        }

        return null;
    }

    private static EmulatorCommand? FromGlobalTools()
    {
        string candidate = Path.Combine(GlobalToolsFolder(), ApphostName);
        return File.Exists(candidate)
            ? new EmulatorCommand(candidate, Array.Empty<string>(), null, CommandName + " in the global tools folder (" + candidate + ")")
            : null;
    }

    private static string GlobalToolsFolder() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools");
}
