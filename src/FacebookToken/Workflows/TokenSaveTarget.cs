using FacebookToken.Cache;
using FacebookToken.Diagnostics;

namespace FacebookToken.Workflows;

/// <summary>
/// A -CacheName: the cache opened (and the name checked) before a token is made, so a missing key or keyring fails before
/// anyone signs in or anything is minted; the new token is saved under the name at the end of the workflow.
/// </summary>
internal sealed class TokenSaveTarget
{
    public TokenSaveTarget(ITokenStore cache, string name)
    {
        TokenName.Validate(name);
        Cache = cache;
        Name = name;
    }

    public ITokenStore Cache { get; }

    public string Name { get; }

    /// <summary>Saves the token under the name (replacing one of that name) and sets its Name.</summary>
    public void Save(FacebookAccessToken token, IFacebookLog log)
    {
        bool replaced = Cache.Save(token, Name);
        token.Name = Name;
        log.Verbose((replaced ? "Replaced" : "Saved") + " the token as '" + Name + "' in " + Cache.Info + ".");
    }
}
