using FacebookToken.Cache;

namespace FacebookToken.Module;

/// <summary>
/// <see cref="CacheParameters"/> as one cmdlet's dynamic parameters: C# gives a cmdlet one base class, and the cmdlets that
/// open the cache (cache cmdlets, token selectors, Update-FacebookToken, -CacheName) have different ones, so the group is
/// composed rather than inherited. A cmdlet returns <see cref="Define"/> from <c>IDynamicParameters.GetDynamicParameters</c>.
/// </summary>
/// <remarks>
/// An object, not a RuntimeDefinedParameterDictionary: PowerShell keeps a type's parameter metadata for the process, while
/// a dictionary's attributes are compiled again on every call (about 0.05-0.1 ms a call for these three).
/// </remarks>
internal sealed class CacheParameterGroup
{
    private readonly bool _nameSetOnly;
    private CacheParameters? _values;

    /// <param name="parameterSetName">The one set the parameters belong to (<see cref="NameSetCacheParameters.SetName"/>), or null for all of the cmdlet's sets.</param>
    public CacheParameterGroup(string? parameterSetName = null)
    {
        _nameSetOnly = parameterSetName != null;
        if (_nameSetOnly && parameterSetName != NameSetCacheParameters.SetName)
        {
            throw new System.ArgumentException("The cache parameters go in all sets or in the " + NameSetCacheParameters.SetName + " set.", nameof(parameterSetName));
        }
    }

    /// <summary>The values bound (all null before binding or when not given).</summary>
    public CacheParameters Values => _values ??= _nameSetOnly ? new NameSetCacheParameters() : new CacheParameters();

    /// <summary>The object PowerShell binds the parameters onto; the same one for the life of the invocation.</summary>
    public object Define() => Values;

    /// <summary>Opens the store these parameters name: the vault of -Vault (or FACEBOOK_TOKEN_VAULT), else the local cache, -CachePath resolved against PowerShell's current location.</summary>
    public ITokenStore Open(FacebookCmdlet cmdlet, bool allowPlaintext = false) => CacheOpener.Open(cmdlet, Values, allowPlaintext);
}
