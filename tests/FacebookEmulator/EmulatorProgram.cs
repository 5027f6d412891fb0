namespace FacebookEmulator;

/// <summary>
/// Process mode, the facebook-emulator tool and <c>dotnet FacebookEmulator.dll</c> alike: the options are
/// <see cref="EmulatorCommandLine.Usage"/>. Prints one line <c>FACEBOOK_EMULATOR_URL=http://127.0.0.1:PORT</c> and runs
/// until stdin reaches end of file, SIGTERM or Ctrl+C, or POST /_emulator/shutdown. Nothing else goes to stdout
/// (but --help and --version).
/// </summary>
internal static class EmulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        EmulatorCommandLine commandLine;
        try
        {
            commandLine = EmulatorCommandLine.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync("facebook-emulator: " + ex.Message);
            await Console.Error.WriteLineAsync("Run facebook-emulator --help for the options.");
            return 2;
        }

        if (commandLine.ShowHelp)
        {
            Console.Out.Write(EmulatorCommandLine.Usage.ReplaceLineEndings("\n") + "\n");
            return 0;
        }

        if (commandLine.ShowVersion)
        {
            Console.Out.Write(EmulatorVersion.Text + "\n");
            return 0;
        }

        FacebookEmulatorHost host;
        try
        {
            host = await FacebookEmulatorHost.StartAsync(commandLine.Options, handleConsoleSignals: true, CancellationToken.None);
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync("facebook-emulator: could not start: " + ex);
            return 1;
        }

        await using (host)
        {
            Console.Out.Write("FACEBOOK_EMULATOR_URL=" + host.BaseUri.GetLeftPart(UriPartial.Authority) + "\n");
            Console.Out.Flush();

            var stopping = new List<Task> { host.WaitForShutdownRequestAsync() };
            if (commandLine.WatchStdin)
            {
                stopping.Add(WaitForStdinEndAsync());
            }

            await Task.WhenAny(stopping);
        }

        return 0;
    }

    /// <summary>Completes when standard input reaches end of file (the parent closed it or died).</summary>
    private static Task WaitForStdinEndAsync() =>
        Task.Factory.StartNew(
            () =>
            {
                using Stream stdin = Console.OpenStandardInput();
                byte[] buffer = new byte[256];
                try
                {
                    while (stdin.Read(buffer, 0, buffer.Length) > 0)
                    {
                    }
                }
                catch (IOException)
                {
                    // A broken stdin counts as closed.
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
}
