using System;

namespace FacebookToken;

/// <summary>What Facebook's debug_token says about a token.</summary>
public sealed class FacebookTokenInfo
{
    public bool IsValid { get; set; }

    /// <summary>USER, PAGE, APP or SYSTEM_USER as Facebook names it.</summary>
    public string? Type { get; set; }

    public string? AppId { get; set; }

    public string? Application { get; set; }

    public string? UserId { get; set; }

    public string[] Scopes { get; set; } = new string[0];

    public FacebookGranularScope[] GranularScopes { get; set; } = new FacebookGranularScope[0];

    /// <summary>Null when the token never expires (expires_at 0).</summary>
    public DateTimeOffset? ExpiresOn { get; set; }

    public DateTimeOffset? DataAccessExpiresOn { get; set; }

    /// <summary>Present only for long-lived tokens.</summary>
    public DateTimeOffset? IssuedOn { get; set; }

    public FacebookTokenError? Error { get; set; }

    /// <summary>The mask of the inspected token, so a list of results can be told apart.</summary>
    public string? MaskedToken { get; set; }

    public override string ToString() => (IsValid ? "valid " : "invalid ") + (Type ?? "token") + " " + MaskedToken;
}
