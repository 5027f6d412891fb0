namespace FacebookToken.Cache;

/// <summary>Which store a cache uses and why.</summary>
public sealed class TokenCacheInfo
{
    public TokenCacheInfo(string backend, string cachePath, string location, string reason, bool isEncrypted)
    {
        Backend = backend;
        CachePath = cachePath;
        Location = location;
        Reason = reason;
        IsEncrypted = isEncrypted;
    }

    /// <summary>DPAPI, Keychain, libsecret, KeyFile, Plaintext, or SecretManagement (a vault).</summary>
    public string Backend { get; }

    /// <summary>The cache folder; empty for a vault.</summary>
    public string CachePath { get; }

    /// <summary>Where the data itself lives: a file, a keyring item, or the name of a SecretManagement vault.</summary>
    public string Location { get; }

    /// <summary>Why this store was chosen, e.g. "libsecret unavailable: no D-Bus session; using key file".</summary>
    public string Reason { get; }

    /// <summary>Whether the tokens are kept encrypted; for a vault, true: the module writes no plain text, and protection is the vault's own.</summary>
    public bool IsEncrypted { get; }

    /// <summary>How many tokens the cache holds; set by Get-FacebookTokenCacheInfo.</summary>
    public int? TokenCount { get; set; }

    public override string ToString() => Backend == "SecretManagement" ? "the vault '" + Location + "'" : Backend + " at " + Location;
}
