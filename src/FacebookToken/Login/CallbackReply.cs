namespace FacebookToken;

/// <summary>What the loopback listener answers one request, and what (if anything) that answer ends the wait with.</summary>
internal sealed class CallbackReply
{
    private CallbackReply(int status, string body, string? allow, FacebookAuthCode? code, FacebookLoginException? denial)
    {
        Status = status;
        Body = body;
        Allow = allow;
        Code = code;
        Denial = denial;
    }

    public int Status { get; }

    public string Body { get; }

    /// <summary>The Allow header of a 405.</summary>
    public string? Allow { get; }

    /// <summary>The code the wait ends with, once the browser has this answer.</summary>
    public FacebookAuthCode? Code { get; }

    /// <summary>The user's refusal the wait ends with, once the browser has this answer.</summary>
    public FacebookLoginException? Denial { get; }

    /// <summary>An answer that leaves the wait going.</summary>
    public static CallbackReply Ignore(int status, string body, string? allow = null) => new(status, body, allow, null, null);

    public static CallbackReply Accept(FacebookAuthCode code) => new(200, LoginPages.Success(), null, code, null);

    public static CallbackReply Deny(FacebookLoginException denial) => new(200, LoginPages.Failure(denial), null, null, denial);
}
