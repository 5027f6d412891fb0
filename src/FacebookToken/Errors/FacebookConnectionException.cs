using System;

namespace FacebookToken;

/// <summary>No HTTP answer at all: DNS, refused connection, TLS, reset.</summary>
public sealed class FacebookConnectionException : FacebookException
{
    public FacebookConnectionException(string message, string? endpoint, bool beforeSending, Exception? inner)
        : base(message, FacebookErrorKind.ConnectionFailed, endpoint, inner)
    {
        BeforeSending = beforeSending;
    }

    /// <summary>True when the request certainly never reached the server (refused connection, unknown host).</summary>
    public bool BeforeSending { get; }

    public override bool IsTransient => true;
}
