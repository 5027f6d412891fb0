using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Diagnostics;

namespace FacebookToken.Module;

/// <summary>
/// Base of every cmdlet: owns the cancellation that Ctrl+C triggers, runs core calls off the pipeline thread
/// while writing their Verbose/Debug/Warning messages on it, and turns exceptions into ErrorRecords.
/// </summary>
public abstract class FacebookCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private bool _disposed;

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken StopToken => _cancel.Token;

    protected override void StopProcessing() => _cancel.Cancel();

    /// <summary>
    /// Runs <paramref name="action"/> on the thread pool and pumps its log messages to this cmdlet's streams until it
    /// ends, calling <paramref name="tick"/> on this thread about twice a second (for progress). Returns its result or
    /// rethrows its exception; a run cancelled by Ctrl+C becomes <see cref="PipelineStoppedException"/>.
    /// </summary>
    protected T Run<T>(Func<IFacebookLog, CancellationToken, Task<T>> action, Action? tick = null)
    {
        using var log = new QueuedLog();
        Task<T> task = Task.Run(() => action(log, _cancel.Token));
        task.ContinueWith(_ => log.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        while (log.TryTake(out LogEntry entry, tick is null ? Timeout.Infinite : 500))
        {
            if (entry.Level == LogLevel.Tick)
            {
                tick?.Invoke();
            }
            else
            {
                Write(entry);
            }
        }

        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Runs a synchronous core call on this thread, then writes what it logged.</summary>
    protected T RunSync<T>(Func<IFacebookLog, T> action)
    {
        var log = new ListLog();
        try
        {
            return action(log);
        }
        finally
        {
            foreach (LogEntry entry in log.Entries)
            {
                Write(entry);
            }
        }
    }

    private void Write(LogEntry entry)
    {
        switch (entry.Level)
        {
            case LogLevel.Verbose:
                WriteVerbose(entry.Message);
                break;
            case LogLevel.Debug:
                WriteDebug(entry.Message);
                break;
            default:
                WriteWarning(entry.Message);
                break;
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
        }

        _disposed = true;
    }

    private enum LogLevel
    {
        Verbose,
        Debug,
        Warning,
        Tick,
    }

    private readonly struct LogEntry
    {
        public LogEntry(LogLevel level, string message)
        {
            Level = level;
            Message = message;
        }

        public LogLevel Level { get; }

        public string Message { get; }
    }

    /// <summary>Collects messages of a synchronous call.</summary>
    private sealed class ListLog : IFacebookLog
    {
        public System.Collections.Generic.List<LogEntry> Entries { get; } = new();

        public void Verbose(string message) => Entries.Add(new LogEntry(LogLevel.Verbose, message));

        public void Debug(string message) => Entries.Add(new LogEntry(LogLevel.Debug, message));

        public void Warning(string message) => Entries.Add(new LogEntry(LogLevel.Warning, message));
    }

    /// <summary>Collects messages from any thread for the pipeline thread to write.</summary>
    private sealed class QueuedLog : IFacebookLog, IDisposable
    {
        private readonly BlockingCollection<LogEntry> _queue = new();

        public void Verbose(string message) => Add(LogLevel.Verbose, message);

        public void Debug(string message) => Add(LogLevel.Debug, message);

        public void Warning(string message) => Add(LogLevel.Warning, message);

        public void Complete() => _queue.CompleteAdding();

        /// <summary>Next message; a Tick entry when none came within the timeout; false once completed and drained.</summary>
        public bool TryTake(out LogEntry entry, int millisecondsTimeout)
        {
            try
            {
                if (_queue.TryTake(out entry, millisecondsTimeout))
                {
                    return true;
                }
            }
            catch (InvalidOperationException)
            {
                // Completed and empty.
            }

            entry = new LogEntry(LogLevel.Tick, string.Empty);
            return !_queue.IsCompleted;
        }

        public void Dispose() => _queue.Dispose();

        private void Add(LogLevel level, string message)
        {
            try
            {
                _queue.Add(new LogEntry(level, message));
            }
            catch (InvalidOperationException)
            {
                // Completed: the run already ended; a late message has nowhere to go.
            }
        }
    }
}
