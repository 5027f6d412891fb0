using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using FacebookToken.Json;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>
/// Makes a parsed answer safe to become an object: every name and text in it scrubbed of the request's secrets, and
/// <c>access_token</c>, <c>appsecret_proof</c> and <c>appsecret_time</c> taken out of every paging link (Facebook writes
/// the caller's token into <c>paging.next</c> and <c>paging.previous</c>).
/// </summary>
/// <remarks>
/// Works on the parsed tree, not the raw text, so a JSON escape (<c>\u0045AAG…</c>) cannot hide a secret from it.
/// A token endpoint's own <c>access_token</c> (the token it issues, which a renewal may give back unchanged) is kept
/// when the request says it issues one; it goes into a SecureString, never into output.
/// </remarks>
internal static class AnswerScrubber
{
    public static JsonObject Scrub(JsonObject answer, GraphRequest request, CancellationToken cancellationToken)
    {
        var state = new State(request.SecretValues, cancellationToken);
        return ScrubObject(answer, state, topLevel: true, keepIssuedToken: request.IssuesToken, isPaging: false);
    }

    /// <summary>A link with its credential parameters (<see cref="GraphUri.IsCredential"/>) removed; anything else as it was.</summary>
    public static string WithoutCredentials(string link)
    {
        int q = link.IndexOf('?');
        if (q < 0)
        {
            return link;
        }

        int hash = link.IndexOf('#', q);
        string query = hash < 0 ? link.Substring(q + 1) : link.Substring(q + 1, hash - q - 1);
        var kept = new List<string>();
        bool dropped = false;
        foreach (string pair in query.Split('&'))
        {
            int eq = pair.IndexOf('=');
            string name = eq < 0 ? pair : pair.Substring(0, eq);
            string unescaped;
            try
            {
                unescaped = Uri.UnescapeDataString(name.Replace('+', ' ')).Trim();
            }
            catch (UriFormatException)
            {
                unescaped = name;
            }

            if (GraphUri.IsCredential(unescaped))
            {
                dropped = true;
                continue;
            }

            if (pair.Length > 0)
            {
                kept.Add(pair);
            }
        }

        if (!dropped)
        {
            return link;
        }

        var sb = new StringBuilder(link, 0, q, link.Length);
        if (kept.Count > 0)
        {
            sb.Append('?').Append(string.Join("&", kept));
        }

        if (hash >= 0)
        {
            sb.Append(link, hash, link.Length - hash);
        }

        return sb.ToString();
    }

    private static JsonObject ScrubObject(JsonObject obj, State state, bool topLevel, bool keepIssuedToken, bool isPaging)
    {
        var result = new JsonObject();
        foreach (KeyValuePair<string, object?> member in obj)
        {
            string name = state.Text(member.Key);
            object? value = member.Value;
            if (topLevel && keepIssuedToken && member.Key == "access_token" && value is string)
            {
                // The token the endpoint issues: read into a SecureString by the caller, never output.
            }
            else if (isPaging && value is string link && (member.Key == "next" || member.Key == "previous"))
            {
                value = state.Text(WithoutCredentials(link));
            }
            else
            {
                value = ScrubValue(value, state, member.Key == "paging");
            }

            if (!result.TryGetValue(name, out _))
            {
                // Two names that differ only in a secret become one; the first is kept rather than failing the answer.
                result.Add(name, value);
            }
        }

        return result;
    }

    private static object? ScrubValue(object? value, State state, bool isPaging) => value switch
    {
        string text => state.Text(text),
        JsonObject obj => ScrubObject(obj, state, topLevel: false, keepIssuedToken: false, isPaging),
        List<object?> list => ScrubList(list, state),
        _ => value,
    };

    private static List<object?> ScrubList(List<object?> list, State state)
    {
        var result = new List<object?>(list.Count);
        foreach (object? item in list)
        {
            result.Add(ScrubValue(item, state, isPaging: false));
        }

        return result;
    }

    private sealed class State
    {
        private readonly string[] _secrets;
        private readonly CancellationToken _cancellationToken;
        private int _count;

        public State(string[] secrets, CancellationToken cancellationToken)
        {
            _secrets = secrets;
            _cancellationToken = cancellationToken;
        }

        public string Text(string text)
        {
            if ((++_count & 0xFF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            return _secrets.Length == 0 ? text : SecretMask.Scrub(text, _cancellationToken, _secrets);
        }
    }
}
