using System.Text;
using System.Text.Json.Nodes;

namespace FacebookEmulator;

/// <summary>Writes Graph answers with Facebook's headers.</summary>
internal static class GraphResponses
{
    public static Task WriteJsonAsync(HttpContext context, JsonNode body, int status = StatusCodes.Status200OK) =>
        WriteRawJsonAsync(context, body.ToJsonString(), status);

    public static async Task WriteRawJsonAsync(HttpContext context, string json, int status = StatusCodes.Status200OK)
    {
        HttpResponse response = context.Response;
        response.StatusCode = status;
        AddCommonHeaders(context);

        response.ContentType = context.GetState().Settings.JsonContentType;
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext context, GraphError error)
    {
        string traceId = RandomTokens.NewTraceId();
        var inner = new JsonObject
        {
            ["message"] = error.Message,
            ["type"] = error.Type,
            ["code"] = error.Code,
        };
        if (error.Subcode is { } subcode)
        {
            inner["error_subcode"] = subcode;
        }

        if (error.IsTransient is { } transient)
        {
            inner["is_transient"] = transient;
        }

        if (error.UserTitle is not null)
        {
            inner["error_user_title"] = error.UserTitle;
        }

        if (error.UserMessage is not null)
        {
            inner["error_user_msg"] = error.UserMessage;
        }

        if (error.Details is not null)
        {
            inner["error_data"] = new JsonObject { ["messaging_product"] = "whatsapp", ["details"] = error.Details };
        }

        inner["fbtrace_id"] = traceId;

        HttpResponse response = context.Response;
        response.Headers["x-fb-trace-id"] = traceId;
        if (error.WwwAuthenticateError is { } kind)
        {
            response.Headers.WWWAuthenticate =
                "OAuth \"Facebook Platform\" \"" + kind + "\" \"" + AsciiHeaderText(error.Message) + "\"";
        }

        if (error.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(context, new JsonObject { ["error"] = inner }, error.HttpStatus);
    }

    /// <summary>
    /// Facebook sends X-App-Usage on some answers only: here on Graph object reads (/me, /me/accounts, ...),
    /// never on oauth/access_token or debug_token, so a client must read both kinds.
    /// </summary>
    public static void AddAppUsage(HttpContext context) =>
        context.Response.Headers["X-App-Usage"] = context.GetState().NextAppUsage();

    public static void AddCommonHeaders(HttpContext context)
    {
        HttpResponse response = context.Response;
        if (context.GetGraphVersion() is { } version)
        {
            response.Headers["facebook-api-version"] = version;
        }

        response.Headers.CacheControl = "private, no-cache, no-store, must-revalidate";
        response.Headers.Pragma = "no-cache";
    }

    /// <summary>Header values are ASCII; a localised message keeps its full text in the body only.</summary>
    private static string AsciiHeaderText(string message)
    {
        var sb = new System.Text.StringBuilder(message.Length);
        foreach (char c in message)
        {
            sb.Append(c == '"' ? '\'' : c is >= ' ' and <= '~' ? c : '?');
        }

        return sb.ToString();
    }
}
