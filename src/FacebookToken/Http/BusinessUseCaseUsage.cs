using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FacebookToken;

/// <summary>
/// Reads <c>X-Business-Use-Case-Usage</c>: <c>{"&lt;business id&gt;":[{"type","call_count","total_cputime","total_time","estimated_time_to_regain_access"}]}</c>,
/// where the last is in minutes. Facebook sends no Retry-After, so this is the only wait it names.
/// </summary>
internal static class BusinessUseCaseUsage
{
    private static readonly Regex s_regain = new("\"estimated_time_to_regain_access\"\\s*:\\s*\"?(\\d{1,9})", RegexOptions.CultureInvariant);

    /// <summary>The longest wait any business use case names, or null when none names one (or the header is absent).</summary>
    public static TimeSpan? RegainAccessAfter(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        int longest = 0;
        foreach (Match m in s_regain.Matches(header!))
        {
            if (int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int minutes) && minutes > longest)
            {
                longest = minutes;
            }
        }

        return longest > 0 ? TimeSpan.FromMinutes(longest) : null;
    }
}
