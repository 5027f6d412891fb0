using System.Security;

namespace FacebookToken.Module;

/// <summary>
/// What -AccessToken of a token-selecting cmdlet holds: a FacebookAccessToken (piped from Get-FacebookToken,
/// Invoke-FacebookLogin, ...; its Name, Kind, AppId and expiry come along), or only the secret, given as a SecureString or
/// as text. <see cref="TokenArgumentTransformationAttribute"/> makes one from whatever was passed or piped.
/// </summary>
public sealed class FacebookTokenArgument
{
    private readonly FacebookAccessToken? _token;
    private readonly SecureString _secret;

    internal FacebookTokenArgument(FacebookAccessToken token)
    {
        _token = token;
        _secret = token.AccessToken;
    }

    internal FacebookTokenArgument(SecureString secret)
    {
        _secret = secret;
    }

    /// <summary>The token object, or a new one of unknown kind holding the secret (with <paramref name="appId"/>, when given).</summary>
    internal FacebookAccessToken ToToken(string? appId) =>
        _token ?? new FacebookAccessToken(_secret, FacebookTokenKind.Unknown, string.IsNullOrEmpty(appId) ? null : appId);

    /// <summary>The name of the cached token it came from, else its mask; never the token.</summary>
    public override string ToString() => _token?.Name ?? ToToken(null).MaskedToken;
}
