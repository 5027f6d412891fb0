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
#if NET8_0_OR_GREATER
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 64);
#else
        // netstandard2.0 lacks the SHA-256 constructor that .NET Framework 4.7.2+ and .NET Core have at run time.
        System.Reflection.ConstructorInfo? ctor = typeof(Rfc2898DeriveBytes).GetConstructor(new[] { typeof(byte[]), typeof(byte[]), typeof(int), typeof(HashAlgorithmName) });
        if (ctor != null)
        {
            using var kdf = (Rfc2898DeriveBytes)ctor.Invoke(new object[] { password, salt, iterations, HashAlgorithmName.SHA256 });
            return kdf.GetBytes(64);
        }

        return Pbkdf2Sha256(password, salt, iterations, 64);
#endif
    }

#if !NET8_0_OR_GREATER
    /// <summary>RFC 8018 PBKDF2 with HMAC-SHA256, for runtimes without the built-in one.</summary>
    private static byte[] Pbkdf2Sha256(byte[] password, byte[] salt, int iterations, int length)
    {
        var result = new byte[length];
        using var hmac = new HMACSHA256(password);
        int blocks = (length + 31) / 32;
        for (int block = 1; block <= blocks; block++)
        {
            byte[] input = new byte[salt.Length + 4];
            Buffer.BlockCopy(salt, 0, input, 0, salt.Length);
            input[salt.Length] = (byte)(block >> 24);
            input[salt.Length + 1] = (byte)(block >> 16);
            input[salt.Length + 2] = (byte)(block >> 8);
            input[salt.Length + 3] = (byte)block;
            byte[] u = hmac.ComputeHash(input);
            byte[] t = (byte[])u.Clone();
            for (int i = 1; i < iterations; i++)
            {
                u = hmac.ComputeHash(u);
                for (int j = 0; j < t.Length; j++)
                {
                    t[j] ^= u[j];
                }
            }

            Buffer.BlockCopy(t, 0, result, (block - 1) * 32, Math.Min(32, length - ((block - 1) * 32)));
        }

        return result;
    }
#endif
}
