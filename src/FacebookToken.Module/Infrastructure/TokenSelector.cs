using System;
using System.Collections.Generic;
using System.Linq;
using FacebookToken.Cache;

namespace FacebookToken.Module;

/// <summary>
/// The one way a cmdlet selects cached tokens by -Name (see <see cref="TokenNamePattern"/>): the tokens matching any name,
/// in the order the names were given, each once; a literal name with no match is a CachedTokenNotFound error on that name.
/// Only the names asked for are read into token objects.
/// </summary>
internal static class TokenSelector
{
    /// <summary>Every cached token when <paramref name="names"/> is null, else those matching them.</summary>
    public static IReadOnlyList<FacebookAccessToken> Select(FacebookCmdlet cmdlet, ITokenStore cache, IReadOnlyList<string>? names, string? cachePath)
    {
        if (names is null)
        {
            return cmdlet.RunSync(_ => cache.Read(null));
        }

        TokenNamePattern[] patterns = names.Select(n => new TokenNamePattern(n)).ToArray();
        string[] exact = patterns.Select(p => p.ExactName).OfType<string>().ToArray();
        TokenNamePattern[] wildcards = patterns.Where(p => p.ExactName is null).ToArray();

        // Plain names are looked up, so getting one token from a large cache does not visit the others.
        IReadOnlyList<FacebookAccessToken> found = cmdlet.RunSync(_ => cache.Read(exact, wildcards.Length == 0 ? null : name => wildcards.Any(p => p.IsMatch(name))));
        var selected = new List<FacebookAccessToken>(found.Count);
        var seen = new HashSet<FacebookAccessToken>();
        foreach (TokenNamePattern pattern in patterns)
        {
            bool any = false;
            foreach (FacebookAccessToken token in found.Where(t => pattern.IsMatch(t.Name)))
            {
                any = true;
                if (seen.Add(token))
                {
                    selected.Add(token);
                }
            }

            if (!any && pattern.IsLiteral)
            {
                cmdlet.WriteError(ErrorRecordFactory.Create(
                    new FacebookCacheException("No cached token is named '" + pattern + "'. Get-FacebookToken without -Name lists them; Save-FacebookToken adds one.", FacebookErrorKind.CachedTokenNotFound, cachePath),
                    pattern.ToString()));
            }
        }

        return selected;
    }
}
