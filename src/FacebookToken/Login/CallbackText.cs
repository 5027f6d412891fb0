using System.Globalization;
using System.Text;

namespace FacebookToken;

/// <summary>Makes a value taken from a callback URL safe to echo: anyone can put anything in a URL a browser is sent to.</summary>
internal static class CallbackText
{
    private const int MaxLength = 300;

    /// <summary>Drops control and bidirectional-formatting characters (which could rewrite a terminal line) and bounds the length.</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var sb = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                continue;
            }

            if (sb.Length == MaxLength)
            {
                sb.Append('…');
                break;
            }

            sb.Append(c);
        }

        return sb.ToString().Trim();
    }
}
