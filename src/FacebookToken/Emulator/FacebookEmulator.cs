using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Security;

namespace FacebookToken.Emulator;

/// <summary>
/// A running facebook-emulator process, as Start-FacebookEmulator returns it: the URIs to pass as -GraphBaseUri and
/// -LoginBaseUri, the default app's id and secret, and <see cref="Stop"/>. Disposing stops it too.
/// </summary>
/// <remarks>The emulator also exits on its own when this process ends (its standard input closes).</remarks>
public sealed class FacebookEmulator : IDisposable
{
    private readonly object _gate = new();
    private readonly Process _process;
    private readonly EmulatorOutput _output;
    private bool _stopped;

    internal FacebookEmulator(Process process, EmulatorOutput output, string command, Uri baseUri, EmulatorInfo info)
    {
        _process = process;
        _output = output;
        ProcessId = process.Id;
        Command = command;
        BaseUri = baseUri;
        GraphBaseUri = info.GraphBaseUri ?? baseUri;
        LoginBaseUri = info.LoginBaseUri ?? baseUri;
        AppId = info.AppId;
        AppSecret = info.AppSecret;
        AppName = info.AppName;
        UserId = info.UserId;
        Version = info.Version;
        RequireAppSecretProof = info.RequireAppSecretProof;
        StartedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>The emulator's root, e.g. http://127.0.0.1:41234/ (its control API is under _emulator/).</summary>
    public Uri BaseUri { get; }

    /// <summary>Pass as -GraphBaseUri.</summary>
    public Uri GraphBaseUri { get; }

    /// <summary>Pass as -LoginBaseUri.</summary>
    public Uri LoginBaseUri { get; }

    /// <summary>The default app's id.</summary>
    public string AppId { get; }

    /// <summary>The default app's secret.</summary>
    public SecureString AppSecret { get; }

    public string? AppName { get; }

    /// <summary>The user who logs in through the emulator's dialog.</summary>
    public string? UserId { get; }

    /// <summary>The emulator's version (the module version it was built with).</summary>
    public string? Version { get; }

    /// <summary>Whether it was started with --require-appsecret-proof.</summary>
    public bool RequireAppSecretProof { get; }

    public int ProcessId { get; }

    /// <summary>How it was started, e.g. "facebook-emulator on PATH (/home/me/.dotnet/tools/facebook-emulator)".</summary>
    public string Command { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>True once the process has ended.</summary>
    public bool HasExited
    {
        get
        {
            lock (_gate)
            {
                return _stopped || _process.HasExited;
            }
        }
    }

    /// <summary>The last lines the emulator wrote to its standard error (warnings; no secrets are written there).</summary>
    public IReadOnlyList<string> ErrorOutput => _output.ErrorLines;

    /// <summary>Stops the emulator: closes its standard input (its signal to exit), waits up to 5 s, then kills it. Safe to call twice.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            try
            {
                if (!_process.HasExited)
                {
                    try
                    {
                        _process.StandardInput.Close();
                    }
                    catch (IOException)
                    {
                        // The pipe is gone already: the process is exiting anyway.
                    }

                    if (!_process.WaitForExit(5000))
                    {
                        Kill(_process);
                        _process.WaitForExit(5000);
                    }
                }
            }
            catch (InvalidOperationException)
            {
                // It ended between the checks.
            }
            finally
            {
                _process.Dispose();
            }
        }
    }

    public void Dispose() => Stop();

    public override string ToString() => BaseUri.ToString();

    internal static void Kill(Process process)
    {
        try
        {
#if NET
            process.Kill(entireProcessTree: true);
#else
            process.Kill();
#endif
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Already exiting.
        }
    }
}
