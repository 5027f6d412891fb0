using System;

namespace FacebookToken;

/// <summary>No complete answer arrived within the time allowed (-TimeoutSec), retries included.</summary>
public sealed class FacebookTimeoutException : FacebookException
{
    public FacebookTimeoutException(string message, string? endpoint, TimeSpan timeout, Exception? inner = null)
        : base(message, FacebookErrorKind.RequestTimedOut, endpoint, inner)
    {
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }

    public override bool IsTransient => false;
}
