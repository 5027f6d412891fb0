using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using FacebookToken.Cache;

namespace FacebookToken.Module;

/// <summary>Completes -Name with the names in the cache (the one -CachePath names, when typed).</summary>
public sealed class CachedNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        IReadOnlyList<FacebookAccessToken> tokens;
        try
        {
            tokens = TokenCache.Open(new TokenCacheOptions
            {
                CachePath = fakeBoundParameters?["CachePath"] as string,
                CacheKey = fakeBoundParameters?["CacheKey"] as System.Security.SecureString,
            }).ReadAll();
        }
        catch (Exception)
        {
            // Completion must never fail loudly; no cache, no suggestions.
            yield break;
        }

        foreach (FacebookAccessToken token in tokens)
        {
            string name = token.Name ?? string.Empty;
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                string text = name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',' }) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;
                yield return new CompletionResult(text, name, CompletionResultType.ParameterValue, token.Kind + (token.ExpiresOn.HasValue ? ", expires " + token.ExpiresOn.Value.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : string.Empty));
            }
        }
    }
}
