namespace FacebookEmulator;

/// <summary>The errors Facebook answers, with its messages, codes and subcodes.</summary>
internal static class GraphErrors
{
    public const string CannotParseTokenMessage = "Invalid OAuth access token - Cannot parse access token";

    public static GraphError MissingClientId() =>
        new(400, 101, "Missing client_id parameter.") { WwwAuthenticateError = "invalid_request" };

    public static GraphError InvalidAppId() =>
        new(400, 101, "Error validating application. Invalid application ID.") { WwwAuthenticateError = "invalid_request" };

    public static GraphError BadClientSecret() =>
        new(400, 1, "Error validating client secret.") { WwwAuthenticateError = "invalid_request" };

    public static GraphError UnsupportedGrantType() =>
        new(400, 100, "Unsupported grant_type") { WwwAuthenticateError = "invalid_request" };

    public static GraphError MissingParameter(string name) =>
        new(400, 100, "Missing " + name + " parameter.") { WwwAuthenticateError = "invalid_request" };

    public static GraphError InvalidCodeFormat() =>
        new(400, 100, "Invalid verification code format.") { WwwAuthenticateError = "invalid_code" };

    public static GraphError CodeForOtherApp() =>
        new(400, 100, "Error validating verification code. The code was not issued to this application.")
        {
            WwwAuthenticateError = "invalid_code",
        };

    public static GraphError CodeUsed(string? locale = null) =>
        new(400, 100, LocalizedMessages.CodeUsed(locale)) { Subcode = 36009, WwwAuthenticateError = "invalid_code" };

    public static GraphError CodeExpired(string? locale = null) =>
        new(400, 100, LocalizedMessages.CodeExpired(locale)) { Subcode = 36007, WwwAuthenticateError = "invalid_code" };

    /// <summary>Code 100 without a subcode, in the request's language (hoauth2#19, scribejava#605 quote the English).</summary>
    public static GraphError RedirectUriMismatch(string? locale = null) =>
        new(400, 100, LocalizedMessages.RedirectUriMismatch(locale)) { WwwAuthenticateError = "invalid_code" };

    /// <summary>191 for a redirect_uri that is missing (php-graph-sdk#274), not absolute, or not registered (php-graph-sdk#684).</summary>
    public static GraphError RedirectUriNotAllowed(string? redirectUri, string? locale) =>
        new(400, 191, string.IsNullOrEmpty(redirectUri) ? LocalizedMessages.MissingRedirectUri(locale) : LocalizedMessages.CantLoadUrl(locale))
        {
            WwwAuthenticateError = "invalid_request",
        };

    /// <summary>rapidpro#3734: a user token of someone with no role on the app may not call debug_token.</summary>
    public static GraphError NoRoleOnApp() =>
        new(400, 100, "(#100) You must provide an app access token, or a user access token that is an owner or developer of the app");

    public static GraphError InvalidCodeVerifier() =>
        new(400, 100, "Invalid code verifier.") { WwwAuthenticateError = "invalid_code" };

    public static GraphError CannotParseToken(string? locale = null) =>
        new(400, 190, LocalizedMessages.CannotParseToken(locale)) { WwwAuthenticateError = "invalid_token" };

    public static GraphError TokenOfOtherApp(string appId) =>
        new(400, 190, "Error validating access token: The access token does not belong to application " + appId + ".")
        {
            WwwAuthenticateError = "invalid_token",
        };

    public static GraphError TokenExpired(DateTimeOffset expiredAt, DateTimeOffset now, string? locale = null) =>
        new(400, 190, LocalizedMessages.SessionExpired(FacebookTime.Format(expiredAt), FacebookTime.Format(now), locale)) { Subcode = 463, WwwAuthenticateError = "invalid_token" };

    public static GraphError TokenRevoked(string appId, string? locale = null) =>
        new(400, 190, LocalizedMessages.NotAuthorized(appId, locale)) { Subcode = 458, WwwAuthenticateError = "invalid_token" };

    /// <summary>The 190 error for a known token that is no longer valid, or null when it is valid.</summary>
    public static GraphError? ForInvalidToken(EmulatorToken token, DateTimeOffset now, string? locale = null)
    {
        if (token.IsRevoked)
        {
            return token.InvalidSubcode is { } subcode && subcode != 458
                ? SessionErrors.For(subcode, token, now)
                : TokenRevoked(token.AppId, locale);
        }

        if (token.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            return TokenExpired(expiresAt, now, locale);
        }

        return null;
    }

    public static string ExpiredMessage(DateTimeOffset expiredAt, DateTimeOffset now) =>
        LocalizedMessages.SessionExpired(FacebookTime.Format(expiredAt), FacebookTime.Format(now), null);

    public static string RevokedMessage(string appId) => LocalizedMessages.NotAuthorized(appId, null);

    /// <summary>Graph object reads answer an invalid token (190) with HTTP 401, the token endpoint with 400.</summary>
    public static GraphError OnGraphRead(GraphError error) =>
        error.Code == 190 ? error with { HttpStatus = 401 } : error;

    /// <summary>Permission errors (10, 200-299) come with HTTP 403.</summary>
    public static GraphError PermissionDenied(int code) => code switch
    {
        10 => new(403, 10, "(#10) Application does not have permission for this action"),
        _ => new(403, code is >= 200 and <= 299 ? code : 200, "(#" + (code is >= 200 and <= 299 ? code : 200) + ") Permissions error"),
    };

    /// <summary>Code 1 as Facebook sends it from a failing backend: HTTP 500, flagged transient.</summary>
    public static GraphError UnknownError500() =>
        new(500, 1, "An unknown error has occurred.") { IsTransient = true };

    public static GraphError AccessTokenRequired() =>
        new(400, 104, "An access token is required to request this resource.") { WwwAuthenticateError = "invalid_request" };

    public static GraphError ActiveTokenRequired() =>
        new(400, 2500, "An active access token must be used to query information about the current user.")
        {
            WwwAuthenticateError = "invalid_request",
        };

    public static GraphError InputTokenRequired() =>
        new(400, 100, "(#100) The parameter input_token is required");

    public static GraphError AppIdMismatch() =>
        new(400, 100, "(#100) The App_id in the input_token did not match the Viewing App");

    public static GraphError InvalidAppSecretProof() =>
        new(400, 100, "Invalid appsecret_proof provided in the API argument") { Type = "GraphMethodException", WwwAuthenticateError = "invalid_request" };

    public static GraphError AppSecretProofRequired() =>
        new(400, 100, "API calls from the server require an appsecret_proof argument") { Type = "GraphMethodException", WwwAuthenticateError = "invalid_request" };

    public static GraphError UnknownObject(string id) =>
        new(400, 100, "Unsupported get request. Object with ID '" + id + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api")
        {
            // Seen on Facebook: HTTP 400, GraphMethodException, subcode 33 (roughike/flutter_facebook_login#44), with a
            // WWW-Authenticate "invalid_request" header (voiceflow-community/example-integration-whatsapp#5).
            Subcode = 33,
            Type = "GraphMethodException",
            WwwAuthenticateError = "invalid_request",
        };

    public static GraphError NonexistingField(string field, string nodeType) =>
        new(400, 100, "(#100) Tried accessing nonexisting field (" + field + ") on node type (" + nodeType + ")");

    public static GraphError UnknownPath(string path) =>
        new(400, 2500, "Unknown path components: " + path);

    public static GraphError VersionRequired() =>
        new(400, 2500, "An API version is required: the emulator has no fallback version. Use /vNN.N/ at the start of the path.");

    public static GraphError Transient500() =>
        new(500, 2, "An unexpected error has occurred. Please retry your request later.") { IsTransient = true };

    public static GraphError ServiceError1() =>
        new(400, 1, "An unknown error has occurred.") { IsTransient = true };

    /// <summary>
    /// A throttling answer: HTTP 400 as real answers show for 4 as for the others (facebook-oauth.md section 8: 400 or 403,
    /// not the 429 a REST API would send); WhatsApp's 130429 and 131056 carry error_data as every Cloud API error does.
    /// </summary>
    public static GraphError Throttle(int code, int? retryAfterSeconds) =>
        new(400, code, ThrottleMessage(code))
        {
            IsTransient = code is 130429 or 131056 ? null : true,
            RetryAfterSeconds = retryAfterSeconds,
            Details = code switch
            {
                // Meta's error-codes table: 130429 "Cloud API message throughput has been reached."
                130429 => "Cloud API message throughput has been reached.",
                // As a real 131056 answer quoted by YCloud's "Receiving Errors" page shows it.
                131056 => "Message failed to send because there were too many messages sent from this phone number to the same phone number in a short period of time.",
                _ => null,
            },
        };

    private static string ThrottleMessage(int code) => code switch
    {
        4 => "(#4) Application request limit reached",
        17 => "(#17) User request limit reached",
        32 => "(#32) Page request limit reached",
        341 => "(#341) Application limit reached",
        613 => "(#613) Calls to this api have exceeded the rate limit.",
        80004 => "(#80004) There have been too many calls to this WhatsApp Business account. Wait a bit and try again.",
        130429 => "(#130429) Rate limit hit",
        131056 => "(#131056) (Business Account, Consumer Account) pair rate limit hit",
        _ => "(#" + code + ") Request limit reached",
    };
}
