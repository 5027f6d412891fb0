using System;
using System.Collections.Generic;
using FacebookToken.Secrets;

namespace FacebookToken.Workflows;

/// <summary>One token's revocation: what it is, what will be done, and what was.</summary>
internal sealed class TokenRevocation
{
    public TokenRevocation(FacebookAccessToken token, string? appId, CheckedSecret? appSecret)
    {
        Token = token;
        AppId = appId;
        AppSecret = appSecret;
        Target = (token.Name is null ? string.Empty : "'" + token.Name + "' ") + token.MaskedToken;
    }

    public FacebookAccessToken Token { get; }

    public string? AppId { get; }

    public CheckedSecret? AppSecret { get; }

    /// <summary>The name and mask, for messages and the confirmation prompt; never the token.</summary>
    public string Target { get; }

    public FacebookTokenKind Kind { get; set; }

    /// <summary>The confirmation text of the revocation at Facebook.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>Why Facebook already refuses the token (nothing to revoke; scrubbed of the token), or null.</summary>
    public string? AlreadyInvalid { get; private set; }

    public IReadOnlyList<string> RemovedNames { get; set; } = Array.Empty<string>();

    /// <remarks><paramref name="why"/> comes from an answer to a request that carried the token, so it is scrubbed of it already (invariant 11).</remarks>
    internal void SetAlreadyInvalid(string why) => AlreadyInvalid = why;
}
