using System;
using System.Collections.Generic;
using System.Security;

namespace FacebookToken.Cache;

/// <summary>
/// Where named tokens are kept, entry by entry: the local cache (<see cref="TokenCache"/>), or a SecretManagement vault
/// (the module's store, where PowerShell is). Every cache cmdlet works on one of these.
/// </summary>
internal interface ITokenStore
{
    /// <summary>Which store, where, and why it was chosen.</summary>
    TokenCacheInfo Info { get; }

    /// <summary>The stored tokens whose names pass <paramref name="nameFilter"/> (all when null), sorted by name, each a copy the caller owns.</summary>
    IReadOnlyList<FacebookAccessToken> Read(Func<string, bool>? nameFilter);

    /// <summary>
    /// The stored tokens named in <paramref name="names"/> (any case) and those whose names pass <paramref name="nameFilter"/>,
    /// sorted by name, each once, each a copy the caller owns. A store that can looks the names up without visiting the others.
    /// </summary>
    IReadOnlyList<FacebookAccessToken> Read(IEnumerable<string>? names, Func<string, bool>? nameFilter);

    /// <summary>Saves <paramref name="token"/> as <paramref name="name"/>; true when it replaced an entry of that name.</summary>
    bool Save(FacebookAccessToken token, string name);

    /// <summary>
    /// Saves each token under its name (a later entry of the same name wins), in as few writes as the store allows (the
    /// local cache: one lock, one write); for each entry, true when it replaced an entry of that name.
    /// </summary>
    IReadOnlyList<bool> SaveMany(IReadOnlyList<KeyValuePair<string, FacebookAccessToken>> tokens);

    /// <summary>Removes the entries named; returns the names that were present.</summary>
    IReadOnlyList<string> Remove(IEnumerable<string> names);

    /// <summary>
    /// Saves <paramref name="renewed"/> as <paramref name="name"/> only if the entry still holds <paramref name="renewedFrom"/>
    /// (compared in constant time); false, and nothing written, when it holds another token or is gone.
    /// </summary>
    bool Replace(string name, SecureString renewedFrom, FacebookAccessToken renewed);
}
