namespace FacebookEmulator;

/// <summary>
/// The messages list of GET /_emulator/log: one entry per message the emulator accepted (POST
/// /{phone-number-id}/messages), oldest first: { id, phoneNumberId, to, type, template: { name, language }, timestamp,
/// status } (status: the last one its webhooks reported, else accepted). A text message's body is not shown, only its length.
/// </summary>
internal static class EmulatorLogMessages
{
    public static IReadOnlyList<object> Snapshot(EmulatorState state) =>
        state.WhatsAppMessaging.SentMessages.Select(m => (object)new Dictionary<string, object?>
        {
            ["id"] = m.Id,
            ["phoneNumberId"] = m.PhoneNumberId,
            ["to"] = m.To,
            ["type"] = m.Type,
            ["template"] = m.Type == "template" && m.Content.IndexOf('/') is int slash and > 0
                ? new Dictionary<string, string> { ["name"] = m.Content[..slash], ["language"] = m.Content[(slash + 1)..] }
                : null,
            ["textLength"] = m.Type == "text" ? m.Content.Length : null,
            ["timestamp"] = m.Timestamp.ToUnixTimeSeconds(),
            ["status"] = state.WhatsAppMessaging.StatusOf(m.Id),
        }).ToArray();
}
