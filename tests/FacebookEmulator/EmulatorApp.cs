namespace FacebookEmulator;

/// <summary>An app registered with the emulator.</summary>
public sealed class EmulatorApp
{
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
