using System.Collections.Generic;
using System.Globalization;

namespace FacebookToken.Json;

/// <summary>Tolerant readers for Graph answers: ids may be strings or numbers, numbers may be strings.</summary>
internal static class JsonObjectExtensions
{
    public static Dictionary<string, object?>? GetObject(this Dictionary<string, object?> obj, string name) =>
        obj.TryGetValue(name, out object? v) ? v as Dictionary<string, object?> : null;

    public static List<object?>? GetArray(this Dictionary<string, object?> obj, string name) =>
        obj.TryGetValue(name, out object? v) ? v as List<object?> : null;

    /// <summary>A string or number property as a string; null when absent or of another kind.</summary>
    public static string? GetString(this Dictionary<string, object?> obj, string name)
    {
        if (!obj.TryGetValue(name, out object? v))
        {
            return null;
        }

        return v switch
        {
            string s => s,
            JsonNumber n => n.Raw,
            bool b => b ? "true" : "false",
            _ => null,
        };
    }

    public static long? GetInt64(this Dictionary<string, object?> obj, string name)
    {
        if (!obj.TryGetValue(name, out object? v))
        {
            return null;
        }

        if (v is JsonNumber n)
        {
            if (n.TryGetInt64(out long l))
            {
                return l;
            }

            if (double.TryParse(n.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d >= long.MinValue && d <= long.MaxValue)
            {
                return (long)d;
            }

            return null;
        }

        if (v is string s && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
        {
            return parsed;
        }

        return null;
    }

    public static bool? GetBoolean(this Dictionary<string, object?> obj, string name)
    {
        if (!obj.TryGetValue(name, out object? v))
        {
            return null;
        }

        return v switch
        {
            bool b => b,
            string s when s == "true" || s == "1" => true,
            string s when s == "false" || s == "0" => false,
            JsonNumber n => n.Raw != "0",
            _ => null,
        };
    }

    public static string[] GetStringArray(this Dictionary<string, object?> obj, string name)
    {
        var list = obj.GetArray(name);
        if (list is null)
        {
            return new string[0];
        }

        var result = new List<string>(list.Count);
        foreach (object? item in list)
        {
            if (item is string s)
            {
                result.Add(s);
            }
            else if (item is JsonNumber n)
            {
                result.Add(n.Raw);
            }
        }

        return result.ToArray();
    }
}
