using System;

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

    /// <summary>The mask for values that must not show a single character, such as an app secret.</summary>
    public static string Hide(string? value) =>
        string.IsNullOrEmpty(value) ? "(empty)" : "***(" + value!.Length + " chars)";

    /// <summary>Replaces every occurrence of each secret in <paramref name="text"/> with its hidden form.</summary>
    /// <remarks>Last line of defence for text that came from elsewhere (a server's error message may echo a value).</remarks>
    public static string Scrub(string text, params string?[] secrets)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (string? secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret) && secret!.Length >= 6)
            {
                int i;
                while ((i = text.IndexOf(secret, StringComparison.Ordinal)) >= 0)
                {
                    text = text.Substring(0, i) + Hide(secret) + text.Substring(i + secret.Length);
                }
            }
        }

        return text;
    }
}
