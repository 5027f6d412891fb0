using System;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace FacebookToken.Cache;

/// <summary>
/// Keys from FACEBOOK_TOKEN_CACHE_KEY (or -CacheKey): 32 bytes to encrypt and 32 to authenticate. A passphrase is
/// stretched with PBKDF2-HMAC-SHA256 at a deliberate cost, once per process for each key, salt and cost. A raw
/// 256-bit key ("base64:" and 44 characters of base64 for 32 random bytes) needs no stretching: HKDF-SHA256 expands
/// it with the file's salt, in microseconds.
/// </summary>
internal static class CacheKeyMaterial
{
    /// <summary>OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about a third of a second here.</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>What marks a key as raw: "base64:" then 32 bytes in base64 (44 characters, one '=').</summary>
    public const string RawKeyPrefix = "base64:";

    /// <summary>The length of a raw key in bytes (AES-256).</summary>
    public const int RawKeyLength = 32;

    /// <summary>How to make a raw key, for error messages and docs (PowerShell 7; Windows PowerShell in the README).</summary>
    public const string RawKeyRecipe = "'base64:' + [Convert]::ToBase64String([System.Security.Cryptography.RandomNumberGenerator]::GetBytes(32))";

    private static readonly byte[] s_rawKeyInfo = Encoding.ASCII.GetBytes("FacebookToken key file v1 raw key");

    /// <summary>True when the key text is meant as a raw key (it has the prefix), whether or not it is well formed.</summary>
    public static bool IsRawKey(string keyText) => keyText.StartsWith(RawKeyPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The 32 bytes of a raw key, or null and why not (for a key with the prefix that is not base64 or not 32 bytes).
    /// Never says anything about the key text itself.
    /// </summary>
    public static byte[]? TryParseRawKey(string keyText, out string problem)
    {
        problem = string.Empty;
        string body = keyText.Substring(RawKeyPrefix.Length);
        byte[] raw;
        try
        {
            raw = Convert.FromBase64String(body);
        }
        catch (FormatException)
        {
            problem = "what follows 'base64:' is not base64 (A-Z, a-z, 0-9, '+', '/', '=' padding; no spaces or line breaks)";
            return null;
        }

        if (raw.Length != RawKeyLength || body.Length != 44)
        {
            problem = "what follows 'base64:' decodes to " + raw.Length + " bytes; a raw key is exactly " + RawKeyLength + " bytes (44 characters of base64)";
            Array.Clear(raw, 0, raw.Length);
            return null;
        }

        return raw;
    }

    /// <summary>
    /// Throws InvalidCacheKey, naming where the key came from and how to make one, for a key with the raw prefix that
    /// is not a well-formed raw key. A passphrase passes unchanged.
    /// </summary>
    public static void RequireWellFormed(string keyText, string source)
    {
        if (!IsRawKey(keyText))
        {
            return;
        }

        byte[]? raw = TryParseRawKey(keyText, out string problem);
        if (raw is null)
        {
            throw new FacebookInputException(
                "InvalidCacheKey",
                "CacheKey",
                "The key from " + source + " starts with '" + RawKeyPrefix + "', so it is read as a raw 256-bit key, but " + problem + ". "
                    + "Make one with " + RawKeyRecipe + " and keep it in a secret store; or give a passphrase without the prefix. Nothing was read or written.");
        }

        Array.Clear(raw, 0, raw.Length);
    }

    /// <summary>64 bytes from a raw key and the file's salt: HKDF-SHA256 (RFC 5869), extract then expand.</summary>
    public static byte[] DeriveFromRawKey(string keyText, byte[] salt)
    {
        byte[] raw = TryParseRawKey(keyText, out string problem) ?? throw new ArgumentException(problem, nameof(keyText));
        try
        {
            byte[] prk;
            using (var extract = new HMACSHA256(salt))
            {
                prk = extract.ComputeHash(raw);
            }

            var output = new byte[64];
            using var expand = new HMACSHA256(prk);
            byte[] previous = Array.Empty<byte>();
            for (byte block = 1; block <= 2; block++)
            {
                byte[] input = new byte[previous.Length + s_rawKeyInfo.Length + 1];
                Buffer.BlockCopy(previous, 0, input, 0, previous.Length);
                Buffer.BlockCopy(s_rawKeyInfo, 0, input, previous.Length, s_rawKeyInfo.Length);
                input[input.Length - 1] = block;
                previous = expand.ComputeHash(input);
                Buffer.BlockCopy(previous, 0, output, (block - 1) * 32, 32);
            }

            Array.Clear(prk, 0, prk.Length);
            return output;
        }
        finally
        {
            Array.Clear(raw, 0, raw.Length);
        }
    }

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
