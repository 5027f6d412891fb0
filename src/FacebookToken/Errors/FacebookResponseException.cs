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

    /// <summary>True when the connection closed before the whole body arrived: a passing fault, retried for GET.</summary>
    internal bool CutOff { get; set; }

    /// <summary>Server errors (5xx), 429 and a body cut off may pass; anything else will not.</summary>
    public override bool IsTransient => CutOff || HttpStatus >= 500 || HttpStatus == 429;
}
