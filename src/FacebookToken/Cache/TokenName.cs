using System.Globalization;
using System.Linq;

namespace FacebookToken.Cache;

/// <summary>
/// What may name a cached token: 1 to 128 characters, no wildcards, no control characters, no invisible formatting
/// characters (bidirectional overrides, zero-width spaces and joiners), no outer spaces.
/// </summary>
internal static class TokenName
{
    /// <summary>Throws <see cref="FacebookInputException"/> (InvalidTokenName) for a name the cache cannot keep.</summary>
    public static void Validate(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new FacebookInputException("InvalidTokenName", "Name", "No name for the cached token: give -Name, e.g. -Name wa-prod (a token read from the cache brings its own).");
        }

        if (string.IsNullOrWhiteSpace(name) || name!.Length > 128 || name.Trim() != name || name.IndexOfAny(new[] { '*', '?', '[', ']' }) >= 0 || name.Any(char.IsControl))
        {
            throw new FacebookInputException(
                "InvalidTokenName",
                "Name",
                "Name " + InputValidation.Show(name) + " cannot name a cached token: use 1 to 128 characters, no wildcards (* ? [ ]), no control characters, no leading or trailing spaces, e.g. wa-prod.");
        }

        // Format characters (U+202E RIGHT-TO-LEFT OVERRIDE, U+200B ZERO WIDTH SPACE, ...) make a name look like another one.
        int hidden = name.ToCharArray().ToList().FindIndex(c => CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);
        if (hidden >= 0)
        {
            throw new FacebookInputException(
                "InvalidTokenName",
                "Name",
                "The name contains the invisible character U+" + ((int)name[hidden]).ToString("X4", CultureInfo.InvariantCulture) + " at position " + (hidden + 1)
                    + " (a bidirectional or zero-width formatting character), which would make it look like another name. Type the name again without it, e.g. wa-prod.");
        }
    }
}
