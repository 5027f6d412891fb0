using System;
using System.Management.Automation;

namespace FacebookToken.Module.Commands;

/// <summary>Catches the login redirect on a loopback listener (or a pasted URL) and returns the code.</summary>
[Cmdlet(VerbsCommunications.Receive, "FacebookAuthCode")]
[OutputType(typeof(FacebookAuthCode))]
public sealed class ReceiveFacebookAuthCodeCommand : FacebookLoginCmdlet
{
    /// <summary>The request from Get-FacebookAuthUrl.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("InputObject")]
    public FacebookAuthRequest? AuthRequest { get; set; }

    protected override void ProcessRecord()
    {
        try
        {
            WriteObject(ReceiveCode(AuthRequest!));
        }
        catch (FacebookLoginException ex)
        {
            WriteFacebookError(ex, AuthRequest!.RedirectUri);
        }
    }
}
