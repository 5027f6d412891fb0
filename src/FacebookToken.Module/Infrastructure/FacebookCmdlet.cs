using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Diagnostics;

namespace FacebookToken.Module;

/// <summary>
/// Root of every cmdlet: owns the cancellation that Ctrl+C triggers, runs core calls off the pipeline thread (one at
/// a time, or up to a throttle limit with results kept in input order) while writing their messages on it through
/// one <see cref="PipelineMessages"/>, and turns exceptions into ErrorRecords.
/// </summary>
public abstract class FacebookCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly Queue<(Task Work, Action Write)> _ordered = new();
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private PipelineMessages? _messages;
    private SemaphoreSlim? _slots;
    private bool _disposed;

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken StopToken => _cancel.Token;

    private PipelineMessages Messages => _messages ??= new PipelineMessages(this);

    protected override void StopProcessing() => _cancel.Cancel();

    /// <summary>
    /// Runs <paramref name="action"/> on the thread pool and waits for it, writing its messages on this thread and calling
    /// <paramref name="tick"/> about twice a second (for progress). Returns its result or rethrows its exception; a run
    /// cancelled by Ctrl+C becomes <see cref="PipelineStoppedException"/>.
    /// </summary>
    internal T Run<T>(Func<IFacebookLog, CancellationToken, Task<T>> action, Action? tick = null)
    {
        Task<T> task = Start(action);
        _ordered.Enqueue((task, () => { }));
        Drain(0, tick);
        return Result(task);
    }

    /// <summary>
    /// Starts <paramref name="action"/> on the thread pool, at most <paramref name="throttleLimit"/> at once, and returns
    /// once fewer than that are unwritten. <paramref name="write"/> gets each result on this thread in the order the calls
    /// were started; a <see cref="FacebookException"/> becomes a non-terminating error on <paramref name="errorTarget"/>.
    /// Call <see cref="WaitForOrdered"/> in EndProcessing.
    /// </summary>
    internal void RunOrdered<T>(Func<IFacebookLog, CancellationToken, Task<T>> action, int throttleLimit, Action<T> write, object? errorTarget)
    {
        SemaphoreSlim slots = _slots ??= new SemaphoreSlim(throttleLimit);
        Task<T> task = Start(async (log, ct) =>
        {
            await slots.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return await action(log, ct).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        });
        _ordered.Enqueue((task, () =>
        {
            T result;
            try
            {
                result = Result(task);
            }
            catch (FacebookException ex)
            {
                WriteFacebookError(ex, errorTarget);
                return;
            }

            write(result);
        }));
        Drain(throttleLimit - 1, null);
    }

    /// <summary>Writes every result of <see cref="RunOrdered"/> still pending, in order.</summary>
    internal void WaitForOrdered() => Drain(0, null);

    /// <summary>Runs a synchronous core call on this thread, then writes what it logged.</summary>
    internal T RunSync<T>(Func<IFacebookLog, T> action)
    {
        try
        {
            return action(Messages);
        }
        finally
        {
            Messages.WriteAll();
        }
    }

    /// <summary>Writes <paramref name="warning"/> unless it is null or was written before in this invocation (piped input repeats it).</summary>
    internal void WarnOnce(string? warning)
    {
        if (warning != null && _warned.Add(warning))
        {
            WriteWarning(warning);
        }
    }

    /// <summary>Writes a non-terminating error for one input and lets the pipeline go on.</summary>
    protected void WriteFacebookError(Exception exception, object? target) =>
        WriteError(ErrorRecordFactory.Create(exception, target));

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!_disposed && disposing)
        {
            _cancel.Dispose();
            _messages?.Dispose();
            _slots?.Dispose();
        }

        _disposed = true;
    }

    private Task<T> Start<T>(Func<IFacebookLog, CancellationToken, Task<T>> action)
    {
        PipelineMessages messages = Messages;
        CancellationToken stop = _cancel.Token;
        Task<T> task = Task.Run(() => action(messages, stop));
        task.ContinueWith(_ => messages.Wake(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>Writes finished work in start order until at most <paramref name="untilCount"/> is unwritten, writing messages meanwhile.</summary>
    private void Drain(int untilCount, Action? tick)
    {
        while (_ordered.Count > 0)
        {
            (Task work, Action write) = _ordered.Peek();
            if (work.IsCompleted)
            {
                _ordered.Dequeue();
                Messages.WriteAll();
                write();
            }
            else if (_ordered.Count <= untilCount)
            {
                break;
            }
            else if (!Messages.WriteNext(tick is null ? Timeout.Infinite : 500))
            {
                tick?.Invoke();
            }
        }

        Messages.WriteAll();
    }

    private T Result<T>(Task<T> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }
}
