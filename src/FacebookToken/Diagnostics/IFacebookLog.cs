namespace FacebookToken.Diagnostics;

/// <summary>Where core code reports what it is doing. Messages must already be free of secrets.</summary>
/// <remarks>May be called from any thread; the PowerShell side marshals to the pipeline thread.</remarks>
public interface IFacebookLog
{
    void Verbose(string message);

    void Debug(string message);

    void Warning(string message);
}
