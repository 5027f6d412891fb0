using System;

namespace FacebookToken;

/// <summary>What <see cref="TokenChecker"/> checks beyond "the token is valid".</summary>
internal sealed class TokenCheckRequest
{
    /// <summary>The token (and its data access) must last at least this long; zero: valid now is enough.</summary>
    public TimeSpan MinimumValidity { get; set; } = TimeSpan.Zero;

    /// <summary>Permissions that must all be granted.</summary>
    public string[] Scopes { get; set; } = new string[0];

    /// <summary>WhatsApp Business Account ids the token must reach.</summary>
    public string[] AccountIds { get; set; } = new string[0];

    /// <summary>WhatsApp phone number ids the token must reach.</summary>
    public string[] PhoneNumberIds { get; set; } = new string[0];
}
