using System.Collections.Generic;

namespace FacebookToken.Emulator;

/// <summary>How to run the emulator: a program, the arguments that come before the emulator's own, and where.</summary>
internal sealed class EmulatorCommand
{
    public EmulatorCommand(string fileName, IReadOnlyList<string> prefix, string? workingDirectory, string description)
    {
        FileName = fileName;
        Prefix = prefix;
        WorkingDirectory = workingDirectory;
        Description = description;
    }

    public string FileName { get; }

    public IReadOnlyList<string> Prefix { get; }

    public string? WorkingDirectory { get; }

    /// <summary>For messages and the output object: "facebook-emulator on PATH (/usr/local/bin/facebook-emulator)".</summary>
    public string Description { get; }
}
