namespace FacebookEmulator;

/// <summary>Reads Graph parameters from the query string and a form body (the body wins on a clash).</summary>
internal static class GraphParameters
{
    public static async Task<IReadOnlyDictionary<string, string>> ReadAsync(HttpContext context)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> pair in context.Request.Query)
        {
            result[pair.Key] = pair.Value.ToString();
        }

        if (context.Request.HasFormContentType)
        {
            IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
            foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> pair in form)
            {
                result[pair.Key] = pair.Value.ToString();
            }
        }

        return result;
    }

    public static string? Get(this IReadOnlyDictionary<string, string> parameters, string name) =>
        parameters.TryGetValue(name, out string? value) && value.Length > 0 ? value : null;

    /// <summary>
    /// The caller's access token: the access_token parameter, else an <c>Authorization: Bearer X</c>
    /// or <c>Authorization: OAuth X</c> header.
    /// </summary>
    public static string? GetAccessToken(this IReadOnlyDictionary<string, string> parameters, HttpContext context)
    {
        string? token = parameters.Get("access_token");
        if (token is not null)
        {
            return token;
        }

        string header = context.Request.Headers.Authorization.ToString().Trim();
        foreach (string scheme in new[] { "Bearer ", "OAuth " })
        {
            if (header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                string value = header[scheme.Length..].Trim();
                return value.Length > 0 ? value : null;
            }
        }

        return null;
    }
}
