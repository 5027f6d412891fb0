using System;
using System.Linq;
using System.Text;
using System.Threading;

namespace FacebookToken.Secrets;

/// <summary>Turns secrets into something safe to show: enough to tell two tokens apart, never enough to use one.</summary>
internal static class SecretMask
{
    /// <summary>The mask used for a token: its first four and last three characters, e.g. <c>EAAG…x9Q</c>.</summary>
    /// <remarks>Values shorter than 16 characters show no characters at all, so short secrets leak nothing.</remarks>
    public static string MaskToken(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value!.Length < 16)
        {
            return "…(" + value.Length + " chars)";
        }

        return value.Substring(0, 4) + "…" + value.Substring(value.Length - 3);
    }

    /// <summary>As <see cref="MaskToken(string)"/>, from the characters of a SecureString (<see cref="SecureStringExtensions.Inspect"/>).</summary>
    public static string MaskToken(char[] value)
    {
        if (value.Length == 0)
        {
            return string.Empty;
        }

        if (value.Length < 16)
        {
            return "…(" + value.Length + " chars)";
        }

        return new string(value, 0, 4) + "…" + new string(value, value.Length - 3, 3);
    }

    /// <summary>The mask for values that must not show a single character, such as an app secret.</summary>
    public static string Hide(string? value) =>
        string.IsNullOrEmpty(value) ? "(empty)" : "***(" + value!.Length + " chars)";

    /// <summary>Replaces every occurrence of each secret in <paramref name="text"/> with its hidden form.</summary>
    /// <remarks>
    /// Last line of defence for text that came from elsewhere (a server's message may echo a value). One pass per secret,
    /// longest first (so a secret inside another leaves no part of the longer one), linear in the text's length.
    /// </remarks>
    public static string Scrub(string text, params string?[] secrets) => Scrub(text, CancellationToken.None, secrets);

    /// <summary>As <see cref="Scrub(string, string[])"/>; <paramref name="cancellationToken"/> (-TimeoutSec, Ctrl+C) ends a long text's scrub.</summary>
    public static string Scrub(string text, CancellationToken cancellationToken, params string?[] secrets)
    {
        if (string.IsNullOrEmpty(text) || secrets is null || secrets.Length == 0)
        {
            return text;
        }

        string?[] ordered = secrets.Length == 1 ? secrets : secrets.OrderByDescending(s => s?.Length ?? 0).ToArray();
        foreach (string? secret in ordered)
        {
            if (string.IsNullOrEmpty(secret) || secret!.Length < 6)
            {
                continue;
            }

            int i = text.IndexOf(secret, StringComparison.Ordinal);
            if (i < 0)
            {
                continue;
            }

            string hidden = Hide(secret);
            var sb = new StringBuilder(text.Length);
            int start = 0;
            int found = 0;
            while (i >= 0)
            {
                sb.Append(text, start, i - start).Append(hidden);
                start = i + secret.Length;
                if ((++found & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                i = text.IndexOf(secret, start, StringComparison.Ordinal);
            }

            sb.Append(text, start, text.Length - start);
            text = sb.ToString();
        }

        return text;
    }
}
