using System;
using System.Management.Automation;
using System.Threading;
using FacebookToken.Emulator;

namespace FacebookToken.Module.Commands;

/// <summary>Reads what happened in a Facebook emulator: requests, tokens minted and revoked, messages sent.</summary>
[Cmdlet(VerbsCommon.Get, "FacebookEmulatorLog", DefaultParameterSetName = EmulatorSet)]
[OutputType(typeof(FacebookEmulatorLog))]
public sealed class GetFacebookEmulatorLogCommand : FacebookCmdlet
{
    private const string EmulatorSet = "Emulator";
    private const string BaseUriSet = "BaseUri";

    /// <summary>The emulator Start-FacebookEmulator returned.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = EmulatorSet)]
    [ValidateNotNull]
    public FacebookEmulator? Emulator { get; set; }

    /// <summary>The emulator's root URI, for one started some other way.</summary>
    [Parameter(Mandatory = true, ParameterSetName = BaseUriSet)]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    /// <summary>The whole time allowed for the call.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 30;

    protected override void ProcessRecord()
    {
        Uri root = ParameterSetName == EmulatorSet ? Emulator!.BaseUri : BaseUri!;
        if (!root.IsAbsoluteUri || !root.IsLoopback)
        {
            WriteFacebookError(
                new FacebookInputException("InvalidEmulatorUri", nameof(BaseUri), "-BaseUri '" + root + "' is not an emulator on this machine: the Facebook emulator listens on 127.0.0.1 only. Pass the BaseUri Start-FacebookEmulator returned."),
                root);
            return;
        }

        Uri baseUri = root.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? root : new Uri(root.AbsoluteUri + "/");
        try
        {
            FacebookEmulatorLog log = Run(async (_, ct) =>
            {
                using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
                budget.CancelAfter(TimeSpan.FromSeconds(TimeoutSec));
                try
                {
                    return await EmulatorControl.GetLogAsync(baseUri, budget.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
                {
                    throw new FacebookTimeoutException(
                        "The Facebook emulator at " + baseUri + " did not answer GET _emulator/log within " + TimeoutSec + " s. Is it hung (a fault switch such as Hang)?",
                        "_emulator/log",
                        TimeSpan.FromSeconds(TimeoutSec),
                        ex);
                }
            });
            WriteObject(log);
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, (object?)Emulator ?? root);
        }
    }
}
