using System;

namespace FacebookToken;

/// <summary>One cached token's outcome of Update-FacebookToken.</summary>
public sealed class FacebookTokenRenewal
{
    public FacebookTokenRenewal(string name, FacebookTokenKind kind, FacebookTokenRenewalAction action, DateTimeOffset? expiresOnBefore, DateTimeOffset? expiresOn, string reason)
    {
        Name = name;
        Kind = kind;
        Action = action;
        ExpiresOnBefore = expiresOnBefore;
        ExpiresOn = expiresOn;
        Reason = reason;
    }

    /// <summary>The cache name.</summary>
    public string Name { get; }

    public FacebookTokenKind Kind { get; }

    public FacebookTokenRenewalAction Action { get; }

    /// <summary>The cached expiry before this run (UTC; null = never or unknown).</summary>
    public DateTimeOffset? ExpiresOnBefore { get; }

    /// <summary>The cached expiry after this run: the new token's when renewed, else the same as before.</summary>
    public DateTimeOffset? ExpiresOn { get; }

    /// <summary>Why, in words: what was done, or what to run (NeedsLogin), or Facebook's error (Failed).</summary>
    public string Reason { get; }

    public override string ToString() => Name + ": " + Action;
}
