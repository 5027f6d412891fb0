using System.Security;

using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>The code a login redirect delivered, with what the exchange must send alongside it.</summary>
public sealed class FacebookAuthCode
{
    private CheckedSecret? _checkedCode;

    public FacebookAuthCode(SecureString code, string state, string appId, string redirectUri, SecureString? codeVerifier, string[] grantedScopes, string apiVersion)
    {
        Code = code;
        State = state;
        AppId = appId;
        RedirectUri = redirectUri;
        CodeVerifier = codeVerifier;
        GrantedScopes = grantedScopes;
        ApiVersion = apiVersion;
    }

    /// <summary>A code read from a login redirect, checked as it was read.</summary>
    internal FacebookAuthCode(CheckedSecret code, string state, string appId, string redirectUri, SecureString? codeVerifier, string[] grantedScopes, string apiVersion)
        : this(code.Value, state, appId, redirectUri, codeVerifier, grantedScopes, apiVersion)
    {
        _checkedCode = code;
    }

    /// <summary>The single-use authorization code; it lives about 10 minutes.</summary>
    public SecureString Code { get; }

    /// <summary>The code checked once for this object's life (<see cref="CheckedSecret.Code"/>); a redirect's was checked as it was read.</summary>
    internal CheckedSecret CheckedCode() => _checkedCode ??= CheckedSecret.Code(Code);

    /// <summary>The state the redirect echoed, already checked against the request's.</summary>
    public string State { get; }

    public string AppId { get; }

    /// <summary>The redirect URI exactly as the dialog used it.</summary>
    public string RedirectUri { get; }

    public SecureString? CodeVerifier { get; }

    /// <summary>Whether the login used PKCE, so the exchange will send a code_verifier.</summary>
    public bool UsesPkce => CodeVerifier != null;

    /// <summary>From <c>granted_scopes</c> when the dialog was asked for it; otherwise the scopes requested.</summary>
    public string[] GrantedScopes { get; }

    public string ApiVersion { get; }

    public override string ToString() => "code for app " + AppId + " via " + RedirectUri;
}
