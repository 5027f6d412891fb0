using System.Globalization;
using System.Text;

namespace FacebookToken;

/// <summary>
/// Makes a text from a server safe to put in a message: control characters (CR, LF, ESC sequences) become spaces and
/// bidirectional and other formatting characters (U+202E) are dropped, so a server cannot forge a <c>VERBOSE:</c> line,
/// recolour a terminal or reverse what a reader sees. Applied after the text was scrubbed of secrets.
/// </summary>
internal static class ServerText
{
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        StringBuilder? sb = null;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            bool control = char.IsControl(c);
            if (!control && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                sb?.Append(c);
                continue;
            }

            sb ??= new StringBuilder(value, 0, i, value.Length);
            if (control)
            {
                sb.Append(' ');
            }
        }

        return sb?.ToString() ?? value;
    }
}
