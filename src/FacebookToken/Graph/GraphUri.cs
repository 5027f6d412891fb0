using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace FacebookToken;

/// <summary>
/// Where a general Graph call goes: a path relative to the versioned Graph base (<c>me</c>,
/// <c>{waba-id}/message_templates?fields=name</c>), or an absolute URL on the configured Graph base URI that names its own
/// version (a <c>paging.next</c> link). Anything else is refused before a token is touched.
/// </summary>
internal sealed class GraphUri
{
    private static readonly Regex s_version = new("^v[0-9]{1,3}\\.[0-9]{1,3}$", RegexOptions.CultureInvariant);

    private GraphUri(string? apiVersion, string path, List<KeyValuePair<string, string>> query)
    {
        ApiVersion = apiVersion;
        Path = path;
        Query = query;
    }

    /// <summary>The version the URL named itself; null for a relative path, which gets -ApiVersion.</summary>
    public string? ApiVersion { get; }

    /// <summary>The path after the version, without a leading slash.</summary>
    public string Path { get; }

    /// <summary>The query of the URI, unescaped, in order.</summary>
    public List<KeyValuePair<string, string>> Query { get; }

    /// <summary>Parses what the user gave as -Uri; a token or proof in its query is refused (the token goes in the Authorization header only).</summary>
    public static GraphUri Parse(string? value, Uri graphBaseUri) => Parse(value, graphBaseUri, fromPaging: false);

    /// <summary>Parses a <c>paging.next</c> link: Facebook puts the caller's access_token (and proof) in it, which are dropped here and sent as before.</summary>
    public static GraphUri ParseNext(string value, Uri graphBaseUri) => Parse(value, graphBaseUri, fromPaging: true);

    private static GraphUri Parse(string? value, Uri graphBaseUri, bool fromPaging)
    {
        string text = (value ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            throw Refused(value, "is empty. Give a Graph path such as me or {phone-number-id}/messages, or a URL on -GraphBaseUri.");
        }

        if (text.Length > 8192 || InputValidation.HasControlOrSpace(text))
        {
            throw Refused(value, "contains spaces or control characters (or is longer than 8192 characters). Escape values, or pass them with -Query.");
        }

        if (text.IndexOf('#') >= 0)
        {
            throw Refused(value, "has a fragment (#...), which Graph does not use.");
        }

        string pathPart;
        string queryPart;
        string? version = null;
        if (text.StartsWith("//", StringComparison.Ordinal) || text.IndexOf("://", StringComparison.Ordinal) >= 0)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri))
            {
                throw Refused(value, "is not a valid absolute URL.");
            }

            if (!SameOrigin(uri, graphBaseUri))
            {
                throw Refused(
                    value,
                    "is not on -GraphBaseUri " + InputValidation.Show(graphBaseUri.GetLeftPart(UriPartial.Authority))
                    + ". The token is only ever sent to the Graph API: give a path such as me, or a URL that starts with -GraphBaseUri (same scheme, host and port).");
            }

            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                throw Refused(value, "carries a user name or password.");
            }

            string basePath = graphBaseUri.AbsolutePath.TrimEnd('/') + "/";
            string absolutePath = uri.AbsolutePath;
            if (!absolutePath.StartsWith(basePath, StringComparison.Ordinal))
            {
                throw Refused(value, "is outside the path of -GraphBaseUri " + InputValidation.Show(graphBaseUri.OriginalString) + ".");
            }

            string rest = absolutePath.Substring(basePath.Length);
            int slash = rest.IndexOf('/');
            string first = slash < 0 ? rest : rest.Substring(0, slash);
            if (!s_version.IsMatch(first))
            {
                throw Refused(value, "names no API version after -GraphBaseUri (e.g. /v25.0/me). Give the path alone (me) to use -ApiVersion.");
            }

            version = first;
            pathPart = slash < 0 ? string.Empty : rest.Substring(slash + 1);
            queryPart = uri.Query.TrimStart('?');
            pathPart = Uri.UnescapeDataString(pathPart);
        }
        else
        {
            int q = text.IndexOf('?');
            pathPart = (q < 0 ? text : text.Substring(0, q)).TrimStart('/');
            queryPart = q < 0 ? string.Empty : text.Substring(q + 1);
            int slash = pathPart.IndexOf('/');
            string first = slash < 0 ? pathPart : pathPart.Substring(0, slash);
            if (s_version.IsMatch(first))
            {
                // "v24.0/me": the path names its version, as a paging link does; keep it.
                version = first;
                pathPart = slash < 0 ? string.Empty : pathPart.Substring(slash + 1);
            }
        }

        pathPart = pathPart.Trim('/');
        if (pathPart.Length == 0)
        {
            throw Refused(value, "names no Graph node. Give a path such as me or {waba-id}/message_templates.");
        }

        foreach (string segment in pathPart.Split('/'))
        {
            if (segment.Length == 0 || segment == "." || segment == ".." || segment.IndexOf('\\') >= 0 || segment.IndexOf('%') >= 0)
            {
                throw Refused(value, "has an empty, '.', '..' or escaped path segment. Give a plain Graph path such as {phone-number-id}/messages.");
            }
        }

        var query = new List<KeyValuePair<string, string>>();
        foreach (string pair in queryPart.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            string name = Unescape(eq < 0 ? pair : pair.Substring(0, eq));
            string v = eq < 0 ? string.Empty : Unescape(pair.Substring(eq + 1));
            if (IsCredential(name))
            {
                if (fromPaging)
                {
                    continue;
                }

                throw new FacebookInputException(
                    "TokenInGraphUri",
                    "Uri",
                    "-Uri carries " + name + " in its query. The token goes in the Authorization header only: pass it with -Name or -AccessToken (and app credentials for appsecret_proof), never in the URL.");
            }

            query.Add(new KeyValuePair<string, string>(name, v));
        }

        return new GraphUri(version, pathPart, query);
    }

    /// <summary>Query names that carry the token or its proof: never taken from the user, dropped from paging links.</summary>
    public static bool IsCredential(string name) =>
        string.Equals(name, "access_token", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "appsecret_proof", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "appsecret_time", StringComparison.OrdinalIgnoreCase);

    private static bool SameOrigin(Uri uri, Uri graphBaseUri) =>
        string.Equals(uri.Scheme, graphBaseUri.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Host, graphBaseUri.Host, StringComparison.OrdinalIgnoreCase)
        && uri.Port == graphBaseUri.Port;

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    /// <summary>The URI as an error may quote it: the token, proof and proof time taken out of its query first, then cut.</summary>
    private static FacebookInputException Refused(string? value, string why) =>
        new("InvalidGraphUri", "Uri", "-Uri " + InputValidation.Show(value is null ? null : AnswerScrubber.WithoutCredentials(value)) + " " + why);

    /// <summary>What an error record may name as its target: the URI without its query, which may carry a token.</summary>
    public static string? WithoutQuery(string? value)
    {
        if (value is null)
        {
            return null;
        }

        int cut = value.IndexOfAny(new[] { '?', '#' });
        return cut < 0 ? value : value.Substring(0, cut);
    }
}
