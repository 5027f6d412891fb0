namespace FacebookEmulator.Control;

/// <summary>
/// Body of the WhatsApp messaging controls: POST /_emulator/whatsapp/templates (accountId, count, prefix, language),
/// /windows (phoneNumberId, to), /registration (phoneNumberId, registered), /inbound (phoneNumberId, from, name, text,
/// appId), /read (messageId), /webhook (url).
/// </summary>
public sealed class WhatsAppMessagingRequest
{
    /// <summary>Default: the emulator's WABA 102290129340398.</summary>
    public string? AccountId { get; set; }

    public int? Count { get; set; }

    /// <summary>Template names are prefix_00001, prefix_00002, ... (default "bulk_template").</summary>
    public string? Prefix { get; set; }

    /// <summary>Default en_US.</summary>
    public string? Language { get; set; }

    /// <summary>Default: the emulator's phone number 106540352242922.</summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>The customer's number whose 24-hour window opens (as if they had written).</summary>
    public string? To { get; set; }

    public bool? Registered { get; set; }

    /// <summary>/inbound: the customer who writes (digits, with country code).</summary>
    public string? From { get; set; }

    /// <summary>/inbound: the customer's profile name (contacts[].profile.name).</summary>
    public string? Name { get; set; }

    /// <summary>/inbound: the text the customer writes.</summary>
    public string? Text { get; set; }

    /// <summary>/inbound: the app whose secret signs the webhook (default: the first app subscribed to the WABA, else the default app).</summary>
    public string? AppId { get; set; }

    /// <summary>/read: the wamid the customer read.</summary>
    public string? MessageId { get; set; }

    /// <summary>/webhook: where webhooks go from now on (null or empty: nowhere).</summary>
    public string? Url { get; set; }
}
