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
}
