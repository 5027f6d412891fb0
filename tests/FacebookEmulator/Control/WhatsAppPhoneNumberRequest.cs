namespace FacebookEmulator.Control;

/// <summary>One phone number in a <see cref="WhatsAppAccountRequest"/>.</summary>
public sealed class WhatsAppPhoneNumberRequest
{
    public string? Id { get; set; }

    public string? DisplayPhoneNumber { get; set; }

    public string? VerifiedName { get; set; }

    /// <summary>GREEN (default), YELLOW, RED or UNKNOWN.</summary>
    public string? QualityRating { get; set; }
}
