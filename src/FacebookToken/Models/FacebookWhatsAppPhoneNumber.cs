namespace FacebookToken;

/// <summary>A WhatsApp business phone number of a WhatsApp Business Account (GET /{waba-id}/phone_numbers).</summary>
public sealed class FacebookWhatsAppPhoneNumber
{
    /// <summary>The phone number id: what /{phone-number-id}/messages takes, not the number itself.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The number as people dial it, e.g. <c>+1 555-010-0001</c>.</summary>
    public string? DisplayPhoneNumber { get; set; }

    public string? VerifiedName { get; set; }

    /// <summary>GREEN, YELLOW, RED or UNKNOWN.</summary>
    public string? QualityRating { get; set; }

    public override string ToString() => (DisplayPhoneNumber ?? Id) + (VerifiedName is null ? string.Empty : " (" + VerifiedName + ")");
}
