using System.Management.Automation;
using FacebookToken.Cache;

namespace FacebookToken.Module;

/// <summary>Base of the cache cmdlets: the cache parameters (<see cref="CacheParameters"/>) in every parameter set.</summary>
public abstract class FacebookCacheCmdlet : FacebookCmdlet, IDynamicParameters
{
    internal CacheParameterGroup Cache { get; } = new();

    /// <summary>-CachePath as given, for error records.</summary>
    internal string? CachePath => Cache.Values.CachePath;

    public object GetDynamicParameters() => Cache.Define();

    internal ITokenStore OpenCache(bool allowPlaintext = false) => Cache.Open(this, allowPlaintext);
}
