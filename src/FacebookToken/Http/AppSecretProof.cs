using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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

    private static string Hmac(string key, string message)
    {
        if (AccessTokenIsEmpty(message) || string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("An appsecret_proof needs both the access token and the app secret.");
        }

        byte[] keyBytes = Encoding.UTF8.GetBytes(key);
        byte[] data = Encoding.UTF8.GetBytes(message);
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
