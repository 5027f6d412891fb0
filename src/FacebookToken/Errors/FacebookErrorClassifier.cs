using System;
using System.Globalization;

namespace FacebookToken;

/// <summary>Maps Facebook's code and subcode to an error kind and a sentence saying what to do.</summary>
internal static class FacebookErrorClassifier
{
    public static FacebookErrorKind Classify(int? code, int? subcode, string? message)
    {
        switch (code)
        {
            case 100:
                switch (subcode)
                {
                    case 36009: return FacebookErrorKind.CodeAlreadyUsed;
                    case 36007: return FacebookErrorKind.CodeExpired;
                    case 36008: return FacebookErrorKind.RedirectUriMismatch;
                }

                if (message != null && message.IndexOf("code verifier", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return FacebookErrorKind.InvalidCodeVerifier;
                }

                if (message != null && message.IndexOf("redirect_uri", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return FacebookErrorKind.RedirectUriMismatch;
                }

                return FacebookErrorKind.InvalidParameter;
            case 101:
                return FacebookErrorKind.InvalidAppId;
            case 1 when IsSecretValidation(message):
                return FacebookErrorKind.InvalidAppSecret;
            case 1:
            case 2:
                return FacebookErrorKind.ServiceError;
            case 102:
            case 190:
                switch (subcode)
                {
                    case 463: return FacebookErrorKind.TokenExpired;
                    case 458:
                    case 460:
                    case 467: return FacebookErrorKind.TokenRevoked;
                }

                return FacebookErrorKind.InvalidToken;
            case 191:
                return FacebookErrorKind.RedirectUriNotAllowed;
            case 4:
            case 17:
            case 32:
            case 341:
            case 613:
                return FacebookErrorKind.RateLimited;
            case 10:
                return FacebookErrorKind.PermissionDenied;
            case 368:
                return FacebookErrorKind.TemporarilyBlocked;
            case int c when c >= 200 && c <= 299:
                return FacebookErrorKind.PermissionDenied;
            default:
                return FacebookErrorKind.FacebookApiError;
        }
    }

    /// <summary>Facebook reports a wrong app secret as code 1, the same code as "unknown error".</summary>
    public static bool IsSecretValidation(string? message) =>
        message != null && message.IndexOf("client secret", StringComparison.OrdinalIgnoreCase) >= 0;

    public static string Advice(FacebookErrorKind kind) => kind switch
    {
        FacebookErrorKind.CodeAlreadyUsed => "A code works once. Start a new login (Get-FacebookAuthUrl) to get a new code.",
        FacebookErrorKind.CodeExpired => "Codes live about 10 minutes. Start a new login and exchange the code at once.",
        FacebookErrorKind.RedirectUriMismatch => "Pass the exchange the exact RedirectUri string the login URL used (pipe the Get-FacebookAuthUrl object through). Trailing slashes and query strings count. The code is now used: start a new login.",
        FacebookErrorKind.InvalidCodeVerifier => "The code was requested with PKCE: pipe the same FacebookAuthRequest (it carries CodeVerifier) into the exchange. Start a new login.",
        FacebookErrorKind.InvalidAppId => "Check -AppId (App Dashboard > App settings > Basic > App ID).",
        FacebookErrorKind.InvalidAppSecret => "Check the app secret (App Dashboard > App settings > Basic > App secret); it may have been reset.",
        FacebookErrorKind.TokenExpired => "Expired tokens cannot be exchanged or renewed. Sign in again (Invoke-FacebookLogin) for a new token.",
        FacebookErrorKind.TokenRevoked => "The user removed the app, changed the password or logged out. Sign in again for a new token.",
        FacebookErrorKind.InvalidToken => "The token is not one Facebook recognises for this app. Check it was copied whole, or sign in again.",
        FacebookErrorKind.RedirectUriNotAllowed => "Add the exact redirect URI to the app's Valid OAuth Redirect URIs (Facebook Login > Settings).",
        FacebookErrorKind.RateLimited => "The app or user hit a rate limit. Wait (minutes, see X-App-Usage) and try again.",
        FacebookErrorKind.ServiceError => "Facebook had a temporary problem. Try again in a little while.",
        FacebookErrorKind.PermissionDenied => "The token lacks a permission. Sign in again with the permission in -Scope (use -AuthType rerequest if it was declined).",
        FacebookErrorKind.TemporarilyBlocked => "The account is temporarily blocked from this action. Wait before trying again.",
        FacebookErrorKind.InvalidParameter => "Check the parameters named in Facebook's message.",
        _ => "See Facebook's message, code and fbtrace_id.",
    };

    public static string Describe(string endpoint, string? facebookMessage, int? code, int? subcode, string? fbTraceId, FacebookErrorKind kind) =>
        string.Format(
            CultureInfo.InvariantCulture,
            "Facebook refused {0}: {1} (code {2}{3}{4}). {5}",
            endpoint,
            string.IsNullOrEmpty(facebookMessage) ? "(no message)" : facebookMessage!.TrimEnd('.') + ".",
            code?.ToString(CultureInfo.InvariantCulture) ?? "none",
            subcode.HasValue ? ", subcode " + subcode.Value.ToString(CultureInfo.InvariantCulture) : string.Empty,
            string.IsNullOrEmpty(fbTraceId) ? string.Empty : ", fbtrace_id " + fbTraceId,
            Advice(kind));
}
