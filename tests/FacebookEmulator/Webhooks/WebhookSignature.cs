using System.Security.Cryptography;
using System.Text;

namespace FacebookEmulator;

/// <summary>Facebook's webhook signature: X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256 of the raw body, keyed by the app secret.</summary>
internal static class WebhookSignature
{
    public const string HeaderName = "X-Hub-Signature-256";

    public static string Sign(byte[] body, string appSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), body));
}
