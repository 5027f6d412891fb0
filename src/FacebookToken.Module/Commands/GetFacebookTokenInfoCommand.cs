using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Diagnostics;
using FacebookToken.Secrets;

namespace FacebookToken.Module.Commands;

/// <summary>Asks Facebook's debug_token what a token is, whose, with which permissions, and until when.</summary>
/// <remarks>
/// With -ThrottleLimit above 1, up to that many piped tokens are inspected at once; results still come out in input
/// order, and all messages are written on the pipeline thread.
/// </remarks>
[Cmdlet(VerbsCommon.Get, "FacebookTokenInfo", DefaultParameterSetName = AppSecretSet)]
[OutputType(typeof(FacebookTokenInfo))]
public sealed class GetFacebookTokenInfoCommand : FacebookGraphCmdlet
{
    private const string AppSecretSet = "AppSecret";
    private const string CredentialSet = "Credential";

    private readonly Queue<Pending> _pending = new();
    private readonly BlockingCollection<Action> _events = new();
    private SemaphoreSlim? _slots;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SecureStringTransformation("AccessToken")]
    public SecureString? AccessToken { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public string? AppId { get; set; }

    [Parameter(ParameterSetName = AppSecretSet)]
    public SecureString? AppSecret { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    /// <summary>How many piped tokens to inspect at once; 1 (the default) inspects one after another.</summary>
    [Parameter]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = 1;

    protected override void ProcessRecord()
    {
        SecureString token = AccessToken ?? new SecureString();
        string mask = SecretMask.MaskToken(token.ToPlainText());
        try
        {
            SecureString? secret = null;
            string? appId = string.IsNullOrEmpty(AppId) ? null : AppId;
            if (AppSecret != null || Credential != null)
            {
                (appId, secret) = AppCredentials.Resolve(appId, AppSecret, Credential);
            }

            _slots ??= new SemaphoreSlim(ThrottleLimit);
            FacebookEndpoint endpoint = CreateEndpoint();
            var log = new EventLog(_events, this);
            CancellationToken stop = StopToken;
            Task<FacebookTokenInfo> task = Task.Run(async () =>
            {
                await _slots.WaitAsync(stop).ConfigureAwait(false);
                try
                {
                    return await new FacebookOAuthClient(endpoint, log).DebugTokenAsync(token, appId, secret, stop).ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release();
                }
            });
            task.ContinueWith(_ => log.Wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            _pending.Enqueue(new Pending(task, mask, appId));
        }
        catch (Exception ex) when (ex is FacebookException || ex is FacebookInputException)
        {
            // Earlier inputs come out first, so the error stays next to its input.
            Drain(untilCount: 0);
            WriteFacebookError(ex, mask);
            return;
        }

        // Keep at most ThrottleLimit in flight: beyond that, wait for the oldest.
        Drain(untilCount: ThrottleLimit - 1);
    }

    protected override void EndProcessing() => Drain(untilCount: 0);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _events.Dispose();
            _slots?.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Writes finished results in input order; blocks (writing log messages meanwhile) until at most <paramref name="untilCount"/> are pending.</summary>
    private void Drain(int untilCount)
    {
        while (_pending.Count > 0)
        {
            Pending head = _pending.Peek();
            if (!head.Task.IsCompleted)
            {
                if (_pending.Count <= untilCount)
                {
                    FlushEvents();
                    return;
                }

                // Each log message and each finished task adds an event, so this wakes for both.
                _events.Take().Invoke();
                continue;
            }

            _pending.Dequeue();
            FlushEvents();
            Write(head);
        }

        FlushEvents();
    }

    private void FlushEvents()
    {
        while (_events.TryTake(out Action? action))
        {
            action();
        }
    }

    private void Write(Pending done)
    {
        FacebookTokenInfo info;
        try
        {
            info = done.Task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception ex) when (ex is FacebookException || ex is FacebookInputException)
        {
            WriteFacebookError(ex, done.Mask);
            return;
        }

        if (done.AppId != null && info.AppId != null && info.AppId != done.AppId)
        {
            WriteWarning("The token " + done.Mask + " belongs to app " + info.AppId + ", not to app " + done.AppId + ". Do not accept it as a token for your app.");
        }

        if (!info.IsValid)
        {
            WriteVerbose("Facebook says the token " + done.Mask + " is not valid" + (info.Error is null ? "." : ": " + info.Error + "."));
        }

        WriteObject(info);
    }

    private sealed class Pending
    {
        public Pending(Task<FacebookTokenInfo> task, string mask, string? appId)
        {
            Task = task;
            Mask = mask;
            AppId = appId;
        }

        public Task<FacebookTokenInfo> Task { get; }

        public string Mask { get; }

        public string? AppId { get; }
    }

    /// <summary>Turns log calls from worker threads into actions for the pipeline thread.</summary>
    private sealed class EventLog : IFacebookLog
    {
        private readonly BlockingCollection<Action> _events;
        private readonly GetFacebookTokenInfoCommand _owner;

        public EventLog(BlockingCollection<Action> events, GetFacebookTokenInfoCommand owner)
        {
            _events = events;
            _owner = owner;
        }

        /// <summary>Wakes the pipeline thread when a task finishes.</summary>
        public void Wake() => Add(_ => { });

        public void Verbose(string message) => Add(c => c.WriteVerbose(message));

        public void Debug(string message) => Add(c => c.WriteDebug(message));

        public void Warning(string message) => Add(c => c.WriteWarning(message));

        private void Add(Action<GetFacebookTokenInfoCommand> write)
        {
            try
            {
                _events.Add(() => write(_owner));
            }
            catch (Exception ex) when (ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                // The pipeline already stopped; nobody is left to read the message.
            }
        }
    }
}
