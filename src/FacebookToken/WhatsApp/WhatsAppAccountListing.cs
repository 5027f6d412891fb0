using System.Collections.Generic;

namespace FacebookToken;

/// <summary>The WhatsApp Business Accounts a token reaches, and the ids that could not be read (each with Facebook's error).</summary>
internal sealed class WhatsAppAccountListing
{
    public List<FacebookWhatsAppAccount> Accounts { get; } = new();

    /// <summary>A WABA or business id and why it could not be read (code 100/33, a permission error).</summary>
    public List<KeyValuePair<string, FacebookApiException>> Failures { get; } = new();
}
