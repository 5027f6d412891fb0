using System;

namespace FacebookToken;

/// <summary>An input was refused before any request was sent. The message says which input, why, and what to do.</summary>
public sealed class FacebookInputException : ArgumentException
{
    private readonly string _message;

    public FacebookInputException(string errorId, string parameterName, string message)
        : base(message, parameterName)
    {
        ErrorId = errorId;
        _message = message;
    }

    /// <summary>Stable id such as InvalidRedirectUri, InvalidApiVersion.</summary>
    public string ErrorId { get; }

    // ArgumentException appends "(Parameter 'x')"; our messages already name the parameter.
    public override string Message => _message;
}
