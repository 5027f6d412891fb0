namespace FacebookEmulator;

/// <summary>
/// The --apps file's sections besides "apps": businesses, systemUsers, whatsAppAccounts, phoneNumbers, templates.
/// <see cref="EmulatorSeed"/> reads them when the file is loaded and applies them at start and after every
/// POST /_emulator/reset, on top of the built-in ids of the shared id list.
/// </summary>
internal static class EmulatorSeedSections
{
    private static readonly string[] s_names = { "businesses", "systemUsers", "whatsAppAccounts", "phoneNumbers", "templates" };

    /// <summary>The section names an --apps file may hold besides "apps" (and "$schema").</summary>
    public static IReadOnlyCollection<string> Names => s_names;
}
