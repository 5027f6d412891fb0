using System;

namespace FacebookToken;

/// <summary>The interactive half of the login did not give a code: denied, timed out, a forged or malformed callback, no listener.</summary>
public sealed class FacebookLoginException : FacebookException
{
    public FacebookLoginException(string message, FacebookErrorKind kind, string? error = null, string? errorReason = null, string? errorDescription = null, string? errorCode = null, Exception? inner = null)
        : base(message, kind, null, inner)
    {
        Error = error;
        ErrorReason = errorReason;
        ErrorDescription = errorDescription;
        ErrorCode = errorCode;
    }

    /// <summary>The redirect's <c>error</c>, e.g. access_denied.</summary>
    public string? Error { get; }

    /// <summary>The redirect's <c>error_reason</c>, e.g. user_denied.</summary>
    public string? ErrorReason { get; }

    /// <summary>The redirect's <c>error_description</c>, e.g. "Permissions error."</summary>
    public string? ErrorDescription { get; }

    /// <summary>The redirect's <c>error_code</c>, e.g. 200.</summary>
    public string? ErrorCode { get; }

    /// <summary>For ListenerUnavailable: the port another program holds on a loopback address the browser may use.</summary>
    /// <remarks>Set only when falling back to paste-back would still send the browser, code and state, to that program.</remarks>
    public int? PortInUse { get; internal set; }

    public override bool IsTransient => false;
}
