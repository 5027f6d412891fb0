using System.Management.Automation;
using System.Security;
using FacebookToken.Cache;

namespace FacebookToken.Module;

/// <summary>Base of the cache cmdlets: -CachePath, -CacheKey and -Vault, declared once.</summary>
public abstract class FacebookCacheCmdlet : FacebookCmdlet
{
    /// <summary>The folder holding the cache; default FACEBOOK_TOKEN_CACHE_PATH, else the per-user folder.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CachePath { get; set; }

    /// <summary>Use (or create) an encrypted key-file cache with this key instead of the OS store.</summary>
    [Parameter]
    public SecureString? CacheKey { get; set; }

    /// <summary>A registered SecretManagement vault to keep the tokens in instead of the local cache; default FACEBOOK_TOKEN_VAULT.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(VaultNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Vault { get; set; }

    internal ITokenStore OpenCache(bool allowPlaintext = false) => CacheOpener.Open(this, CachePath, CacheKey, allowPlaintext, Vault);
}
