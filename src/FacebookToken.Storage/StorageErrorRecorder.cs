using System;
using System.Diagnostics;

namespace FacebookToken.Storage;

/// <summary>
/// Listens to MSAL Extensions' TraceSource and keeps the first failure it logged since the last
/// <see cref="TakeFailure"/>. Nothing is written anywhere: MSAL's log lines never reach the console or a transcript.
/// </summary>
/// <remarks>
/// Recognises MSAL's wording ("An error/exception was encountered ...", "Problem deleting ..."). Other error lines, such
/// as "No matching secret found" for an item never written, are not failures. Thread safe.
/// </remarks>
internal sealed class StorageErrorRecorder : TraceListener
{
    private readonly object _gate = new();
    private string? _failure;

    public TraceSource CreateTraceSource()
    {
        var source = new TraceSource("FacebookToken.Storage", SourceLevels.Error);
        source.Listeners.Clear();
        source.Listeners.Add(this);
        return source;
    }

    /// <summary>The first failure logged since the last call, or null; clears it.</summary>
    public string? TakeFailure()
    {
        lock (_gate)
        {
            string? failure = _failure;
            _failure = null;
            return failure;
        }
    }

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? message)
    {
        if (eventType > TraceEventType.Error || message is null || !IsFailure(message))
        {
            return;
        }

        lock (_gate)
        {
            _failure ??= StripPrefix(message);
        }
    }

    public override void TraceEvent(TraceEventCache? eventCache, string source, TraceEventType eventType, int id, string? format, params object?[]? args) =>
        TraceEvent(eventCache, source, eventType, id, args is null || args.Length == 0 || format is null ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));

    public override void Write(string? message)
    {
    }

    public override void WriteLine(string? message)
    {
    }

    internal static bool IsFailure(string message) =>
        message.IndexOf("error was encountered", StringComparison.OrdinalIgnoreCase) >= 0
        || message.IndexOf("exception was encountered", StringComparison.OrdinalIgnoreCase) >= 0
        || message.IndexOf("Problem deleting", StringComparison.OrdinalIgnoreCase) >= 0
        || message.IndexOf("Failed to create libsecret schema", StringComparison.OrdinalIgnoreCase) >= 0;

    private static string StripPrefix(string message)
    {
        // "[MSAL.Extension][2024-01-01T00:00:00.0000000Z] text"
        string text = message;
        while (text.StartsWith("[", StringComparison.Ordinal))
        {
            int end = text.IndexOf(']');
            if (end < 0)
            {
                break;
            }

            text = text.Substring(end + 1).TrimStart();
        }

        return text;
    }
}
