using System.Management.Automation;
using System.Security;

namespace FacebookToken.Module;

/// <summary>
/// The cache parameters, declared here and nowhere else. Every cmdlet that opens the token cache gets them through
/// <see cref="CacheParameterGroup"/> as dynamic parameters, in all its parameter sets or in one (the -Name set of a
/// token-selecting cmdlet). A new cache parameter is one property here.
/// </summary>
internal sealed class CacheParameters
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
}
