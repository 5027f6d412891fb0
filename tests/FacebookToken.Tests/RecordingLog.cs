using System.Collections.Concurrent;
using FacebookToken.Diagnostics;

namespace FacebookToken.Tests;

/// <summary>Keeps every message the core writes, to prove what it does and does not say.</summary>
internal sealed class RecordingLog : IFacebookLog
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public string All => string.Join("\n", Messages);

    public void Verbose(string message) => Messages.Enqueue("VERBOSE: " + message);

    public void Debug(string message) => Messages.Enqueue("DEBUG: " + message);

    public void Warning(string message) => Messages.Enqueue("WARNING: " + message);
}
