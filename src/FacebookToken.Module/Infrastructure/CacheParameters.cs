using System.Management.Automation;
using System.Security;

namespace FacebookToken.Module;

/// <summary>
/// The cache parameters, in every parameter set of the cmdlet that gets them. Every cmdlet that opens the token cache
/// gets them through <see cref="CacheParameterGroup"/> as its dynamic parameters object: PowerShell reads the attributes
/// of this type once per process and binds onto a fresh instance per call (a RuntimeDefinedParameterDictionary is
/// compiled again on every call). A new cache parameter is a property here and its override in
/// <see cref="NameSetCacheParameters"/>.
/// </summary>
internal class CacheParameters
{
    /// <summary>The folder holding the cache; default FACEBOOK_TOKEN_CACHE_PATH, else the per-user folder.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public virtual string? CachePath { get; set; }

    /// <summary>Use (or create) an encrypted key-file cache with this key instead of the OS store.</summary>
    [Parameter]
    public virtual SecureString? CacheKey { get; set; }

    /// <summary>A registered SecretManagement vault to keep the tokens in instead of the local cache; default FACEBOOK_TOKEN_VAULT.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(VaultNameCompleter))]
    [ValidateNotNullOrEmpty]
    public virtual string? Vault { get; set; }
}

/// <summary>
/// The cache parameters in the -Name set only, for a token-selecting cmdlet (a piped token needs no cache). The same
/// properties as <see cref="CacheParameters"/> with the set named: PowerShell reads an override's own attributes only, so
/// each repeats its validation (tests/CommandSurface.Tests.ps1 holds the two to one shape).
/// </summary>
internal sealed class NameSetCacheParameters : CacheParameters
{
    internal const string SetName = "Name";

    /// <inheritdoc/>
    [Parameter(ParameterSetName = SetName)]
    [ValidateNotNullOrEmpty]
    public override string? CachePath { get; set; }

    /// <inheritdoc/>
    [Parameter(ParameterSetName = SetName)]
    public override SecureString? CacheKey { get; set; }

    /// <inheritdoc/>
    [Parameter(ParameterSetName = SetName)]
    [ArgumentCompleter(typeof(VaultNameCompleter))]
    [ValidateNotNullOrEmpty]
    public override string? Vault { get; set; }
}
