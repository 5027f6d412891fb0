namespace FacebookEmulator;

/// <summary>An app registered with the emulator.</summary>
public sealed class EmulatorApp
{
    private volatile bool _requireAppSecret;

    public EmulatorApp(string appId, string appSecret, IEnumerable<string> redirectUris, string? name = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        ArgumentNullException.ThrowIfNull(redirectUris);
        AppId = appId;
        AppSecret = appSecret;
        RedirectUris = redirectUris.ToArray();
        Name = string.IsNullOrEmpty(name) ? "Emulated App " + appId : name;
    }

    public string AppId { get; }

    public string AppSecret { get; }

    public string Name { get; }

    /// <summary>
    /// The App Dashboard's "Require App Secret": Graph calls with this app's user, page or system-user tokens must
    /// carry a valid appsecret_proof (see <see cref="AppSecretProofCheck"/>).
    /// </summary>
    public bool RequireAppSecret
    {
        get => _requireAppSecret;
        set => _requireAppSecret = value;
    }

    /// <summary>Valid OAuth Redirect URIs (Strict Mode: exact ordinal match).</summary>
    public IReadOnlyList<string> RedirectUris { get; }

    public bool AllowsRedirectUri(string? redirectUri)
    {
        if (string.IsNullOrEmpty(redirectUri))
        {
            return false;
        }

        foreach (string allowed in RedirectUris)
        {
            if (string.Equals(allowed, redirectUri, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
