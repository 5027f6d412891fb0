using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using FacebookToken.Diagnostics;

namespace FacebookToken.Module;

/// <summary>
/// The one way core messages reach a cmdlet's streams: any thread posts, only the pipeline thread writes
/// (PowerShell refuses WriteVerbose and friends from other threads).
/// </summary>
internal sealed class PipelineMessages : IFacebookLog, IDisposable
{
    private readonly BlockingCollection<Action> _events = new();
    private readonly Cmdlet _cmdlet;

    public PipelineMessages(Cmdlet cmdlet)
    {
        _cmdlet = cmdlet;
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

    public void Dispose() => _events.Dispose();

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
