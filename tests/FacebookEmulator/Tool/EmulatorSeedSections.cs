using System.Text.Json;

namespace FacebookEmulator;

/// <summary>
/// The --apps file's sections besides "apps": what the emulator does with each. A section whose applier is null is
/// reserved: the file may hold it empty, and entries in it are refused with a clear message until the emulator has
/// that state.
/// </summary>
/// <remarks>
/// HOOK for issues 13 and 14: when the emulator gains businesses, system users, WhatsApp Business Accounts, phone
/// numbers or message templates, set that section's applier here to a method that adds the section's entries to the
/// state (it runs at start and after every POST /_emulator/reset, on top of the built-in ids of the shared id list).
/// </remarks>
internal static class EmulatorSeedSections
{
    private static readonly Dictionary<string, Action<EmulatorState, JsonElement>?> s_appliers = new(StringComparer.Ordinal)
    {
        ["businesses"] = null, // issue 13
        ["systemUsers"] = null, // issue 13
        ["whatsAppAccounts"] = null, // issue 13
        ["phoneNumbers"] = null, // issue 13
        ["templates"] = null, // issue 14
    };

    /// <summary>The section names an --apps file may hold besides "apps" (and "$schema").</summary>
    public static IReadOnlyCollection<string> Names => s_appliers.Keys;

    /// <summary>True when the section's entries can be applied now.</summary>
    public static bool IsSupported(string name) => s_appliers.TryGetValue(name, out Action<EmulatorState, JsonElement>? applier) && applier is not null;

    public static void Apply(EmulatorState state, string name, JsonElement section)
    {
        if (s_appliers.TryGetValue(name, out Action<EmulatorState, JsonElement>? applier) && applier is not null)
        {
            applier(state, section);
        }
    }
}
