using System.Globalization;

namespace FacebookToken;

/// <summary>Maps Facebook's code and subcode to an error kind and a sentence saying what to do.</summary>
internal static class FacebookErrorClassifier
{
    /// <summary>The kind for a Facebook error; see <see cref="GraphErrorTable"/>. The message plays no part: Facebook localises it.</summary>
    public static FacebookErrorKind Classify(int? code, int? subcode, GraphEndpoint endpoint = GraphEndpoint.Other, bool isTransientFlag = false, int httpStatus = 400, bool sentCodeVerifier = false) =>
        GraphErrorTable.Classify(code, subcode, endpoint, isTransientFlag, httpStatus, sentCodeVerifier);

    public static string Advice(FacebookErrorKind kind) => kind switch
    {
        FacebookErrorKind.CodeAlreadyUsed => "A code works once. Start a new login (Get-FacebookAuthUrl) to get a new code.",
        FacebookErrorKind.CodeExpired => "Codes live about 10 minutes. Start a new login and exchange the code at once.",
        FacebookErrorKind.RedirectUriMismatch => "Facebook did not accept the code with this redirect_uri. Pass the exchange the exact RedirectUri string the login URL used (pipe the Get-FacebookAuthUrl object through) and the whole code. Trailing slashes and query strings count. A code from Embedded Signup or the JavaScript SDK (FB.login) is exchanged with no -RedirectUri at all. The code is now used: start a new login.",
        FacebookErrorKind.InvalidCodeVerifier => "Facebook did not accept the code with this code_verifier and redirect_uri. The code was requested with PKCE: pipe the same FacebookAuthRequest (it carries CodeVerifier and RedirectUri) into the exchange. Start a new login.",
        FacebookErrorKind.InvalidAppId => "Check -AppId (App Dashboard > App settings > Basic > App ID).",
        FacebookErrorKind.InvalidAppSecret => "Facebook answered code 1 at the token endpoint, which is how it reports a wrong client_secret. Check the app secret (App Dashboard > App settings > Basic > App secret); it may have been reset.",
        FacebookErrorKind.TokenExpired => "Expired tokens cannot be exchanged or renewed. Sign in again (Invoke-FacebookLogin) for a new token.",
        FacebookErrorKind.TokenRevoked => "The user removed the app, changed the password or logged out. Sign in again for a new token.",
        FacebookErrorKind.InvalidToken => "The token is not one Facebook recognises for this app. Check it was copied whole, or sign in again.",
        FacebookErrorKind.RedirectUriNotAllowed => "Add the exact redirect URI to the app's Valid OAuth Redirect URIs (Facebook Login > Settings).",
        FacebookErrorKind.RateLimited => "The app, user or business hit a rate limit. Wait (minutes, see X-App-Usage and X-Business-Use-Case-Usage) and try again.",
        FacebookErrorKind.ServiceError => "Facebook had a temporary problem. Try again in a little while.",
        FacebookErrorKind.PermissionDenied => "The token lacks a permission. Sign in again with the permission in -Scope (use -AuthType rerequest if it was declined).",
        FacebookErrorKind.TemporarilyBlocked => "The account is temporarily blocked from this action. Wait before trying again.",
        FacebookErrorKind.InvalidParameter => "Check the parameters named in Facebook's message.",
        _ => "See Facebook's message, code and fbtrace_id.",
    };

    public static string Describe(string endpoint, string? facebookMessage, int? code, int? subcode, string? fbTraceId, FacebookErrorKind kind, string? advice = null) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "Facebook refused {0}: {1} (code {2}{3}{4}). {5}",
            endpoint,
            string.IsNullOrEmpty(facebookMessage) ? "(no message)" : facebookMessage!.TrimEnd('.') + ".",
            code?.ToString(CultureInfo.InvariantCulture) ?? "none",
            subcode.HasValue ? ", subcode " + subcode.Value.ToString(CultureInfo.InvariantCulture) : string.Empty,
            string.IsNullOrEmpty(fbTraceId) ? string.Empty : ", fbtrace_id " + fbTraceId,
            advice ?? Advice(kind));
}
