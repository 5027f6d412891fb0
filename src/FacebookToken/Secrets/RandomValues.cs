using System;
using System.Security.Cryptography;
using System.Text;

namespace FacebookToken.Secrets;

/// <summary>Random state values and PKCE verifiers/challenges.</summary>
internal static class RandomValues
{
    private static readonly RandomNumberGenerator s_rng = RandomNumberGenerator.Create();

    /// <summary>A URL-safe random string of <paramref name="bytes"/> random bytes (32 bytes = 256 bits = 43 chars).</summary>
    public static string NewUrlSafe(int bytes = 32)
    {
        var buffer = new byte[bytes];
        lock (s_rng)
        {
            s_rng.GetBytes(buffer);
        }

        return Base64Url(buffer);
    }

    /// <summary>A PKCE code verifier: 64 random bytes, 86 characters of [A-Za-z0-9-_].</summary>
    public static string NewCodeVerifier() => NewUrlSafe(64);

    /// <summary>The S256 challenge: base64url(SHA-256(verifier)) without padding.</summary>
    public static string CodeChallengeS256(string verifier)
    {
        using var sha = SHA256.Create();
        return Base64Url(sha.ComputeHash(Encoding.ASCII.GetBytes(verifier)));
    }

    public static string Base64Url(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
