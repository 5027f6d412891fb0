namespace FacebookToken;

/// <summary>One finding of <c>Test-FacebookToken -Detailed</c>: what, about which id or scope, and the fix.</summary>
public sealed class FacebookTokenProblem
{
    public FacebookTokenProblem(FacebookTokenProblemKind kind, string? target, string message, string fix, bool isBlocking = true)
    {
        Kind = kind;
        Target = target;
        Message = message;
        Fix = fix;
        IsBlocking = isBlocking;
    }

    public FacebookTokenProblemKind Kind { get; }

    /// <summary>The scope, WABA id or phone number id concerned; null for the token as a whole.</summary>
    public string? Target { get; }

    public string Message { get; }

    /// <summary>What to run or change to fix it.</summary>
    public string Fix { get; }

    /// <summary>False for notes (e.g. <see cref="FacebookTokenProblemKind.ScopeDrift"/>) that do not fail the check.</summary>
    public bool IsBlocking { get; }

    public override string ToString() => Kind + (Target is null ? string.Empty : " " + Target) + ": " + Message;
}
