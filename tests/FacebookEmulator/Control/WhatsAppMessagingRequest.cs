namespace FacebookEmulator.Control;

/// <summary>
/// Body of the WhatsApp messaging controls: POST /_emulator/whatsapp/templates (accountId, count, prefix, language),
/// /windows (phoneNumberId, to), /registration (phoneNumberId, registered).
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
}
