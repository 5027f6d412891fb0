namespace FacebookEmulator;

/// <summary>
/// The webhooks list of GET /_emulator/log and GET /_emulator/whatsapp/webhooks, oldest first: { sequence, url, kind,
/// messageId, status, queuedAt, delivered, finished, attempts: [{ at, statusCode, error }], signature, body }.
/// </summary>
internal static class WebhookLog
{
    public static IReadOnlyList<object> Snapshot(EmulatorState state) =>
        state.Webhooks.Deliveries.Select(d => (object)new Dictionary<string, object?>
        {
            ["sequence"] = d.Sequence,
            ["url"] = d.Url.ToString(),
            ["kind"] = d.Kind,
            ["messageId"] = d.MessageId,
            ["status"] = d.Status,
            ["queuedAt"] = d.QueuedAt.ToUnixTimeSeconds(),
            ["delivered"] = d.Delivered,
            ["finished"] = d.Finished,
            ["attempts"] = d.Attempts.Select(a => new Dictionary<string, object?>
            {
                ["at"] = a.At,
                ["statusCode"] = a.StatusCode,
                ["error"] = a.Error,
            }).ToArray(),
            ["signature"] = d.Signature,
            ["body"] = d.Body,
        }).ToArray();
}
