using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace FacebookEmulator;

/// <summary>GET or POST /{ver}/oauth/access_token: code exchange, fb_exchange_token, client_credentials.</summary>
internal static class TokenEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        EmulatorState state = context.GetState();
        IReadOnlyDictionary<string, string> parameters = await GraphParameters.ReadAsync(context);
        if (await AuthenticateClientAsync(context, state, parameters) is not { } app)
        {
            return;
        }

        GraphError? error = parameters.Get("grant_type") switch
        {
            null or "authorization_code" => await ExchangeCodeAsync(context, state, app, parameters),
            "fb_exchange_token" => await ExchangeTokenAsync(context, state, app, parameters),
            "client_credentials" => await IssueAppTokenAsync(context, state, app),
            _ => GraphErrors.UnsupportedGrantType(),
        };
        if (error is not null)
        {
            await GraphResponses.WriteErrorAsync(context, error);
        }
    }

    private static async Task<GraphError?> ExchangeCodeAsync(
        HttpContext context,
        EmulatorState state,
        EmulatorApp app,
        IReadOnlyDictionary<string, string> parameters)
    {
        string? code = parameters.Get("code");
        if (code is null)
        {
            return GraphErrors.InvalidCodeFormat();
        }

        string? redirectUri = parameters.Get("redirect_uri");

        // An Embedded Signup (JavaScript SDK) code is exchanged with no redirect_uri; with one it fails below as a
        // mismatch (100), as a JS SDK code does on Facebook (amachang/facebook-node-sdk#6).
        bool embeddedSignup = redirectUri is null && state.IsEmbeddedSignupCode(code);
        if (!embeddedSignup && (string.IsNullOrEmpty(redirectUri) || !Uri.TryCreate(redirectUri, UriKind.Absolute, out _) || !app.AllowsRedirectUri(redirectUri)))
        {
            return GraphErrors.RedirectUriNotAllowed(redirectUri, parameters.Get("locale"));
        }

        // The client passed validation, so the code is consumed now: like Facebook, a later failure of
        // this same attempt (redirect_uri mismatch, bad code_verifier) still leaves the code spent, and
        // a retry gets 36009 "This authorization code has been used.".
        switch (state.RedeemCode(code, app.AppId, out AuthorizationCode? redeemed))
        {
            case CodeRedemption.Unknown:
                return GraphErrors.InvalidCodeFormat();
            case CodeRedemption.OtherApp:
                return GraphErrors.CodeForOtherApp();
            case CodeRedemption.AlreadyUsed:
                return GraphErrors.CodeUsed(parameters.Get("locale"));
            case CodeRedemption.Expired:
                return GraphErrors.CodeExpired(parameters.Get("locale"));
        }

        AuthorizationCode entry = redeemed!;
        if (!string.Equals(parameters.Get("redirect_uri") ?? string.Empty, entry.RedirectUri, StringComparison.Ordinal))
        {
            return GraphErrors.RedirectUriMismatch(parameters.Get("locale"));
        }

        if (entry.CodeChallenge is not null
            && !VerifierMatches(parameters.Get("code_verifier"), entry.CodeChallenge, entry.CodeChallengeMethod))
        {
            return GraphErrors.InvalidCodeVerifier();
        }

        if (context.Items.ContainsKey(FaultMiddleware.TransientAfterRedeemKey))
        {
            // The code is spent, yet the answer says "try again": the retry will be told the code was used.
            return GraphErrors.Transient500();
        }

        if (entry.IsEmbeddedSignup)
        {
            // Meta's Embedded Signup onboarding: {"access_token","token_type"} and no expires_in when the token never
            // expires; a configuration with expiring (60-day) business tokens answers with expires_in.
            EmulatorToken business = state.IssueBusinessIntegrationToken(entry);
            long? expiresIn = business.ExpiresAt is { } at ? (long)(at - state.Now).TotalSeconds : null;
            await WriteTokenAsync(context, state, business.Value, expiresIn);
            return null;
        }

        DateTimeOffset now = state.Now;

        // passport-facebook#98: a server-side code exchange has answered about 60 days.
        bool longLived = state.Settings.CodeExchangeGivesLongLived;
        TimeSpan lifetime = longLived ? state.Options.LongLivedLifetime + TimeSpan.FromSeconds(1) : state.Options.ShortLivedLifetime;
        EmulatorToken token = state.IssueToken(app.AppId, longLived ? TokenKind.LongLivedUser : TokenKind.ShortLivedUser, now, now + lifetime, entry.Scopes, entry.UserId);
        await WriteTokenAsync(context, state, token.Value, (long)lifetime.TotalSeconds - 1);
        return null;
    }

    private static async Task<GraphError?> ExchangeTokenAsync(
        HttpContext context,
        EmulatorState state,
        EmulatorApp app,
        IReadOnlyDictionary<string, string> parameters)
    {
        string? value = parameters.Get("fb_exchange_token");
        if (value is null)
        {
            return GraphErrors.MissingParameter("fb_exchange_token");
        }

        EmulatorToken? source = state.FindToken(value);
        if (source is { Kind: TokenKind.SystemUser } && source.AppId == app.AppId && GraphErrors.ForInvalidToken(source, state.Now, parameters.Get("locale")) is null)
        {
            return await SystemUserEndpoints.RefreshAsync(context, state, source, parameters);
        }

        if (source is null || !(source.IsUserToken || source.Kind == TokenKind.SystemUser))
        {
            return GraphErrors.CannotParseToken(parameters.Get("locale"));
        }

        if (source.AppId != app.AppId)
        {
            return GraphErrors.TokenOfOtherApp(app.AppId);
        }

        DateTimeOffset now = state.Now;
        if (GraphErrors.ForInvalidToken(source, now, parameters.Get("locale")) is { } invalid)
        {
            return invalid;
        }

        EmulatorToken issued;
        long? expiresIn;
        if (source.Kind == TokenKind.LongLivedUser)
        {
            // Re-exchanging a long-lived token does not reset its 60 days: the new token keeps the old expiry.
            issued = state.IssueToken(app.AppId, TokenKind.LongLivedUser, now, source.ExpiresAt, source.Scopes, source.UserId);
            expiresIn = source.ExpiresAt is { } expiresAt ? (long)(expiresAt - now).TotalSeconds : null;
        }
        else
        {
            TimeSpan lifetime = state.Options.LongLivedLifetime;
            issued = state.IssueToken(app.AppId, TokenKind.LongLivedUser, now, now + lifetime, source.Scopes, source.UserId);
            expiresIn = (long)lifetime.TotalSeconds;
        }

        await WriteTokenAsync(context, state, issued.Value, expiresIn);
        return null;
    }

    private static async Task<GraphError?> IssueAppTokenAsync(HttpContext context, EmulatorState state, EmulatorApp app)
    {
        EmulatorToken token = state.IssueToken(app.AppId, TokenKind.App, state.Now, null, null, null);
        await WriteTokenAsync(context, state, token.Value, null);
        return null;
    }

    private static Task WriteTokenAsync(HttpContext context, EmulatorState state, string accessToken, long? expiresIn)
    {
        var body = new JsonObject
        {
            ["access_token"] = accessToken,
            ["token_type"] = state.Settings.TokenTypeCasing,
        };
        if (expiresIn is { } seconds && !state.Settings.OmitExpiresIn)
        {
            body["expires_in"] = Math.Max(0, seconds);
        }

        return GraphResponses.WriteJsonAsync(context, body);
    }

    /// <summary>
    /// The app named by client_id whose client_secret matches, as oauth/access_token and oauth/revoke check them; null
    /// after writing Facebook's error (missing client_id, unknown app, wrong secret).
    /// </summary>
    internal static async Task<EmulatorApp?> AuthenticateClientAsync(HttpContext context, EmulatorState state, IReadOnlyDictionary<string, string> parameters)
    {
        string? clientId = parameters.Get("client_id");
        GraphError? error = null;
        EmulatorApp? app = clientId is null ? null : state.FindApp(clientId);
        if (clientId is null)
        {
            error = GraphErrors.MissingClientId();
        }
        else if (app is null)
        {
            error = GraphErrors.InvalidAppId();
        }
        else if (!SecretMatches(parameters.Get("client_secret"), app.AppSecret))
        {
            error = GraphErrors.BadClientSecret();
        }

        if (error is null)
        {
            return app;
        }

        await GraphResponses.WriteErrorAsync(context, error);
        return null;
    }

    private static bool SecretMatches(string? given, string expected) =>
        given is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static bool VerifierMatches(string? verifier, string challenge, string? method)
    {
        // RFC 7636: 43-128 characters of A-Z a-z 0-9 - . _ ~
        if (verifier is null
            || verifier.Length is < 43 or > 128
            || !verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
        {
            return false;
        }

        string expected = method == "plain"
            ? verifier
            : Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(challenge));
    }
}
