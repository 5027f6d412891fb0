using System;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Threading;

namespace FacebookToken.Module;

/// <summary>
/// The interactive half of Facebook Login that Receive-FacebookAuthCode and Invoke-FacebookLogin compose: a loopback
/// listener started before the browser, the URL on the host, progress while waiting, and paste-back.
/// </summary>
internal sealed class LoginInteraction
{
    private const int ProgressId = 4242;
    private const int MaxPasteAttempts = 3;

    private readonly FacebookCmdlet _cmdlet;
    private readonly bool _noBrowser;
    private readonly int _timeoutSec;
    private readonly string _pasteBackAdvice;

    /// <param name="pasteBackAdvice">What to tell a user who cannot receive the redirect here (paste-back needs the URL shown first).</param>
    public LoginInteraction(FacebookCmdlet cmdlet, bool noBrowser, int timeoutSec, string pasteBackAdvice)
    {
        _cmdlet = cmdlet;
        _noBrowser = noBrowser;
        _timeoutSec = timeoutSec;
        _pasteBackAdvice = pasteBackAdvice;
    }

    /// <summary>Gets the code for <paramref name="request"/>: from a loopback listener, or a prompt for the final URL.</summary>
    public FacebookAuthCode ReceiveCode(FacebookAuthRequest request)
    {
        LoopbackCallbackListener? listener = null;
        if (LoopbackCallbackListener.IsLoopbackRedirect(request.RedirectUri))
        {
            try
            {
                listener = LoopbackCallbackListener.Start(request);
                _cmdlet.WriteVerbose("Listening for the login redirect on " + listener.ListeningOn + " (loopback only), before opening the browser.");
            }
            catch (FacebookLoginException ex) when (ex.PortInUse is null && CanPrompt())
            {
                _cmdlet.WriteWarning(ex.Message + " Falling back to pasting the final URL.");
            }
        }
        else if (!CanPrompt())
        {
            throw new FacebookLoginException(
                "RedirectUri '" + request.RedirectUri + "' is not a loopback http address, so no local listener can receive the redirect, and this session cannot prompt. " + _pasteBackAdvice + " Or use a registered http://localhost:PORT/... redirect URI.",
                FacebookErrorKind.ListenerUnavailable);
        }

        if (listener is null)
        {
            return PromptForCallback(request);
        }

        // This method is the listener's one owner: it stops listening here, whether the wait succeeded, failed or was cancelled.
        using (listener)
        {
            OpenOrShow(request);
            ShowHost("Waiting up to " + _timeoutSec.ToString(CultureInfo.InvariantCulture) + " s for the redirect to " + request.RedirectUri + " (Ctrl+C to cancel).");
            DateTime deadline = DateTime.UtcNow.AddSeconds(_timeoutSec);
            try
            {
                return _cmdlet.Run(
                    async (log, ct) =>
                    {
                        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                        timeout.CancelAfter(TimeSpan.FromSeconds(_timeoutSec));
                        try
                        {
                            return await listener.WaitAsync(timeout.Token).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                        {
                            throw new FacebookLoginException(
                                "No login redirect arrived within " + _timeoutSec.ToString(CultureInfo.InvariantCulture) + " s (-TimeoutSec). Finish signing in sooner or raise -TimeoutSec. " + _pasteBackAdvice,
                                FacebookErrorKind.LoginTimedOut);
                        }
                    },
                    () => ShowProgress(deadline, listener));
            }
            finally
            {
                _cmdlet.WriteProgress(new ProgressRecord(ProgressId, "Facebook Login", "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }

    /// <summary>Writes to the host through the Information stream (as Write-Host does), never to the output stream.</summary>
    public void ShowHost(string message) =>
        _cmdlet.WriteInformation(new HostInformationMessage { Message = message }, new[] { "PSHOST", "FacebookToken" });

    private void ShowProgress(DateTime deadline, LoopbackCallbackListener listener)
    {
        int left = Math.Max(0, (int)(deadline - DateTime.UtcNow).TotalSeconds);
        _cmdlet.WriteProgress(new ProgressRecord(ProgressId, "Facebook Login", "Waiting for the sign-in to finish in the browser")
        {
            SecondsRemaining = left,
            PercentComplete = Math.Min(100, Math.Max(0, 100 - (int)(100.0 * left / _timeoutSec))),
            CurrentOperation = listener.IgnoredRequests > 0 ? listener.IgnoredRequests.ToString(CultureInfo.InvariantCulture) + " unrelated request(s) ignored" : "Listening on port " + listener.Port.ToString(CultureInfo.InvariantCulture),
        });
    }

    private void OpenOrShow(FacebookAuthRequest request)
    {
        if (_noBrowser)
        {
            ShowHost("Open this URL in a browser to sign in to Facebook:" + Environment.NewLine + request.Uri);
            return;
        }

        if (BrowserLauncher.TryOpen(request.Uri, out string how))
        {
            _cmdlet.WriteVerbose("Started " + how + " on the login URL.");
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
            _cmdlet.Host.UI.Write("After signing in, paste the full URL from the browser's address bar: ");
            string? pasted = _cmdlet.Host.UI.ReadLine();
            if (string.IsNullOrWhiteSpace(pasted))
            {
                throw new FacebookLoginException("No URL was pasted. Run the login again. " + _pasteBackAdvice, FacebookErrorKind.InvalidCallback);
            }

            try
            {
                return CallbackEvaluator.Evaluate(request, CallbackParameters.Parse(pasted));
            }
            catch (FacebookLoginException ex) when (ex.Kind != FacebookErrorKind.LoginDenied && attempt < MaxPasteAttempts)
            {
                _cmdlet.WriteWarning(ex.Message);
            }
        }
    }

    /// <summary>Whether this host can ask the user a question (false for -NonInteractive and hosted runspaces).</summary>
    private bool CanPrompt()
    {
        PSHost? host = _cmdlet.Host;
        if (host?.UI is null || host.Name == "Default Host" || host.Name == "ServerRemoteHost")
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
}
