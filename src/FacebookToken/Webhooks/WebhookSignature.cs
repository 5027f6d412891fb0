using System;
using System.Security.Cryptography;
using FacebookToken.Secrets;

namespace FacebookToken.Webhooks;

/// <summary>
/// Checks Facebook's webhook signature: <c>X-Hub-Signature-256: sha256=</c> and the hex HMAC-SHA256 of the raw body keyed
/// by the app secret (Meta: "Webhooks, Validate payloads"). Compared in constant time; nothing of the body is read before.
/// </summary>
internal static class WebhookSignature
{
    public const string ErrorId = "InvalidWebhookSignature";
    private const string Prefix = "sha256=";
    private const int HashLength = 32;

    /// <summary>Returns when <paramref name="header"/> signs <paramref name="body"/> with <paramref name="appSecret"/>; throws <see cref="FacebookInputException"/> otherwise.</summary>
    public static void Verify(byte[] body, string? header, byte[] appSecret)
    {
        if (appSecret.Length == 0)
        {
            throw Refused("AppSecret", "The app secret is empty, so no signature can be checked. Pass the secret of the app the webhook is subscribed with (-AppSecret or -Credential).");
        }

        string value = (header ?? string.Empty).Trim();
        if (value.Length == 0)
        {
            throw Refused("The webhook carries no signature. Pass the X-Hub-Signature-256 header's value as -Signature; a request without one did not come from Facebook, so answer it 401 and do not act on it.");
        }

        if (value.StartsWith("sha1=", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused("The signature is an SHA-1 one (sha1=, the X-Hub-Signature header), which is not accepted. Pass the X-Hub-Signature-256 header's value (sha256=...) as -Signature.");
        }

        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw Refused("The signature does not start with sha256=. Pass the X-Hub-Signature-256 header's value exactly as received as -Signature.");
        }

        byte[]? given = FromHex(value.Substring(Prefix.Length));
        if (given is null)
        {
            throw Refused("The signature is not sha256= followed by 64 hexadecimal digits (cut or altered). Pass the X-Hub-Signature-256 header's value exactly as received; do not act on this request.");
        }

        byte[] expected;
        using (var hmac = new HMACSHA256(appSecret))
        {
            expected = hmac.ComputeHash(body);
        }

        if (!ConstantTime.EqualsBytes(expected, given))
        {
            throw Refused("The signature does not match the body for this app secret: the body was changed (pass it exactly as received, not re-serialized), the secret is another app's, or the request did not come from Facebook. Answer it 401 and do not act on it.");
        }
    }

    private static FacebookInputException Refused(string message) => Refused("Signature", message);

    private static FacebookInputException Refused(string parameter, string message) => new(ErrorId, parameter, message);

    /// <summary>32 bytes from 64 hex digits (either case), or null. Written here because .NET Framework has no Convert.FromHexString.</summary>
    private static byte[]? FromHex(string hex)
    {
        if (hex.Length != HashLength * 2)
        {
            return null;
        }

        byte[] bytes = new byte[HashLength];
        for (int i = 0; i < bytes.Length; i++)
        {
            int high = Digit(hex[2 * i]);
            int low = Digit(hex[(2 * i) + 1]);
            if (high < 0 || low < 0)
            {
                return null;
            }

            bytes[i] = (byte)((high << 4) | low);
        }

        return bytes;
    }

    private static int Digit(char c) =>
        c >= '0' && c <= '9' ? c - '0'
        : c >= 'a' && c <= 'f' ? c - 'a' + 10
        : c >= 'A' && c <= 'F' ? c - 'A' + 10
        : -1;
}
