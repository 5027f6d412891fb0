using System.Reflection;

namespace FacebookEmulator;

/// <summary>The emulator's version: the module version the build passed as -p:Version.</summary>
internal static class EmulatorVersion
{
    public static string Text { get; } =
        (typeof(EmulatorVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0")
            .Split('+')[0];
}
