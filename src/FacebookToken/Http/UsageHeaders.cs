using System;
using System.Collections.Generic;
using System.Globalization;
using FacebookToken.Json;

namespace FacebookToken;

/// <summary>
/// Words Facebook's usage headers for Verbose: <c>X-App-Usage</c> (<c>{"call_count","total_cputime","total_time"}</c>,
/// percentages of the app's budget) and <c>X-Business-Use-Case-Usage</c> (per business id, a list of
/// <c>{"type","call_count","total_cputime","total_time","estimated_time_to_regain_access"}</c>, the wait in minutes).
/// </summary>
internal static class UsageHeaders
{
    private static readonly string[] s_counters = { "call_count", "total_cputime", "total_time" };

    /// <summary>One line for both headers, or null when the answer carried neither.</summary>
    public static string? Describe(string? appUsage, string? businessUseCaseUsage)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(appUsage))
        {
            parts.Add("X-App-Usage " + (JsonText.TryParseObject(appUsage!) is JsonObject app ? Percentages(app) : "(unreadable)"));
        }

        if (!string.IsNullOrEmpty(businessUseCaseUsage))
        {
            if (JsonText.TryParseObject(businessUseCaseUsage!) is JsonObject buc)
            {
                foreach (KeyValuePair<string, object?> business in buc)
                {
                    foreach (object? entry in business.Value as List<object?> ?? new List<object?>())
                    {
                        if (entry is JsonObject useCase)
                        {
                            string regain = useCase.GetInt64("estimated_time_to_regain_access") is long minutes && minutes > 0
                                ? ", access returns in about " + minutes.ToString(CultureInfo.InvariantCulture) + " min"
                                : string.Empty;
                            parts.Add("X-Business-Use-Case-Usage " + business.Key + " " + (useCase.GetString("type") ?? "?") + ": " + Percentages(useCase) + regain);
                        }
                    }
                }
            }
            else
            {
                parts.Add("X-Business-Use-Case-Usage (unreadable)");
            }
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private static string Percentages(JsonObject usage)
    {
        var shown = new List<string>();
        foreach (string name in s_counters)
        {
            if (usage.GetInt64(name) is long value)
            {
                shown.Add(name + " " + value.ToString(CultureInfo.InvariantCulture) + "%");
            }
        }

        return shown.Count == 0 ? "(no counters)" : string.Join(", ", shown);
    }
}
