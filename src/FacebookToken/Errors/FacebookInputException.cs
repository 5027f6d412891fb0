using System;

namespace FacebookToken;

/// <summary>An input was refused before any request was sent. The message says which input, why, and what to do.</summary>
public sealed class FacebookInputException : FacebookException
{
    public FacebookInputException(string errorId, string parameterName, string message)
        : base(message, FacebookErrorKind.InvalidInput, null, null)
    {
        ErrorId = errorId;
        ParamName = parameterName;
    }

    /// <summary>Stable id such as InvalidRedirectUri, InvalidApiVersion (the ErrorRecord's FullyQualifiedErrorId).</summary>
    public string ErrorId { get; }

    /// <summary>The parameter the refused value came from.</summary>
    public string ParamName { get; }

    public override bool IsTransient => false;
}
