using System;

namespace FacebookToken;

/// <summary>A message a customer sent to the business number, from the <c>messages</c> webhook's <c>messages[]</c> (it opens the 24-hour window).</summary>
public sealed class FacebookWhatsAppMessage
{
    /// <summary>The message's wamid (mark it read with it).</summary>
    public string? MessageId { get; set; }

    /// <summary>The customer's WhatsApp id (their number's digits).</summary>
    public string? From { get; set; }

    /// <summary>The customer's profile name (contacts[].profile.name).</summary>
    public string? ContactName { get; set; }

    /// <summary>When it was sent (Facebook sends Unix seconds), UTC.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>text, image, audio, document, location, button, interactive, reaction, ...</summary>
    public string? Type { get; set; }

    /// <summary>The text of a text message (text.body); for button and interactive replies the title the customer chose; else null.</summary>
    public string? Text { get; set; }

    /// <summary>The business phone number id it was sent to (metadata.phone_number_id).</summary>
    public string? PhoneNumberId { get; set; }

    /// <summary>The WhatsApp Business Account id (entry[].id).</summary>
    public string? WhatsAppBusinessAccountId { get; set; }

    public override string ToString() => From + ": " + (Text ?? "(" + Type + ")");
}
