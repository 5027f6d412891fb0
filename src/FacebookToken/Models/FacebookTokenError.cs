using System.Globalization;

namespace FacebookToken;

/// <summary>Why debug_token says a token is not valid.</summary>
public sealed class FacebookTokenError
{
    public FacebookTokenError(int? code, int? subcode, string? message)
    {
        Code = code;
        Subcode = subcode;
        Message = message;
    }

    public int? Code { get; }

    public int? Subcode { get; }

    public string? Message { get; }

    public override string ToString() =>
        string.Format(CultureInfo.InvariantCulture, "{0} (code {1}{2})", Message, Code, Subcode.HasValue ? ", subcode " + Subcode : string.Empty);
}
