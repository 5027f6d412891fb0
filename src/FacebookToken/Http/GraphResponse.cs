using System;
using System.Collections.Generic;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>What came back, before interpretation.</summary>
internal sealed class GraphResponse
{
    public GraphResponse(int status, string? reasonPhrase, string? contentType, string body, string? location, string? retryAfter, string? fbTraceId, string? appUsage)
    {
        Status = status;
        ReasonPhrase = reasonPhrase;
        ContentType = contentType;
        Body = body;
        Location = location;
        RetryAfter = retryAfter;
        FbTraceId = fbTraceId;
        AppUsage = appUsage;
    }

    public int Status { get; }

    public string? ReasonPhrase { get; }

    public string? ContentType { get; }

    public string Body { get; }

    public string? Location { get; }

    public string? RetryAfter { get; }

    public string? FbTraceId { get; }

    public string? AppUsage { get; }

    /// <summary>The X-Business-Use-Case-Usage header, sent on some answers only.</summary>
    public string? BusinessUseCaseUsage { get; set; }

    /// <summary>Every header of the answer (content headers included), as sent.</summary>
    public KeyValuePair<string, string[]>[] Headers { get; set; } = new KeyValuePair<string, string[]>[0];

    /// <summary>A copy whose header texts (which Debug, messages and exception properties show) hold none of <paramref name="secrets"/>.</summary>
    /// <remarks>The body stays as sent: it is parsed first, and each text taken from it is scrubbed where it is taken.</remarks>
    public GraphResponse Scrubbed(string[] secrets) =>
        new(Status, Scrub(ReasonPhrase, secrets), Scrub(ContentType, secrets), Body, Scrub(Location, secrets), Scrub(RetryAfter, secrets), Scrub(FbTraceId, secrets), Scrub(AppUsage, secrets))
        {
            BusinessUseCaseUsage = Scrub(BusinessUseCaseUsage, secrets),
            Headers = Array.ConvertAll(Headers, h => new KeyValuePair<string, string[]>(h.Key, Array.ConvertAll(h.Value, v => SecretMask.Scrub(v, secrets)))),
        };

    private static string? Scrub(string? text, string[] secrets) => text is null ? null : SecretMask.Scrub(text, secrets);
}
