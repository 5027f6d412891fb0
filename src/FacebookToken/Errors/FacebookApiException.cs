using System;

namespace FacebookToken;

/// <summary>Facebook answered with its own error object. Every field Facebook gave survives here.</summary>
public sealed class FacebookApiException : FacebookException
{
    public FacebookApiException(
        string message,
        FacebookErrorKind kind,
        string? endpoint,
        int httpStatus,
        int? code,
        int? subcode,
        string? errorType,
        string? facebookMessage,
        string? fbTraceId,
        bool isTransientFlag,
        string? userTitle,
        string? userMessage)
        : base(message, kind, endpoint, null)
    {
        HttpStatus = httpStatus;
        Code = code;
        Subcode = subcode;
        ErrorType = errorType;
        FacebookMessage = facebookMessage;
        FbTraceId = fbTraceId;
        IsTransientFlag = isTransientFlag;
        UserTitle = userTitle;
        UserMessage = userMessage;
    }

    public int HttpStatus { get; }

    /// <summary>Facebook's <c>code</c>, e.g. 100, 190.</summary>
    public int? Code { get; }

    /// <summary>Facebook's <c>error_subcode</c>, e.g. 36009, 463.</summary>
    public int? Subcode { get; }

    /// <summary>Facebook's <c>type</c>, usually OAuthException.</summary>
    public string? ErrorType { get; }

    /// <summary>Facebook's own <c>message</c>, unchanged but for any secret of ours it echoed.</summary>
    public string? FacebookMessage { get; }

    /// <summary>Facebook's <c>fbtrace_id</c>, for a support request.</summary>
    public string? FbTraceId { get; }

    /// <summary>Facebook's <c>is_transient</c> flag as sent.</summary>
    public bool IsTransientFlag { get; }

    public string? UserTitle { get; }

    public string? UserMessage { get; }

    /// <summary>WhatsApp Cloud API's <c>error_data.details</c> (which parameter or number is wrong), when sent.</summary>
    public string? Details { get; internal set; }

    /// <summary>How long Facebook estimates until access returns (X-Business-Use-Case-Usage <c>estimated_time_to_regain_access</c>), when it said.</summary>
    public TimeSpan? RegainAccessAfter { get; internal set; }

    /// <summary>What to do about it, in one sentence naming the fix and the cmdlet; shown as the ErrorRecord's RecommendedAction.</summary>
    public string? RecommendedAction { get; internal set; }

    /// <summary>True when Facebook flagged it transient or the code is one that passes with time (1, 2, throttling).</summary>
    public override bool IsTransient => RetryPolicy.IsTransientApiError(this);
}
