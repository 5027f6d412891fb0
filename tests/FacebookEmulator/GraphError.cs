namespace FacebookEmulator;

/// <summary>A Graph API error: <c>{"error":{"message","type","code","error_subcode","is_transient","fbtrace_id"}}</c>.</summary>
internal sealed record GraphError(int HttpStatus, int Code, string Message)
{
    public string Type { get; init; } = "OAuthException";

    public int? Subcode { get; init; }

    public bool? IsTransient { get; init; }

    public string? UserTitle { get; init; }

    public string? UserMessage { get; init; }

    /// <summary>For the WWW-Authenticate header: "invalid_code", "invalid_token", "invalid_request"; null for none.</summary>
    public string? WwwAuthenticateError { get; init; }

    /// <summary>WhatsApp Cloud API's <c>error_data.details</c>; sent with <c>error_data.messaging_product</c> "whatsapp" when set.</summary>
    public string? Details { get; init; }

    /// <summary>Seconds for a Retry-After header.</summary>
    public int? RetryAfterSeconds { get; init; }
}
