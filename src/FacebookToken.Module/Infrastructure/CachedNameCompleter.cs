using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using FacebookToken.Cache;

namespace FacebookToken.Module;

/// <summary>Completes -Name with the names in the cache (the one -CachePath names, when typed), or in the vault -Vault (or FACEBOOK_TOKEN_VAULT) names.</summary>
public sealed class CachedNameCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
        IReadOnlyList<(string Name, string Tip)> entries;
        try
        {
            string? cachePath = fakeBoundParameters?["CachePath"] as string;
            var cacheKey = fakeBoundParameters?["CacheKey"] as System.Security.SecureString;
            if (CacheOpener.ChooseVault(fakeBoundParameters?["Vault"] as string, cachePath, cacheKey, allowPlaintext: false) is (string vault, string reason))
            {
                // Names only: where the vault keeps metadata, nothing is decrypted.
                entries = SecretManagementStore.Open(vault, reason, Diagnostics.NullFacebookLog.Instance).Names().Select(n => (n, "in the vault " + vault)).ToList();
            }
            else
            {
                entries = TokenCache.Open(new TokenCacheOptions { CachePath = cachePath, CacheKey = cacheKey }).ReadAll()
                    .Select(t => (t.Name ?? string.Empty, t.Kind + (t.ExpiresOn.HasValue ? ", expires " + t.ExpiresOn.Value.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : string.Empty)))
                    .ToList();
            }
        }
        catch (Exception)
        {
            // Completion must never fail loudly; no cache, no suggestions.
            yield break;
        }

        foreach ((string name, string tip) in entries)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                string text = name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ';', '(', ')', '{', '}', ',' }) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;
                yield return new CompletionResult(text, name, CompletionResultType.ParameterValue, tip);
            }
        }
    }
}
