namespace FacebookEmulator;

/// <summary>
/// What the WhatsApp side tells the webhook: after a send, <c>sent</c> then <c>delivered</c> (or one <c>failed</c> with the
/// error Facebook reports later: 131047 outside the 24-hour window, 131026 undeliverable); <c>read</c> when the control API
/// says the customer read it; a customer's inbound message. Signed with the secret of the app whose token sent the
/// message (inbound: the given app, else the first app subscribed to the WABA, else the default app).
/// </summary>
internal static class WhatsAppWebhooks
{
    public static void AfterSend(EmulatorState state, string appId, WhatsAppPhoneNumber phone, WhatsAppSentMessage sent, WebhookError? failure, string pricingCategory)
    {
        string secret = SecretOf(state, appId);
        if (failure is not null)
        {
            Status(state, secret, phone, sent, "failed", failure, null);
            return;
        }

        Status(state, secret, phone, sent, "sent", null, pricingCategory);
        Status(state, secret, phone, sent, "delivered", null, pricingCategory);
    }

    /// <summary>The customer read a delivered message: a read status; false when the message is unknown or failed.</summary>
    public static bool Read(EmulatorState state, string messageId)
    {
        WhatsAppSentMessage? sent = state.WhatsAppMessaging.SentMessages.FirstOrDefault(m => m.Id == messageId);
        if (sent is null || state.WhatsAppMessaging.StatusOf(messageId) == "failed"
            || !state.WhatsApp.TryGetPhoneNumber(sent.PhoneNumberId, out WhatsAppPhoneNumber phone, out _))
        {
            return false;
        }

        Status(state, SecretOf(state, sent.AppId), phone, sent, "read", null, sent.Type == "template" ? "utility" : "service");
        return true;
    }

    /// <summary>A customer writes to the business number: opens the 24-hour window and sends the message webhook.</summary>
    public static string Inbound(EmulatorState state, WhatsAppPhoneNumber phone, string from, string? name, string text, string? appId)
    {
        DateTimeOffset now = state.Now;
        string id = state.WhatsAppMessaging.ReceiveMessage(phone.Id, from, now);
        string? signer = appId ?? state.WhatsAppMessaging.SubscribedAppsOf(phone.AccountId).FirstOrDefault();
        state.Webhooks.Enqueue(WhatsAppWebhookPayloads.InboundText(phone, id, from, name, text, now), SecretOf(state, signer), "message", id, null, now);
        return id;
    }

    private static void Status(EmulatorState state, string secret, WhatsAppPhoneNumber phone, WhatsAppSentMessage sent, string status, WebhookError? error, string? pricingCategory)
    {
        DateTimeOffset now = state.Now;
        state.WhatsAppMessaging.SetStatus(sent.Id, status);
        state.Webhooks.Enqueue(
            WhatsAppWebhookPayloads.Status(phone, sent.Id, sent.WaId, status, now, error, pricingCategory),
            secret,
            "status",
            sent.Id,
            status,
            now);
    }

    private static string SecretOf(EmulatorState state, string? appId) =>
        state.FindApp(appId)?.AppSecret ?? state.Options.AppSecret;
}
