namespace FacebookEmulator.Control;

/// <summary>Body of POST /_emulator/whatsapp/accounts: a WABA (added or replaced) with its phone numbers.</summary>
public sealed class WhatsAppAccountRequest
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    /// <summary>Default: business 1980000000000001.</summary>
    public string? OwnerBusinessId { get; set; }

    public List<string>? ClientBusinessIds { get; set; }

    public List<WhatsAppPhoneNumberRequest>? PhoneNumbers { get; set; }
}
