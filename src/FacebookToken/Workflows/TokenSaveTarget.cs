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
    /// <remarks>
    /// A save that fails after all (the cache changed, the disk is full) loses nothing: the error is a
    /// <see cref="FacebookCacheException"/> whose <see cref="FacebookCacheException.UnsavedToken"/> the cmdlet writes to the
    /// pipeline beside the error, since the token now exists at Facebook.
    /// </remarks>
    public void Save(FacebookAccessToken token, IFacebookLog log)
    {
        bool replaced;
        try
        {
            replaced = Cache.Save(token, Name);
        }
        catch (FacebookException ex)
        {
            throw new FacebookCacheException(
                "The new token " + token.MaskedToken + " was made at Facebook but could not be saved as '" + Name + "' in " + Cache.Info + ": " + ex.Message.TrimEnd('.')
                    + ". It is written to the pipeline instead: keep it ($token = ...) and save it with Save-FacebookToken -Name " + Name + " once the cache is fixed.",
                ex.Kind,
                Cache.Info.CachePath,
                ex)
            {
                UnsavedToken = token,
            };
        }

        token.Name = Name;
        log.Verbose((replaced ? "Replaced" : "Saved") + " the token as '" + Name + "' in " + Cache.Info + ".");
    }
}
