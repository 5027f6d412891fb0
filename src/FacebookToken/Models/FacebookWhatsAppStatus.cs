using System;
using System.Collections.Generic;

namespace FacebookToken;

/// <summary>
/// What happened to a message the business sent, from the <c>messages</c> webhook's <c>statuses[]</c>: sent, delivered,
/// read or failed (with <see cref="Errors"/>; a send Facebook answered with a wamid can still fail here, e.g. 131047
/// outside the 24-hour window or 131026 undeliverable).
/// </summary>
public sealed class FacebookWhatsAppStatus
{
    /// <summary>The wamid the send answered.</summary>
    public string? MessageId { get; set; }

    /// <summary>sent, delivered, read or failed (Facebook's text, lower case).</summary>
    public string? Status { get; set; }

    /// <summary>The customer's WhatsApp id (their number's digits).</summary>
    public string? RecipientId { get; set; }

    /// <summary>When it happened (Facebook sends Unix seconds), UTC.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The business phone number id that sent the message (metadata.phone_number_id).</summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>The business number as digits (metadata.display_phone_number).</summary>
    public string? DisplayPhoneNumber { get; set; }

    /// <summary>The WhatsApp Business Account id (entry[].id).</summary>
    public string? WhatsAppBusinessAccountId { get; set; }

    /// <summary>Why a failed message failed; empty otherwise.</summary>
    public IReadOnlyList<FacebookWhatsAppError> Errors { get; set; } = Array.Empty<FacebookWhatsAppError>();

    /// <summary>pricing.category (marketing, utility, authentication, service) when Facebook sent it.</summary>
    public string? PricingCategory { get; set; }

    public override string ToString() => (Status ?? "?") + " " + MessageId;
}
