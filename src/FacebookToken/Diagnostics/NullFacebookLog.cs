namespace FacebookToken.Diagnostics;

/// <summary>A log that drops everything.</summary>
public sealed class NullFacebookLog : IFacebookLog
{
    public static readonly NullFacebookLog Instance = new();

    public void Verbose(string message)
    {
    }

    public void Debug(string message)
    {
    }

    public void Warning(string message)
    {
    }
}
