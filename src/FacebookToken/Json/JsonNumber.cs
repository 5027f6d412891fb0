using System.Globalization;

namespace FacebookToken.Json;

/// <summary>A JSON number kept as its text, so ids beyond 2^53 and values beyond double (1e400) survive unchanged.</summary>
internal sealed class JsonNumber
{
    public JsonNumber(string raw)
    {
        Raw = raw;
    }

    public string Raw { get; }

    public static JsonNumber From(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The value as a whole number (a fraction is cut off); null when it is outside long's range.</summary>
    /// <remarks>decimal, not double: double parsing of 1e400 differs between .NET Framework (fails) and .NET (infinity).</remarks>
    public long? ToInt64()
    {
        if (long.TryParse(Raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
        {
            return l;
        }

        return decimal.TryParse(Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal d) && d >= long.MinValue && d <= long.MaxValue
            ? (long)decimal.Truncate(d)
            : null;
    }

    public override string ToString() => Raw;
}
