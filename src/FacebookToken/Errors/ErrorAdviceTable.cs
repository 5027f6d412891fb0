namespace FacebookToken;

/// <summary>
/// What to do about one Facebook error, when its code and subcode (or the request that drew it) say more than its kind:
/// the 190 subcodes of Meta's "Handling Errors" page, 100/33, and the two refusals of apps with Require App Secret on.
/// Decided from code, subcode, type and the request, never from the message, which Facebook localises.
/// </summary>
internal static class ErrorAdviceTable
{
    public static string? For(int? code, int? subcode, string? errorType, GraphRequest request)
    {
        if (code is 190 or 102 && subcode is int s && ForSession(s) is string session)
        {
            return session;
        }

        if (code == 191 && GraphErrorTable.EndpointOf(request) == GraphEndpoint.CodeExchange && !SentRedirectUri(request))
        {
            return "This code came from a login dialog with a redirect URI, and Facebook wants the same redirect_uri back: pass the exact -RedirectUri the login URL used (pipe the Get-FacebookAuthUrl or Receive-FacebookAuthCode object through). Only codes from Embedded Signup or the JavaScript SDK (FB.login) are exchanged without one.";
        }

        if (code == 100 && subcode == 33)
        {
            return "The object does not exist, or this token cannot reach it. Check the id, then check what the token covers: Test-FacebookToken -WhatsAppBusinessAccountId <id> (or -PhoneNumberId <id>) -Detailed. An Embedded Signup or system-user token reaches only the WhatsApp Business Accounts shared with it (Get-FacebookWhatsAppAccount lists them).";
        }

        // Require App Secret: Facebook answers a missing or wrong appsecret_proof as a GraphMethodException code 100 with
        // no subcode, for calls made with a user, page or system-user token.
        if (code == 100 && subcode is null && request.HasUserBearer && string.Equals(errorType, "GraphMethodException", System.StringComparison.Ordinal))
        {
            return request.HasAppSecretProof ? InvalidProof : ProofRequired;
        }

        // A never-expiring system-user token asked of a business that allows only expiring ones. Meta's page says only
        // that it "results in an error" (no real answer on record); Graph's invalid-parameter shape is code 100 without
        // subcode, so the advice is for that code on a POST /{system-user-id}/access_tokens sent without
        // set_token_expires_in_60_days=true.
        if (code == 100 && subcode is null && IsNeverExpiringSystemUserTokenRequest(request))
        {
            return NeedsExpiringToken;
        }

        return null;
    }

    /// <summary>The business allows only 60-day system-user tokens.</summary>
    public const string NeedsExpiringToken =
        "If Facebook's message says the business allows only expiring system-user tokens (or about set_token_expires_in_60_days), run New-FacebookSystemUserToken again with -ExpiresIn60Days; Update-FacebookToken then refreshes the token before its 60 days end.";

    private static bool IsNeverExpiringSystemUserTokenRequest(GraphRequest request)
    {
        if (request.Method != System.Net.Http.HttpMethod.Post || !request.Path.EndsWith("/access_tokens", System.StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var p in request.Form)
        {
            if (p.Key == "set_token_expires_in_60_days" && p.Value == "true")
            {
                return false;
            }
        }

        return true;
    }

    private static bool SentRedirectUri(GraphRequest request)
    {
        foreach (var p in request.Form)
        {
            if (p.Key == "redirect_uri")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Without app credentials, a call refused because the app has Require App Secret on.</summary>
    public const string ProofRequired =
        "If Facebook's message asks for an appsecret_proof, the app has \"Require App Secret\" on (App Dashboard > App settings > Advanced): pass -Credential (app id as user name, app secret as password) or -AppId with -AppSecret, and every call made with the token carries appsecret_proof. Get-FacebookAppSecretProof makes one for your own calls.";

    /// <summary>A proof was sent and refused: the secret is not the token's app's, or the clock is off.</summary>
    public const string InvalidProof =
        "If Facebook's message says the appsecret_proof is invalid, the app secret given is not the secret of the app the token belongs to (or it was reset), or this computer's clock is more than 5 minutes off: check -Credential/-AppSecret against App Dashboard > App settings > Basic, and the system time.";

    private static string? ForSession(int subcode) => subcode switch
    {
        458 => "The user has not authorised the app (or removed it). Sign in again with Invoke-FacebookLogin; for a system-user token, install the app for the system user (New-FacebookSystemUserToken -InstallApp) and make a new token.",
        459 => "Facebook has put the account behind a security checkpoint. The user must log in at https://www.facebook.com (or m.facebook.com) and clear it, then sign in again with Invoke-FacebookLogin.",
        460 => "The password was changed (or Facebook reset the session for security), which ends every token of the user. Sign in again with Invoke-FacebookLogin for a new token.",
        463 => "The token has expired. A user token needs a new login (Invoke-FacebookLogin); a 60-day system-user token is renewed before it expires with Update-FacebookToken -Name <name>, and one already expired is replaced with New-FacebookSystemUserToken.",
        464 => "The user has not confirmed the account. The user must confirm it at https://www.facebook.com (e-mail or phone), then sign in again with Invoke-FacebookLogin.",
        467 => "The token is no longer valid (the user logged out, or the token was revoked). Sign in again with Invoke-FacebookLogin; for a system-user token make a new one with New-FacebookSystemUserToken.",
        492 => "The user or system user behind the token no longer has a role on the Page or business it acts for. Have an admin restore the role (Business Settings > Users), then get a new token (Invoke-FacebookLogin, or New-FacebookSystemUserToken).",
        _ => null,
    };
}
