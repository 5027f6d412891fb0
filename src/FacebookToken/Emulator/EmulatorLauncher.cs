using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Diagnostics;

namespace FacebookToken.Emulator;

/// <summary>Starts the facebook-emulator tool and waits for its URL line; Start-FacebookEmulator's core.</summary>
internal static class EmulatorLauncher
{
    public static async Task<FacebookEmulator> StartAsync(EmulatorStartOptions options, IFacebookLog log, CancellationToken cancellationToken)
    {
        EmulatorCommand command = EmulatorLocator.Resolve(options.Path, options.WorkingDirectory, options.ExpectedVersion);
        var arguments = command.Prefix.Concat(options.ToArguments()).ToList();
        log.Verbose("Starting the Facebook emulator: " + command.Description);
        log.Debug("Command line: " + command.FileName + " " + CommandLineText.Join(arguments));

        var startInfo = new ProcessStartInfo(command.FileName, CommandLineText.Join(arguments))
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            // The emulator exits when its standard input closes: it never outlives this process.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = command.WorkingDirectory ?? options.WorkingDirectory,
        };

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException("Process.Start returned no process.");
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            throw new FacebookEmulatorException(
                command.Prefix.Count > 0 && command.FileName.IndexOf("dotnet", StringComparison.OrdinalIgnoreCase) >= 0
                    ? FacebookErrorKind.EmulatorNotInstalled
                    : FacebookErrorKind.EmulatorStartFailed,
                "Could not run " + command.Description + ": " + ex.Message + ". The emulator needs the .NET 10 runtime (or later) and `dotnet` on PATH.",
                ex);
        }

        EmulatorOutput output = EmulatorOutput.Watch(process);
        try
        {
            Uri baseUri = await WaitForUrlAsync(process, output, command, options.StartTimeout, cancellationToken).ConfigureAwait(false);
            EmulatorInfo info = await EmulatorControl.GetInfoAsync(baseUri, cancellationToken).ConfigureAwait(false);
            log.Verbose("The Facebook emulator " + info.Version + " listens on " + baseUri + " (process " + process.Id + ").");
            return new FacebookEmulator(process, output, command.Description, baseUri, info);
        }
        catch
        {
            if (!HasExited(process))
            {
                FacebookEmulator.Kill(process);
            }

            process.Dispose();
            throw;
        }
    }

    private static async Task<Uri> WaitForUrlAsync(Process process, EmulatorOutput output, EmulatorCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        var waiting = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (both.Token.Register(() => waiting.TrySetResult(true)))
        {
            await Task.WhenAny(output.Url, waiting.Task).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (output.Url.IsCompleted && output.Url.Result is { } uri)
        {
            return uri;
        }

        if (!output.Url.IsCompleted)
        {
            throw new FacebookEmulatorException(
                FacebookErrorKind.EmulatorStartFailed,
                command.Description + " printed no " + EmulatorOutput.UrlPrefix + " line within " + (int)timeout.TotalSeconds + " s. It said: " + output.Describe());
        }

        // Standard output ended: the process is exiting. Give standard error a moment to be read.
        process.WaitForExit(5000);
        await Task.WhenAny(output.ErrorEnded, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None)).ConfigureAwait(false);
        string code = HasExited(process) ? " with code " + process.ExitCode : string.Empty;
        throw new FacebookEmulatorException(
            FacebookErrorKind.EmulatorStartFailed,
            command.Description + " exited" + code + " before it listened. It said: " + output.Describe());
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }
}
