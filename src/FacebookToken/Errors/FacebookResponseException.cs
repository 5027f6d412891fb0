using System;

namespace FacebookToken;

/// <summary>The endpoint answered something that is not a Graph answer: HTML, an empty or truncated body, a redirect, a body too large.</summary>
public sealed class FacebookResponseException : FacebookException
{
    public FacebookResponseException(string message, string? endpoint, int httpStatus, string? contentType, Exception? inner = null)
        : base(message, FacebookErrorKind.UnexpectedResponse, endpoint, inner)
    {
        HttpStatus = httpStatus;
        ContentType = contentType;
    }

    public int HttpStatus { get; }

    public string? ContentType { get; }

    /// <summary>Server errors (5xx) and 429 may pass; anything else will not.</summary>
    public override bool IsTransient => HttpStatus >= 500 || HttpStatus == 429;
}
