using System.Security;

namespace FacebookToken;

/// <summary>A login dialog URL and everything the second half of the flow needs to carry unchanged.</summary>
public sealed class FacebookAuthRequest
{
    public FacebookAuthRequest(string uri, string appId, string redirectUri, string state, string[] scope, SecureString? codeVerifier, string apiVersion)
    {
        Uri = uri;
        AppId = appId;
        RedirectUri = redirectUri;
        State = state;
        Scope = scope;
        CodeVerifier = codeVerifier;
        ApiVersion = apiVersion;
    }

    /// <summary>The dialog URL to open in a browser. It carries no secret.</summary>
    public string Uri { get; }

    public string AppId { get; }

    /// <summary>The redirect URI exactly as sent; the code exchange must send the same string.</summary>
    public string RedirectUri { get; }

    /// <summary>The CSRF value the redirect must echo.</summary>
    public string State { get; }

    public string[] Scope { get; }

    /// <summary>The PKCE verifier when -UsePkce was given; sent as code_verifier in the exchange.</summary>
    public SecureString? CodeVerifier { get; }

    public string ApiVersion { get; }

    public override string ToString() => Uri;
}
