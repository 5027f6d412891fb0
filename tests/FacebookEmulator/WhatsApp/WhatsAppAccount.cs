namespace FacebookEmulator;

/// <summary>
/// A WhatsApp Business Account (WABA): owned by one business and shared with client businesses (a Tech Provider's
/// customers' WABAs are the provider's client_whatsapp_business_accounts).
/// </summary>
public sealed record WhatsAppAccount(string Id, string Name, string OwnerBusinessId)
{
    /// <summary>Businesses that see this WABA under client_whatsapp_business_accounts.</summary>
    public IReadOnlyList<string> ClientBusinessIds { get; init; } = Array.Empty<string>();

    public string Currency { get; init; } = "USD";

    public string TimezoneId { get; init; } = "1";

    /// <summary>The namespace of its message templates (a GUID-like text on Facebook).</summary>
    public string MessageTemplateNamespace { get; init; } = string.Empty;
}
