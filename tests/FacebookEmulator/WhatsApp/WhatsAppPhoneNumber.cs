namespace FacebookEmulator;

/// <summary>A WhatsApp business phone number of one WABA (GET /{waba-id}/phone_numbers).</summary>
public sealed record WhatsAppPhoneNumber(
    string Id,
    string AccountId,
    string DisplayPhoneNumber,
    string VerifiedName,
    string QualityRating);
