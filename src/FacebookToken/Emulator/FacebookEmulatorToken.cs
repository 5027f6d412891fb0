using System;
using System.Collections.Generic;
using FacebookToken.Json;

namespace FacebookToken.Emulator;

/// <summary>A token the emulator minted, masked: enough to tell tokens apart, never enough to use one.</summary>
public sealed class FacebookEmulatorToken
{
    private FacebookEmulatorToken()
    {
    }

    /// <summary>The token's first four and last three characters, e.g. EAAG…x9Q.</summary>
    public string MaskedToken { get; private set; } = string.Empty;

    /// <summary>ShortLivedUser, LongLivedUser, App, Page (and later kinds such as SystemUser).</summary>
    public string Kind { get; private set; } = string.Empty;

    public string? AppId { get; private set; }

    public string? UserId { get; private set; }

    public IReadOnlyList<string> Scopes { get; private set; } = Array.Empty<string>();

    public DateTimeOffset? IssuedAt { get; private set; }

    /// <summary>Null: never expires.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public bool IsRevoked { get; private set; }

    internal static FacebookEmulatorToken From(JsonObject json) => new()
    {
        MaskedToken = json.GetString("token") ?? string.Empty,
        Kind = json.GetString("kind") ?? string.Empty,
        AppId = json.GetString("appId"),
        UserId = json.GetString("userId"),
        Scopes = json.GetStringArray("scopes"),
        IssuedAt = FacebookEmulatorLog.Time(json, "issuedAt"),
        ExpiresAt = FacebookEmulatorLog.Time(json, "expiresAt"),
        IsRevoked = json.GetBoolean("revoked") ?? false,
    };
}
