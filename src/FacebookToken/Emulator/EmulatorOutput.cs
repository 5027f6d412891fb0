using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace FacebookToken.Emulator;

/// <summary>
/// Reads an emulator process's standard output and error for as long as it runs (a full pipe would block it mid-request):
/// finds the URL line and keeps the last lines of standard error for messages.
/// </summary>
internal sealed class EmulatorOutput
{
    public const string UrlPrefix = "FACEBOOK_EMULATOR_URL=";
    private const int KeptLines = 40;

    private readonly object _gate = new();
    private readonly Queue<string> _error = new();
    private readonly Queue<string> _other = new();
    private readonly TaskCompletionSource<Uri?> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EmulatorOutput()
    {
    }

    /// <summary>Completes when standard error has ended.</summary>
    public Task ErrorEnded { get; private set; } = Task.CompletedTask;

    /// <summary>The base URI from the URL line; null when standard output ended without one.</summary>
    public Task<Uri?> Url => _url.Task;

    public IReadOnlyList<string> ErrorLines
    {
        get
        {
            lock (_gate)
            {
                return _error.ToArray();
            }
        }
    }

    /// <summary>Standard output lines other than the URL line (a host's banner, --help text).</summary>
    public IReadOnlyList<string> OtherLines
    {
        get
        {
            lock (_gate)
            {
                return _other.ToArray();
            }
        }
    }

    public static EmulatorOutput Watch(Process process)
    {
        var output = new EmulatorOutput();
        _ = Task.Run(() => output.ReadOutputAsync(process.StandardOutput));
        output.ErrorEnded = Task.Run(() => output.ReadErrorAsync(process.StandardError));
        return output;
    }

    /// <summary>What the process said, for a start-up failure message: its standard error, else its other output.</summary>
    public string Describe()
    {
        IReadOnlyList<string> lines = ErrorLines.Count > 0 ? ErrorLines : OtherLines;
        return lines.Count == 0 ? "(it wrote nothing)" : string.Join(" | ", lines);
    }

    private async Task ReadOutputAsync(StreamReader reader)
    {
        try
        {
            string? line;
            while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) != null)
            {
                if (!_url.Task.IsCompleted && line.StartsWith(UrlPrefix, StringComparison.Ordinal)
                    && Uri.TryCreate(line.Substring(UrlPrefix.Length).Trim().TrimEnd('/') + "/", UriKind.Absolute, out Uri? uri))
                {
                    _url.TrySetResult(uri);
                    continue;
                }

                Keep(_other, line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process is gone.
        }
        finally
        {
            _url.TrySetResult(null);
        }
    }

    private async Task ReadErrorAsync(StreamReader reader)
    {
        try
        {
            string? line;
            while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) != null)
            {
                Keep(_error, line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process is gone.
        }
    }

    private void Keep(Queue<string> lines, string line)
    {
        lock (_gate)
        {
            if (lines.Count == KeptLines)
            {
                lines.Dequeue();
            }

            lines.Enqueue(line);
        }
    }
}
