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

    /// <summary>The final URL of the sign-in, pasted back (SSH, containers, the login_success.html redirect); no listener is started.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CallbackUri { get; set; }

    protected override string PasteBackAdvice => "Open the request's Uri anywhere, sign in, and pass the final URL with -CallbackUri.";

    protected override void ProcessRecord()
    {
        try
        {
            if (CallbackUri != null)
            {
                WriteVerbose("Reading the code from -CallbackUri (paste-back); no listener is started.");
                WriteObject(CallbackEvaluator.Evaluate(AuthRequest!, CallbackParameters.Parse(CallbackUri)));
                return;
            }

            WriteObject(ReceiveCode(AuthRequest!));
        }
        catch (FacebookLoginException ex)
        {
            WriteFacebookError(ex, AuthRequest!.RedirectUri);
        }
    }
}
