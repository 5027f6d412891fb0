using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>
/// Facebook's <c>appsecret_proof</c>: lower-case hex of HMAC-SHA256 keyed by the app secret over the access token
/// (Graph API "Securing Requests"), or over <c>token|unixtime</c> when <c>appsecret_time</c> is sent with it.
/// </summary>
internal static class AppSecretProof
{
    /// <summary>The proof over the token alone (Graph's documented form).</summary>
    public static string Compute(string accessToken, string appSecret) => Hmac(appSecret, accessToken);

    /// <summary>The proof over <c>token|time</c>, sent together with <c>appsecret_time=time</c>.</summary>
    public static string Compute(string accessToken, string appSecret, long unixTime) =>
        Hmac(appSecret, accessToken + "|" + unixTime.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The proof over <c>token|time</c> from the two secrets' characters (<see cref="SecureStringExtensions.Inspect"/>), with
    /// no string of either: Get-FacebookAppSecretProof's, which sends nothing.
    /// </summary>
    public static string Compute(CheckedSecret accessToken, CheckedSecret appSecret, long unixTime)
    {
        byte[] key = appSecret.Value.Inspect(chars => Encoding.UTF8.GetBytes(chars));
        string suffix = "|" + unixTime.ToString(CultureInfo.InvariantCulture);
        byte[] data = accessToken.Value.Inspect(chars =>
        {
            var all = new char[chars.Length + suffix.Length];
            try
            {
                chars.CopyTo(all, 0);
                suffix.CopyTo(0, all, chars.Length, suffix.Length);
                return Encoding.UTF8.GetBytes(all);
            }
            finally
            {
                Array.Clear(all, 0, all.Length);
            }
        });
        return Hmac(key, data);
    }

    private static string Hmac(string key, string message)
    {
        if (AccessTokenIsEmpty(message) || string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("An appsecret_proof needs both the access token and the app secret.");
        }

        return Hmac(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(message));
    }

    /// <summary>Lower-case hex of HMAC-SHA256; clears both arrays.</summary>
    private static string Hmac(byte[] keyBytes, byte[] data)
    {
        try
        {
            using var hmac = new HMACSHA256(keyBytes);
            byte[] hash = hmac.ComputeHash(data);
            var sb = new StringBuilder(hash.Length * 2);
            foreach (byte b in hash)
            {
                sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            }

            return sb.ToString();
        }
        finally
        {
            Array.Clear(keyBytes, 0, keyBytes.Length);
            Array.Clear(data, 0, data.Length);
        }
    }

    private static bool AccessTokenIsEmpty(string message) => string.IsNullOrEmpty(message) || message[0] == '|';
}
