using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FacebookEmulator;

/// <summary>
/// Facebook's cursor paging for every list the emulator serves: <c>limit</c>, <c>after</c> and <c>before</c> in,
/// <c>{"cursors":{"before","after"},"previous","next"}</c> out. <c>next</c> is written when items follow the page,
/// <c>previous</c> when items precede it (Graph: "If not included, this is the first page of data"), both absolute URLs
/// with the request's parameters and the caller's access_token, as Graph writes them (Meta's Business SDK for Node
/// follows these URLs as they are: its Cursor sends no token of its own).
/// </summary>
internal static class GraphPaging
{
    public const int DefaultPageSize = 25;

    /// <summary>Items [Start, End) of Total, for the request's <c>limit</c> and <c>after</c> (or <c>before</c>) cursor.</summary>
    public readonly record struct Window(int Start, int End, int Limit, int Total);

    /// <summary>
    /// The page the request asks for: after a cursor the items that follow it, before one the <c>limit</c> items that
    /// precede it, else the first page. An unreadable cursor counts as none (the first page).
    /// </summary>
    public static Window WindowFor(IReadOnlyDictionary<string, string> parameters, int total, int maxLimit = int.MaxValue)
    {
        int limit = int.TryParse(parameters.Get("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out int l) && l > 0
            ? Math.Min(l, maxLimit)
            : Math.Min(DefaultPageSize, maxLimit);
        int start;
        int end;
        if (DecodeCursor(parameters.Get("after")) is { } after)
        {
            start = Math.Clamp(after + 1, 0, total);
            end = Math.Min(total, start + limit);
        }
        else if (DecodeCursor(parameters.Get("before")) is { } before)
        {
            end = Math.Clamp(before, 0, total);
            start = Math.Max(0, end - limit);
        }
        else
        {
            start = 0;
            end = Math.Min(total, limit);
        }

        return new Window(start, end, limit, total);
    }

    /// <summary><c>{"data":[...],"paging":...}</c>; an empty page has no paging at all, as Facebook answers an empty list.</summary>
    public static JsonObject Page(HttpContext context, Window window, JsonArray data, EmulatorToken token)
    {
        var body = new JsonObject { ["data"] = data };
        if (window.End <= window.Start)
        {
            return body;
        }

        var paging = new JsonObject
        {
            ["cursors"] = new JsonObject { ["before"] = EncodeCursor(window.Start), ["after"] = EncodeCursor(window.End - 1) },
        };
        if (window.Start > 0)
        {
            paging["previous"] = LinkUrl(context, "before", EncodeCursor(window.Start), window.Limit, token);
        }

        if (window.End < window.Total)
        {
            paging["next"] = LinkUrl(context, "after", EncodeCursor(window.End - 1), window.Limit, token);
        }

        body["paging"] = paging;
        return body;
    }

    /// <summary>
    /// The request's URL with its parameters (access_token included even when it came in the Authorization header, as
    /// Facebook writes it: huandu/facebook#182 works around the same), the page size and one cursor.
    /// </summary>
    private static string LinkUrl(HttpContext context, string cursorName, string cursor, int limit, EmulatorToken token)
    {
        HttpRequest request = context.Request;
        var query = new List<string>();
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> pair in request.Query)
        {
            if (pair.Key is not "after" and not "before" and not "limit" and not "access_token")
            {
                query.Add(Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value.ToString()));
            }
        }

        query.Add("access_token=" + Uri.EscapeDataString(token.Value));
        query.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        query.Add(cursorName + "=" + Uri.EscapeDataString(cursor));
        return request.Scheme + "://" + request.Host + request.PathBase + request.Path + "?" + string.Join("&", query);
    }

    private static string EncodeCursor(int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("emulator:" + index.ToString(CultureInfo.InvariantCulture))).TrimEnd('=');

    private static int? DecodeCursor(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            string text = Encoding.ASCII.GetString(Convert.FromBase64String(cursor + new string('=', (4 - (cursor.Length % 4)) % 4)));
            return text.StartsWith("emulator:", StringComparison.Ordinal)
                && int.TryParse(text["emulator:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                ? index
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
