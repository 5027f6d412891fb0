using System.Management.Automation;

namespace FacebookToken.Module.Commands;

/// <summary>Catches the login redirect on a loopback listener (or a pasted URL) and returns the code.</summary>
[Cmdlet(VerbsCommunications.Receive, "FacebookAuthCode")]
[OutputType(typeof(FacebookAuthCode))]
public sealed class ReceiveFacebookAuthCodeCommand : FacebookCmdlet
{
    /// <summary>The request from Get-FacebookAuthUrl.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [Alias("InputObject")]
    public FacebookAuthRequest? AuthRequest { get; set; }

    /// <summary>The final URL of the sign-in, pasted back (SSH, containers, the login_success.html redirect); no listener is started.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CallbackUri { get; set; }

    /// <summary>Show the URL instead of opening a browser.</summary>
    [Parameter]
    public SwitchParameter NoBrowser { get; set; }

    /// <summary>How long to wait for the user to finish signing in.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 300;

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

            var login = new LoginInteraction(this, NoBrowser, TimeoutSec, "Open the request's Uri anywhere, sign in, and pass the final URL with -CallbackUri.");
            WriteObject(login.ReceiveCode(AuthRequest!));
        }
        catch (FacebookLoginException ex)
        {
            WriteFacebookError(ex, AuthRequest!.RedirectUri);
        }
    }
}
