using System;
using System.Collections.Generic;
using System.Globalization;
using FacebookToken.Json;

namespace FacebookToken;

/// <summary>
/// One -All run of Invoke-FacebookGraphRequest: follows <c>paging.next</c> with GET only, stops with an error when a link
/// comes back a second time (a server that pages in a circle), and ends after <see cref="MaxPages"/> pages.
/// </summary>
/// <remarks>A server decides what <c>paging.next</c> says; without these bounds it could keep a runbook paging forever.</remarks>
internal sealed class GraphPaging
{
    /// <summary>The most pages one -All run reads (a million items at Graph's largest page sizes).</summary>
    public const int MaxPages = 10_000;

    private readonly FacebookGraphClient _client;
    private readonly string _name;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private int _pages;

    public GraphPaging(FacebookEndpoint endpoint)
    {
        _client = new FacebookGraphClient(endpoint);
        _name = endpoint.GraphBaseUri.Authority;
    }

    /// <summary>-All pages with GET only: a POST or DELETE following paging.next would repeat a write on every page.</summary>
    public static void CheckMethod(GraphCall call)
    {
        if (!call.IsGet)
        {
            throw new FacebookInputException(
                "AllWithoutGet",
                "All",
                "-All follows paging.next, which is read with GET only; with -Method " + call.Method.Method + " every page would repeat the write. Leave out -All, or read the list with -Method GET.");
        }
    }

    /// <summary>The next page after <paramref name="answer"/>, or null on the last page; throws when the link repeats or the page budget is spent.</summary>
    public GraphUri? Next(JsonObject answer)
    {
        _pages++;
        string? link = answer.GetObject("paging")?.GetString("next");
        if (string.IsNullOrEmpty(link))
        {
            return null;
        }

        if (!_seen.Add(AnswerScrubber.WithoutCredentials(link!)))
        {
            throw new FacebookResponseException(
                string.Format(CultureInfo.InvariantCulture, "paging.next after page {0} is a link already followed in this -All run, so the server pages in a circle. The items so far were written; stop here, or page by hand with -Uri and the 'after' cursor.", _pages),
                _name,
                200,
                "application/json");
        }

        if (_pages >= MaxPages)
        {
            throw new FacebookResponseException(
                string.Format(CultureInfo.InvariantCulture, "-All read {0} pages, the most one run follows, and paging.next still names another. The items so far were written; narrow the request (fields, filters, a larger limit) or page on with -Uri and the last 'after' cursor.", MaxPages),
                _name,
                200,
                "application/json");
        }

        return _client.NextPage(answer);
    }
}
