using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace FacebookToken.Module;

/// <summary>
/// The interactive half of Facebook Login shared by Receive-FacebookAuthCode and Invoke-FacebookLogin: a loopback
/// listener started before the browser, the URL on the host, progress while waiting, and paste-back.
/// </summary>
public abstract class FacebookLoginCmdlet : FacebookCmdlet
{
    private const int ProgressId = 4242;
    private const int MaxPasteAttempts = 3;

    /// <summary>Show the URL instead of opening a browser.</summary>
    [Parameter]
    public SwitchParameter NoBrowser { get; set; }

    /// <summary>How long to wait for the user to finish signing in.</summary>
    [Parameter]
    [ValidateRange(1, 86400)]
    public int TimeoutSec { get; set; } = 300;

    /// <summary>What to tell a user who cannot receive the redirect here (paste-back needs the URL shown first).</summary>
    protected abstract string PasteBackAdvice { get; }

    /// <summary>Gets the code for <paramref name="request"/>: from a loopback listener, or a prompt for the final URL.</summary>
    protected FacebookAuthCode ReceiveCode(FacebookAuthRequest request)
    {
        LoopbackCallbackListener? listener = null;
        if (LoopbackCallbackListener.IsLoopbackRedirect(request.RedirectUri))
        {
            try
            {
                listener = LoopbackCallbackListener.Start(request);
                WriteVerbose("Listening for the login redirect on " + listener.ListeningOn + " (loopback only), before opening the browser.");
            }
            catch (FacebookLoginException ex) when (CanPrompt())
            {
                WriteWarning(ex.Message + " Falling back to pasting the final URL.");
            }
        }
        else if (!CanPrompt())
        {
            throw new FacebookLoginException(
                "RedirectUri '" + request.RedirectUri + "' is not a loopback http address, so no local listener can receive the redirect, and this session cannot prompt. " + PasteBackAdvice + " Or use a registered http://localhost:PORT/... redirect URI.",
                FacebookErrorKind.ListenerUnavailable);
        }

        if (listener is null)
        {
            return PromptForCallback(request);
        }

        using (listener)
        {
            OpenOrShow(request);
            ShowHost("Waiting up to " + TimeoutSec.ToString(CultureInfo.InvariantCulture) + " s for the redirect to " + request.RedirectUri + " (Ctrl+C to cancel).");
            DateTime deadline = DateTime.UtcNow.AddSeconds(TimeoutSec);
            try
            {
                return Run(
                    async (log, ct) =>
                    {
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                        timeout.CancelAfter(TimeSpan.FromSeconds(TimeoutSec));
                        try
                        {
                            return await listener.WaitAsync(timeout.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                        {
                            throw new FacebookLoginException(
                                "No login redirect arrived within " + TimeoutSec.ToString(CultureInfo.InvariantCulture) + " s (-TimeoutSec). Finish signing in sooner or raise -TimeoutSec. " + PasteBackAdvice,
                                FacebookErrorKind.LoginTimedOut);
                        }
                    },
                    () => ShowProgress(deadline, listener));
            }
            finally
            {
                WriteProgress(new ProgressRecord(ProgressId, "Facebook Login", "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }

    private void ShowProgress(DateTime deadline, LoopbackCallbackListener listener)
    {
        int left = Math.Max(0, (int)(deadline - DateTime.UtcNow).TotalSeconds);
        WriteProgress(new ProgressRecord(ProgressId, "Facebook Login", "Waiting for the sign-in to finish in the browser")
        {
            SecondsRemaining = left,
            PercentComplete = Math.Min(100, Math.Max(0, 100 - (int)(100.0 * left / TimeoutSec))),
            CurrentOperation = listener.IgnoredRequests > 0 ? listener.IgnoredRequests.ToString(CultureInfo.InvariantCulture) + " unrelated request(s) ignored" : "Listening on port " + listener.Port.ToString(CultureInfo.InvariantCulture),
        });
    }

    private void OpenOrShow(FacebookAuthRequest request)
    {
        if (NoBrowser)
        {
            ShowHost("Open this URL in a browser to sign in to Facebook:" + Environment.NewLine + request.Uri);
            return;
        }

        if (BrowserLauncher.TryOpen(request.Uri, out string how))
        {
            WriteVerbose("Started " + how + " on the login URL.");
            ShowHost("Sign in to Facebook in the browser that opened. If none did, open this URL:" + Environment.NewLine + request.Uri);
        }
        else
        {
            ShowHost("Could not open a browser (" + how + "). Open this URL to sign in to Facebook:" + Environment.NewLine + request.Uri);
        }
    }

    private FacebookAuthCode PromptForCallback(FacebookAuthRequest request)
    {
        OpenOrShow(request);
        for (int attempt = 1; ; attempt++)
        {
            Host.UI.Write("After signing in, paste the full URL from the browser's address bar: ");
            string? pasted = Host.UI.ReadLine();
            if (string.IsNullOrWhiteSpace(pasted))
            {
                throw new FacebookLoginException("No URL was pasted. Run the login again. " + PasteBackAdvice, FacebookErrorKind.InvalidCallback);
            }

            try
            {
                return CallbackEvaluator.Evaluate(request, CallbackParameters.Parse(pasted));
            }
            catch (FacebookLoginException ex) when (ex.Kind != FacebookErrorKind.LoginDenied && attempt < MaxPasteAttempts)
            {
                WriteWarning(ex.Message);
            }
        }
    }

    /// <summary>Whether this host can ask the user a question (false for -NonInteractive and hosted runspaces).</summary>
    private bool CanPrompt()
    {
        if (Host?.UI is null || Host.Name == "Default Host" || Host.Name == "ServerRemoteHost")
        {
            return false;
        }

        // pwsh -NonInteractive (shortest accepted form -noni) makes every read fail; don't ask.
        foreach (string arg in Environment.GetCommandLineArgs())
        {
            if (arg.StartsWith("-noni", StringComparison.OrdinalIgnoreCase) && "-noninteractive".StartsWith(arg, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes to the host through the Information stream (as Write-Host does), never to the output stream.</summary>
    protected void ShowHost(string message) =>
        WriteInformation(new HostInformationMessage { Message = message }, new[] { "PSHOST", "FacebookToken" });
}
