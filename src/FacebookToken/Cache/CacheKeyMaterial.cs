using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace FacebookToken.Cache;

/// <summary>
/// Keys derived from FACEBOOK_TOKEN_CACHE_KEY (or -CacheKey) with PBKDF2-HMAC-SHA256 at a deliberate cost, once per
/// process for each key, salt and cost: 32 bytes to encrypt and 32 to authenticate.
/// </summary>
internal static class CacheKeyMaterial
{
    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about a third of a second here.</summary>
    public const int DefaultIterations = 600_000;

    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> s_derived = new(StringComparer.Ordinal);

    public static byte[] Derive(string keyText, byte[] salt, int iterations)
    {
        string id;
        using (SHA256 sha = SHA256.Create())
        {
            // Identify the derivation without keeping the key text around in the dictionary.
            byte[] keyHash = sha.ComputeHash(Encoding.UTF8.GetBytes(keyText));
            id = Convert.ToBase64String(keyHash) + "|" + Convert.ToBase64String(salt) + "|" + iterations;
        }

        return s_derived.GetOrAdd(id, _ => new Lazy<byte[]>(() => Pbkdf2(keyText, salt, iterations))).Value;
    }

    private static byte[] Pbkdf2(string keyText, byte[] salt, int iterations)
    {
        byte[] password = Encoding.UTF8.GetBytes(keyText);
#if NET
        // The one-shot form runs in the platform's crypto library: about half the time of the instance form below,
        // which is the first thing a runbook's new process pays for on the key-file backend. Same bytes.
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 64);
#else
        // .NET Framework 4.7.2 has only the instance form of PBKDF2-SHA256.
        using var kdf = new Rfc2898DeriveBytes(password, salt, iterations, HashAlgorithmName.SHA256);
        return kdf.GetBytes(64);
#endif
    }
}
