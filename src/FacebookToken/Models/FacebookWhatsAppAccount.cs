namespace FacebookToken;

/// <summary>A WhatsApp Business Account (WABA) a token reaches, with its phone numbers.</summary>
public sealed class FacebookWhatsAppAccount
{
    public string Id { get; set; } = string.Empty;

    public string? Name { get; set; }

    public FacebookWhatsAppPhoneNumber[] PhoneNumbers { get; set; } = new FacebookWhatsAppPhoneNumber[0];

    /// <summary>Where the module found it: GranularScopes, OwnedByBusiness or ClientOfBusiness (the first that listed it).</summary>
    public string? Source { get; set; }

    public override string ToString() => (Name ?? Id) + " (" + Id + ")";
}
