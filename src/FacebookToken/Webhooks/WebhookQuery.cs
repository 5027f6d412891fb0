using System;
using System.Collections.Generic;

namespace FacebookToken.Webhooks;

/// <summary>The hub.* values of a subscription GET, from its query string ("?hub.mode=subscribe&amp;...") or a whole URL.</summary>
internal static class WebhookQuery
{
    public static IReadOnlyDictionary<string, string?> Parse(string text)
    {
        string query = text;
        int mark = query.IndexOf('?');
        if (mark >= 0)
        {
            query = query.Substring(mark + 1);
        }

        int hash = query.IndexOf('#');
        if (hash >= 0)
        {
            query = query.Substring(0, hash);
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (string pair in query.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            int equals = pair.IndexOf('=');
            string name = Decode(equals < 0 ? pair : pair.Substring(0, equals));
            string value = equals < 0 ? string.Empty : Decode(pair.Substring(equals + 1));
            if (!values.ContainsKey(name))
            {
                values[name] = value;
            }
        }

        return values;
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
