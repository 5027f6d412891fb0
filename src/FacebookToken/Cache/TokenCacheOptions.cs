using System;
using System.IO;
using System.Security;

namespace FacebookToken.Cache;

/// <summary>Where the cache is and how it may be protected.</summary>
public sealed class TokenCacheOptions
{
    public const string PathVariable = "FACEBOOK_TOKEN_CACHE_PATH";
    public const string KeyVariable = "FACEBOOK_TOKEN_CACHE_KEY";

    /// <summary>A registered SecretManagement vault to keep tokens in instead of the local cache (as -Vault).</summary>
    public const string VaultVariable = "FACEBOOK_TOKEN_VAULT";

    /// <summary>The shortest passphrase a new key-file cache accepts.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>The folder holding the cache; null: FACEBOOK_TOKEN_CACHE_PATH, else LocalApplicationData/FacebookToken.</summary>
    public string? CachePath { get; set; }

    /// <summary>Forces the key-file mode with this key; null: FACEBOOK_TOKEN_CACHE_KEY when the OS store is unavailable.</summary>
    public SecureString? CacheKey { get; set; }

    /// <summary>Opt-in to an unencrypted cache file, also needed to read one while a key is set. Every use warns.</summary>
    public bool AllowPlaintext { get; set; }

    /// <summary><see cref="CachePath"/>, else FACEBOOK_TOKEN_CACHE_PATH, else LocalApplicationData/FacebookToken; as a full path.</summary>
    public string ResolveDirectory()
    {
        string? path = string.IsNullOrWhiteSpace(CachePath) ? Environment.GetEnvironmentVariable(PathVariable) : CachePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(root))
            {
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }

            path = Path.Combine(root, "FacebookToken");
        }

        return Path.GetFullPath(path!.Trim());
    }
}
