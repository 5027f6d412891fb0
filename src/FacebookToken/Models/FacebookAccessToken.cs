using System;
using System.Globalization;
using System.Security;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>An access token and what is known about it. The token itself is only ever held as a SecureString.</summary>
public sealed class FacebookAccessToken
{
    private CheckedSecret? _checked;

    public FacebookAccessToken(SecureString accessToken, FacebookTokenKind kind, string? appId)
    {
        AccessToken = accessToken ?? throw new ArgumentNullException(nameof(accessToken));
        Kind = kind;
        AppId = appId;
        MaskedToken = accessToken.Inspect(SecretMask.MaskToken);
    }

    /// <summary>A token Facebook issued, checked as its answer was read.</summary>
    internal FacebookAccessToken(CheckedSecret accessToken, FacebookTokenKind kind, string? appId)
    {
        AccessToken = accessToken.Value;
        Kind = kind;
        AppId = appId;
        MaskedToken = accessToken.Masked;
        _checked = accessToken;
    }

    public SecureString AccessToken { get; }

    /// <summary>
    /// The token checked once for this object's life (<see cref="CheckedSecret.AccessToken"/>): what a core call that sends
    /// it takes. A bad token (empty, a space, a NUL) is an InvalidAccessTokenParameter error here, before any request.
    /// </summary>
    internal CheckedSecret Checked() => _checked ??= CheckedSecret.AccessToken(AccessToken);

    /// <summary>The HTTP authentication scheme, normalised to <c>Bearer</c> whatever casing Facebook used.</summary>
    public string TokenType { get; set; } = "Bearer";

    public FacebookTokenKind Kind { get; set; }

    public string? AppId { get; set; }

    public string? UserId { get; set; }

    public string[] Scopes { get; set; } = new string[0];

    /// <summary>
    /// The permissions granted for specific objects, with their ids (debug_token's granular_scopes): for WhatsApp, the
    /// WhatsApp Business Account ids the token reaches. Empty when not inspected.
    /// </summary>
    public FacebookGranularScope[] GranularScopes { get; set; } = new FacebookGranularScope[0];

    /// <summary>When the token stops working (UTC); null when it never expires or Facebook did not say.</summary>
    public DateTimeOffset? ExpiresOn { get; set; }

    /// <summary>
    /// How long the token has left, measured now; <see cref="TimeSpan.Zero"/> once it has expired and null when
    /// <see cref="ExpiresOn"/> is null.
    /// </summary>
    /// <remarks>Computed on every read, so two reads differ; compare <see cref="ExpiresOn"/> for anything exact.</remarks>
    public TimeSpan? TimeLeft
    {
        get
        {
            if (!ExpiresOn.HasValue)
            {
                return null;
            }

            TimeSpan left = ExpiresOn.Value - DateTimeOffset.UtcNow;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>When access to user data lapses (90 days after last use); null when unknown.</summary>
    public DateTimeOffset? DataAccessExpiresOn { get; set; }

    /// <summary>The cache name, once saved or read from the cache.</summary>
    public string? Name { get; set; }

    /// <summary>When the token was saved to the cache; null for a token not read from it.</summary>
    public DateTimeOffset? SavedOn { get; set; }

    /// <summary>Enough of the token to tell two apart (e.g. <c>EAAG…x9Q</c>), never enough to use it.</summary>
    public string MaskedToken { get; }

    /// <summary>Set once debug_token (as the app) has filled UserId, Scopes and GranularScopes: no second inspection needed.</summary>
    internal bool Inspected { get; set; }

    public override string ToString() =>
        string.Format(
            CultureInfo.InvariantCulture,
            "{0} token {1}{2}",
            Kind,
            MaskedToken,
            ExpiresOn.HasValue ? " expires " + ExpiresOn.Value.ToString("u", CultureInfo.InvariantCulture) : string.Empty);
}
