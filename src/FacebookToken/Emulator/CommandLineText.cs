using System.Collections.Generic;
using System.Text;

namespace FacebookToken.Emulator;

/// <summary>
/// Joins arguments into one ProcessStartInfo.Arguments string that every platform's .NET splits back into the same
/// list (the MSVC CommandLineToArgvW rules .NET follows). Written here because .NET Framework has no ArgumentList.
/// </summary>
internal static class CommandLineText
{
    public static string Join(IEnumerable<string> arguments)
    {
        var text = new StringBuilder();
        foreach (string argument in arguments)
        {
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            Append(text, argument);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string argument)
    {
        if (argument.Length > 0 && argument.IndexOfAny(new[] { ' ', '\t', '\n', '\v', '"' }) < 0)
        {
            text.Append(argument);
            return;
        }

        text.Append('"');
        int backslashes = 0;
        foreach (char c in argument)
        {
            if (c == '\\')
            {
                backslashes++;
                continue;
            }

            if (c == '"')
            {
                // Backslashes before a quote are doubled, and the quote itself is escaped.
                text.Append('\\', (backslashes * 2) + 1);
            }
            else
            {
                text.Append('\\', backslashes);
            }

            backslashes = 0;
            text.Append(c);
        }

        // Backslashes before the closing quote are doubled so they do not escape it.
        text.Append('\\', backslashes * 2);
        text.Append('"');
    }
}
