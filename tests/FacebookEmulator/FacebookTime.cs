using System.Globalization;

namespace FacebookEmulator;

/// <summary>Formats times the way Facebook's expiry messages do ("Tuesday, 24-Nov-26 10:00:00 PST").</summary>
internal static class FacebookTime
{
    private static readonly TimeSpan s_pacific = TimeSpan.FromHours(-8);

    public static string Format(DateTimeOffset time) =>
        time.ToOffset(s_pacific).ToString("dddd, dd-MMM-yy HH:mm:ss", CultureInfo.InvariantCulture) + " PST";

    public static long ToUnix(DateTimeOffset time) => time.ToUnixTimeSeconds();
}
