namespace FacebookEmulator;

/// <summary>
/// HOOK for issue 14: the messages list of GET /_emulator/log. Return one entry per message the emulator accepted
/// (POST /{phone-number-id}/messages), oldest first, e.g. { id, phoneNumberId, to, type, template: { name, language },
/// timestamp, status }. Until the emulator has a messages endpoint the list is empty.
/// </summary>
internal static class EmulatorLogMessages
{
    public static IReadOnlyList<object> Snapshot(EmulatorState state)
    {
        _ = state;
        return Array.Empty<object>();
    }
}
