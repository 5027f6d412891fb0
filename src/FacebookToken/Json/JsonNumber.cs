using System.Globalization;

namespace FacebookToken.Json;

/// <summary>A JSON number kept as its text, so large ids (app ids, user ids) survive without rounding.</summary>
internal sealed class JsonNumber
{
    public JsonNumber(string raw)
    {
        Raw = raw;
    }

    public string Raw { get; }

    public bool TryGetInt64(out long value) =>
        long.TryParse(Raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public override string ToString() => Raw;
}
