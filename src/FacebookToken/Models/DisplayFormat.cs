using System;
using System.Globalization;

namespace FacebookToken;

/// <summary>
/// The one way every view shows a date and a time left (module/FacebookToken.Format.ps1xml calls these), so a table,
/// a list and every cmdlet's output read alike: dates to the minute in UTC (<c>2027-02-04 23:02Z</c>), time left in
/// the two largest units (<c>59d 23h</c>, <c>5h 12m</c>, <c>12m</c>, <c>&lt;1m</c>, <c>expired</c>, <c>never</c>).
/// </summary>
/// <remarks>
/// Display text only: the models keep DateTimeOffset and TimeSpan values for scripts to compare. The text is
/// culture-invariant, so a view reads the same on every machine and in both PowerShell editions.
/// </remarks>
public static class DisplayFormat
{
    /// <summary>The date format of every view: UTC, to the minute, ISO 8601 order.</summary>
    public const string DatePattern = "yyyy-MM-dd HH:mm'Z'";

    /// <summary>A date as every view shows it; empty for null.</summary>
    public static string Date(DateTimeOffset? value) =>
        value.HasValue ? value.Value.ToUniversalTime().ToString(DatePattern, CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>An expiry as every view shows it: the date, or <c>never</c> for null (no expiry, or Facebook did not say).</summary>
    public static string Expiry(DateTimeOffset? value) => value.HasValue ? Date(value) : "never";

    /// <summary>
    /// Time left as every view shows it: <c>never</c> for null, <c>expired</c> at or below zero, else the two largest
    /// units, rounded down (<c>59d 23h</c>, <c>1h 29m</c>, <c>9m</c>, <c>&lt;1m</c>).
    /// </summary>
    public static string TimeLeft(TimeSpan? left)
    {
        if (!left.HasValue)
        {
            return "never";
        }

        TimeSpan value = left.Value;
        if (value <= TimeSpan.Zero)
        {
            return "expired";
        }

        if (value.TotalDays >= 1)
        {
            return string.Format(CultureInfo.InvariantCulture, "{0}d {1}h", Math.Floor(value.TotalDays), value.Hours);
        }

        if (value.TotalHours >= 1)
        {
            return string.Format(CultureInfo.InvariantCulture, "{0}h {1}m", value.Hours, value.Minutes);
        }

        return value.TotalMinutes >= 1 ? value.Minutes.ToString(CultureInfo.InvariantCulture) + "m" : "<1m";
    }

    /// <summary>Time left until <paramref name="expiresOn"/>, measured now, as <see cref="TimeLeft(TimeSpan?)"/> shows it.</summary>
    public static string TimeUntil(DateTimeOffset? expiresOn) =>
        TimeLeft(expiresOn.HasValue ? expiresOn.Value - DateTimeOffset.UtcNow : null);
}
