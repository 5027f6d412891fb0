namespace FacebookToken;

/// <summary>Which kind of Graph call an error answered: the same code means different things at different endpoints.</summary>
internal enum GraphEndpoint
{
    Other = 0,

    /// <summary><c>oauth/access_token</c> redeeming an authorization code.</summary>
    CodeExchange,

    /// <summary><c>oauth/access_token</c> with a grant that carries the app secret but no code (fb_exchange_token, client_credentials).</summary>
    TokenGrant,

    /// <summary><c>debug_token</c>.</summary>
    DebugToken,
}
