using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using FacebookToken.Diagnostics;

namespace FacebookToken.Module;

/// <summary>
/// The one way core messages reach a cmdlet's streams: any thread posts, only the pipeline thread writes
/// (PowerShell refuses WriteVerbose and friends from other threads).
/// </summary>
internal sealed class PipelineMessages : IFacebookLog, IDisposable
{
    private const int Posted = 0;
    private const int Running = 1;
    private const int Abandoned = 2;

    private readonly BlockingCollection<Action> _events = new();
    // Cancelled when the cmdlet is disposed (its pipeline ended): nobody serves OnPipelineThread any more. Not disposed, as
    // a waiter on another thread may still be reading its WaitHandle.
    private readonly CancellationTokenSource _closed = new();
    private readonly Cmdlet _cmdlet;
    private readonly int _pipelineThread;

    /// <remarks>Made on the pipeline thread (FacebookCmdlet creates it on first use there).</remarks>
    public PipelineMessages(Cmdlet cmdlet)
    {
        _cmdlet = cmdlet;
        _pipelineThread = Environment.CurrentManagedThreadId;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the pipeline thread and returns its result (or throws its exception): at once when
    /// called there, else posted like a message and waited for. For what only the pipeline thread may do, such as a nested
    /// pipeline in the current runspace (SecretManagement's commands for -Vault) called from a core workflow on the thread pool.
    /// </summary>
    /// <remarks>
    /// The pipeline thread must be writing messages meanwhile, as it is while FacebookCmdlet.Run waits. When the pipeline
    /// ends first (Ctrl+C makes a pending Write* throw, so a call can still be queued), the call is not run and this throws
    /// <see cref="OperationCanceledException"/> instead of waiting for ever.
    /// </remarks>
    public T OnPipelineThread<T>(Func<T> work)
    {
        if (Environment.CurrentManagedThreadId == _pipelineThread)
        {
            return work();
        }

        T result = default!;
        ExceptionDispatchInfo? failure = null;
        int state = Posted;
        using var done = new ManualResetEventSlim();
        Post(() =>
        {
            // The caller gave up (the pipeline ended): nobody would see the result, so the call is not made.
            if (Interlocked.CompareExchange(ref state, Running, Posted) != Posted)
            {
                return;
            }

            try
            {
                result = work();
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                done.Set();
            }
        });
        if (WaitHandle.WaitAny(new[] { done.WaitHandle, _closed.Token.WaitHandle }) != 0)
        {
            if (Interlocked.CompareExchange(ref state, Abandoned, Posted) == Posted)
            {
                throw new OperationCanceledException("The command ended before its pipeline thread could run this call; nothing was done.", _closed.Token);
            }

            // The pipeline thread had already started the call: let it finish (the done.Set above is then the last use of done).
            done.Wait();
        }

        failure?.Throw();
        return result;
    }

    public void Verbose(string message) => Post(() => _cmdlet.WriteVerbose(message));

    public void Debug(string message) => Post(() => _cmdlet.WriteDebug(message));

    public void Warning(string message) => Post(() => _cmdlet.WriteWarning(message));

    /// <summary>Wakes <see cref="WriteNext"/>, e.g. when a piece of work finishes.</summary>
    public void Wake() => Post(() => { });

    /// <summary>On the pipeline thread: waits up to <paramref name="millisecondsTimeout"/> for one event and writes it; false on timeout.</summary>
    public bool WriteNext(int millisecondsTimeout)
    {
        if (!_events.TryTake(out Action? write, millisecondsTimeout))
        {
            return false;
        }

        write();
        return true;
    }

    /// <summary>On the pipeline thread: writes everything posted so far.</summary>
    public void WriteAll()
    {
        while (_events.TryTake(out Action? write))
        {
            write();
        }
    }

    public void Dispose()
    {
        _closed.Cancel();
        _events.Dispose();
    }

    private void Post(Action write)
    {
        try
        {
            _events.Add(write);
        }
        catch (ObjectDisposedException)
        {
            // The cmdlet is gone (the pipeline stopped); nobody is left to read the message.
        }
    }
}
