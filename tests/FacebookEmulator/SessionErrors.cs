namespace FacebookEmulator;

/// <summary>
/// The 190 answers for a token Facebook no longer honours, by subcode (Meta's Graph API "Handling Errors" page:
/// 458 app not installed, 459 user checkpointed, 460 password changed, 463 expired, 464 unconfirmed user,
/// 467 invalid access token, 492 invalid session), with the messages Facebook sends for them.
/// </summary>
internal static class SessionErrors
{
    public static readonly int[] Subcodes = { 458, 459, 460, 463, 464, 467, 492 };

    public static bool IsKnown(int subcode) => Array.IndexOf(Subcodes, subcode) >= 0;

    public static GraphError For(int subcode, EmulatorToken token, DateTimeOffset now) => subcode switch
    {
        459 => Error(459, "Error validating access token: You cannot access the app till you log in to www.facebook.com and follow the instructions given."),
        460 => Error(460, "Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons."),
        463 => GraphErrors.TokenExpired(token.ExpiresAt is { } at && at <= now ? at : now, now),
        464 => Error(464, "Error validating access token: Sessions for the user are not allowed because the user is not a confirmed user."),
        467 => Error(467, "Error validating access token: The session is invalid because the user logged out."),
        // The text real answers carry (../shared/facebook-oauth.md section 11), HTTP 400, OAuthException.
        492 => Error(492, "The user must be an administrator, editor, or moderator of the page in order to impersonate it. If the page business requires Two Factor Authentication, the user also needs to enable Two Factor Authentication."),
        _ => GraphErrors.TokenRevoked(token.AppId),
    };

    private static GraphError Error(int subcode, string message) =>
        new(400, 190, message) { Subcode = subcode, WwwAuthenticateError = "invalid_token" };
}
