using System;

namespace FacebookToken;

/// <summary>Base of every error the module raises about talking to Facebook. Messages never hold secrets.</summary>
public abstract class FacebookException : Exception
{
    protected FacebookException(string message, FacebookErrorKind kind, string? endpoint, Exception? inner)
        : base(message, inner)
    {
        Kind = kind;
        Endpoint = endpoint;
    }

    /// <summary>The stable error id (also the ErrorRecord's FullyQualifiedErrorId prefix).</summary>
    public FacebookErrorKind Kind { get; }

    /// <summary>The request path without its query, e.g. <c>v25.0/oauth/access_token</c>.</summary>
    public string? Endpoint { get; }

    /// <summary>Whether trying again later may succeed.</summary>
    public abstract bool IsTransient { get; }

    /// <summary>How many attempts were made before giving up.</summary>
    public int Attempts { get; internal set; } = 1;

    /// <summary>The server's Retry-After, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; internal set; }
}
