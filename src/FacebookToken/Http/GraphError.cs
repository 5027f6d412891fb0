using FacebookToken.Json;

namespace FacebookToken;

/// <summary>Graph's <c>error</c> object, as sent.</summary>
internal sealed class GraphError
{
    public string? Message { get; private set; }

    public string? Type { get; private set; }

    public long? Code { get; private set; }

    public long? Subcode { get; private set; }

    public string? UserTitle { get; private set; }

    public string? UserMessage { get; private set; }

    public string? FbTraceId { get; private set; }

    public bool IsTransient { get; private set; }

    /// <summary>WhatsApp Cloud API's <c>error_data.details</c>: which parameter or number the error is about.</summary>
    public string? Details { get; private set; }

    public static GraphError Read(JsonObject error) => new()
    {
        Message = error.GetString("message"),
        Type = error.GetString("type"),
        Code = error.GetInt64("code"),
        Subcode = error.GetInt64("error_subcode"),
        UserTitle = error.GetString("error_user_title"),
        UserMessage = error.GetString("error_user_msg"),
        FbTraceId = error.GetString("fbtrace_id"),
        IsTransient = error.GetBoolean("is_transient") ?? false,
        Details = error.GetObject("error_data")?.GetString("details"),
    };
}
