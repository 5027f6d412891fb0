using System;
using System.Collections.Generic;

namespace FacebookToken;

/// <summary>The parameters of a login redirect, from its query and/or fragment.</summary>
public sealed class CallbackParameters
{
    private readonly Dictionary<string, string> _values;

    private CallbackParameters(Dictionary<string, string> values)
    {
        _values = values;
    }

    public string? Code => Get("code");

    public string? State => Get("state");

    public string? Error => Get("error");

    public string? ErrorReason => Get("error_reason");

    public string? ErrorDescription => Get("error_description");

    public string? ErrorCode => Get("error_code");

    /// <summary>Facebook's <c>error_message</c>, sent with <c>error_code</c> (4201, 1349003) and no <c>error</c> when the dialog is cancelled.</summary>
    public string? ErrorMessage => Get("error_message");

    public string? GrantedScopes => Get("granted_scopes");

    public bool IsEmpty => _values.Count == 0;

    public string? Get(string name) => _values.TryGetValue(name, out string? v) ? v : null;

    /// <summary>
    /// Reads a pasted final URL (query or fragment; Facebook's <c>#_=_</c> tolerated), a bare query string, or
    /// just <c>code=...&amp;state=...</c>. The first value of a repeated name wins.
    /// </summary>
    public static CallbackParameters Parse(string? text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string s = (text ?? string.Empty).Trim();
        int q = s.IndexOf('?');
        int h = s.IndexOf('#');
        string query;
        string fragment = string.Empty;
        if (q >= 0)
        {
            query = h > q ? s.Substring(q + 1, h - q - 1) : s.Substring(q + 1);
            if (h > q)
            {
                fragment = s.Substring(h + 1);
            }
        }
        else if (h >= 0)
        {
            query = s.IndexOf('=') >= 0 && s.IndexOf('=') < h && s.IndexOf("://", StringComparison.Ordinal) < 0 ? s.Substring(0, h) : string.Empty;
            fragment = s.Substring(h + 1);
        }
        else
        {
            query = s.IndexOf("://", StringComparison.Ordinal) >= 0 ? string.Empty : s;
        }

        Add(values, query);
        Add(values, fragment);
        return new CallbackParameters(values);
    }

    /// <summary>Parses just a query string as the listener receives it.</summary>
    public static CallbackParameters FromQuery(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(values, query.TrimStart('?'));
        return new CallbackParameters(values);
    }

    private static void Add(Dictionary<string, string> values, string part)
    {
        foreach (string pair in part.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            int eq = pair.IndexOf('=');
            string name = Decode(eq < 0 ? pair : pair.Substring(0, eq));
            string value = eq < 0 ? string.Empty : Decode(pair.Substring(eq + 1));

            // Facebook appends "#_=_"; it carries nothing.
            if (name == "_" || name.Length == 0 || values.ContainsKey(name))
            {
                continue;
            }

            values[name] = value;
        }
    }

    private static string Decode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return value;
        }
    }
}
