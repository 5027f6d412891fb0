using System;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using FacebookToken.Json;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>Turns one answer into its JSON object or a typed error: status, content type, HTML excerpts, JSON, Graph's error object.</summary>
/// <remarks>Every text taken from the answer is scrubbed of the request's secrets before it reaches an exception.</remarks>
internal static class GraphResponseReader
{
    public static JsonObject Read(GraphResponse response, string name, GraphRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return ReadCore(response, name, request, cancellationToken);
        }
        catch (FacebookException ex)
        {
            if (int.TryParse(response.RetryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds))
            {
                ex.RetryAfter = TimeSpan.FromSeconds(seconds);
            }

            if (ex is FacebookApiException { Kind: FacebookErrorKind.RateLimited } throttled)
            {
                throttled.RegainAccessAfter = BusinessUseCaseUsage.RegainAccessAfter(response.BusinessUseCaseUsage);
            }

            throw;
        }
    }

    private static JsonObject ReadCore(GraphResponse response, string name, GraphRequest request, CancellationToken cancellationToken)
    {
        string[] secrets = request.SecretValues;
        response = response.Scrubbed(secrets);
        string trimmed = response.Body.Trim().TrimStart('\uFEFF');
        if (response.Status >= 300 && response.Status < 400)
        {
            string target = response.Location is null ? "nowhere" : SafeHost(response.Location);
            throw Unexpected(response, name, string.Format(CultureInfo.InvariantCulture, "{0} answered HTTP {1} (a redirect to {2}) instead of JSON. Redirects are not followed for token requests; check -GraphBaseUri.", name, response.Status, target));
        }

        if (trimmed.Length == 0)
        {
            throw Unexpected(response, name, string.Format(CultureInfo.InvariantCulture, "{0} answered HTTP {1} {2} with an empty body instead of JSON.{3}", name, response.Status, response.ReasonPhrase, RetryHint(response.Status)));
        }

        if (trimmed[0] != '{' && trimmed[0] != '[')
        {
            throw Unexpected(response, name, string.Format(
                CultureInfo.InvariantCulture,
                "{0} answered HTTP {1} {2} with {3} instead of JSON{4}.{5}",
                name,
                response.Status,
                response.ReasonPhrase,
                response.ContentType ?? "an untyped body",
                Excerpt(trimmed, secrets),
                RetryHint(response.Status)));
        }

        object? parsed;
        try
        {
            parsed = JsonText.Parse(trimmed);
        }
        catch (FormatException ex)
        {
            throw new FacebookResponseException(
                string.Format(CultureInfo.InvariantCulture, "{0} answered HTTP {1} with malformed or truncated JSON ({2}).{3}", name, response.Status, SecretMask.Scrub(ex.Message, secrets).TrimEnd('.'), RetryHint(response.Status)),
                name,
                response.Status,
                response.ContentType,
                ex);
        }

        if (parsed is not JsonObject obj)
        {
            throw Unexpected(response, name, string.Format(CultureInfo.InvariantCulture, "{0} answered HTTP {1} with JSON that is not an object.", name, response.Status));
        }

        // Before anything reads it, success or error: a server may echo the bearer or the proof anywhere, and
        // Facebook writes the caller's token into paging links.
        obj = AnswerScrubber.Scrub(obj, request, cancellationToken);

        if (obj.GetObject("error") is JsonObject error)
        {
            throw ToApiException(GraphError.Read(error), response, name, request);
        }

        if (response.Status < 200 || response.Status >= 300)
        {
            throw Unexpected(response, name, string.Format(CultureInfo.InvariantCulture, "{0} answered HTTP {1} {2} with JSON that holds no error object.{3}", name, response.Status, response.ReasonPhrase, RetryHint(response.Status)));
        }

        return obj;
    }

    private static FacebookApiException ToApiException(GraphError error, GraphResponse response, string name, GraphRequest request)
    {
        string[] secrets = request.SecretValues;
        int? code = ToInt(error.Code);
        int? subcode = ToInt(error.Subcode);
        string? fbMessage = Scrub(error.Message, secrets);
        string? trace = Scrub(error.FbTraceId, secrets) ?? response.FbTraceId;
        FacebookErrorKind kind = FacebookErrorClassifier.Classify(code, subcode, GraphErrorTable.EndpointOf(request), error.IsTransient, response.Status, GraphErrorTable.SentCodeVerifier(request));
        string? errorType = Scrub(error.Type, secrets);
        string advice = ErrorAdviceTable.For(code, subcode, errorType, request) ?? FacebookErrorClassifier.Advice(kind);
        return new FacebookApiException(
            FacebookErrorClassifier.Describe(name, fbMessage, code, subcode, trace, kind, advice),
            kind,
            name,
            response.Status,
            code,
            subcode,
            errorType,
            fbMessage,
            trace,
            error.IsTransient,
            Scrub(error.UserTitle, secrets),
            Scrub(error.UserMessage, secrets))
        {
            Details = Scrub(error.Details, secrets),
            RecommendedAction = advice,
        };
    }

    private static FacebookResponseException Unexpected(GraphResponse response, string name, string message) =>
        new(message, name, response.Status, response.ContentType);

    /// <summary>A text for a message or exception property: scrubbed of the request's secrets, then rid of control and formatting characters.</summary>
    private static string? Scrub(string? text, string[] secrets) => text is null ? null : ServerText.Clean(SecretMask.Scrub(text, secrets));

    private static int? ToInt(long? value) => value >= int.MinValue && value <= int.MaxValue ? (int)value.Value : null;

    private static string RetryHint(int status) =>
        status >= 500 ? " This is usually a passing problem at Facebook or a proxy: try again shortly." : " Check -GraphBaseUri and any proxy in between.";

    private static string Excerpt(string body, string[] secrets)
    {
        // Scrubbed before anything else: a cut (or a whitespace change) could leave part of a secret that no longer matches.
        body = ServerText.Clean(SecretMask.Scrub(body, secrets))!;
        Match title = Regex.Match(body, "<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline);
        string text = title.Success ? title.Groups[1].Value : body;
        text = Regex.Replace(text, @"\s+", " ").Trim();
        if (text.Length > 80)
        {
            text = text.Substring(0, 80) + "…";
        }

        return text.Length == 0 ? string.Empty : ": \"" + InputValidation.Show(text).Trim('\'') + "\"";
    }

    private static string SafeHost(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out Uri? uri) ? uri.Authority : "a relative location";
}
