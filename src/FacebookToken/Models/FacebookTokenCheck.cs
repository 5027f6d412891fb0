using System;

namespace FacebookToken;

/// <summary>What <c>Test-FacebookToken -Detailed</c> found about one token.</summary>
public sealed class FacebookTokenCheck
{
    /// <summary>The cache name, when the token came from the cache (or from Get-FacebookToken).</summary>
    public string? Name { get; set; }

    /// <summary>Enough of the token to tell two apart, never enough to use it.</summary>
    public string? MaskedToken { get; set; }

    /// <summary>Facebook's is_valid: the token works now.</summary>
    public bool IsValid { get; set; }

    /// <summary>True when the token is valid and no blocking problem was found: what Test-FacebookToken returns without -Detailed.</summary>
    public bool Passed { get; set; }

    /// <summary>USER, SYSTEM_USER, PAGE or APP as debug_token names it; null when it could not be inspected.</summary>
    public string? Type { get; set; }

    /// <summary>Time until the token expires, measured at the check; null when it never expires or is unknown.</summary>
    public TimeSpan? TimeLeft { get; set; }

    /// <summary>Time until access to user data lapses; null when it does not apply or is unknown.</summary>
    public TimeSpan? DataAccessTimeLeft { get; set; }

    /// <summary>Permissions given with -Scope that the token lacks.</summary>
    public string[] MissingScopes { get; set; } = new string[0];

    /// <summary>WhatsApp Business Account and phone number ids the token does not reach.</summary>
    public string[] UncoveredAccounts { get; set; } = new string[0];

    /// <summary>Every finding, each with its fix; notes have IsBlocking false.</summary>
    public FacebookTokenProblem[] Problems { get; set; } = new FacebookTokenProblem[0];

    public override string ToString() => (Name ?? MaskedToken ?? "token") + (Passed ? " passed" : " failed");
}
