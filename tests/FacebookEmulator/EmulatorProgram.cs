namespace FacebookEmulator;

/// <summary>
/// Process mode: <c>dotnet FacebookEmulator.dll [--app-id X] [--app-secret Y] [--app-name N] [--redirect-uri U]...
/// [--auto-approve none|approve|deny] [--ignore-stdin]</c>. Prints one line
/// <c>FACEBOOK_EMULATOR_URL=http://127.0.0.1:PORT</c> and runs until stdin reaches end of file, SIGTERM or
/// Ctrl+C, or POST /_emulator/shutdown. Nothing else goes to stdout.
/// </summary>
internal static class EmulatorProgram
{
    public static async Task<int> Main(string[] args)
    {
        EmulatorOptions options;
        bool watchStdin;
        try
        {
            (options, watchStdin) = ParseArguments(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync("FacebookEmulator: " + ex.Message);
            await Console.Error.WriteLineAsync(
                "usage: FacebookEmulator [--app-id X] [--app-secret Y] [--app-name N] [--redirect-uri U]... [--auto-approve none|approve|deny] [--ignore-stdin]");
            return 2;
        }

        FacebookEmulatorHost host;
        try
        {
            host = await FacebookEmulatorHost.StartAsync(options, handleConsoleSignals: true, CancellationToken.None);
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync("FacebookEmulator: could not start: " + ex);
            return 1;
        }

        await using (host)
        {
            Console.Out.Write("FACEBOOK_EMULATOR_URL=" + host.BaseUri.GetLeftPart(UriPartial.Authority) + "\n");
            Console.Out.Flush();

            var stopping = new List<Task> { host.WaitForShutdownRequestAsync() };
            if (watchStdin)
            {
                stopping.Add(WaitForStdinEndAsync());
            }

            await Task.WhenAny(stopping);
        }

        return 0;
    }

    private static (EmulatorOptions Options, bool WatchStdin) ParseArguments(string[] args)
    {
        var options = new EmulatorOptions();
        var redirectUris = new List<string>();
        bool watchStdin = true;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            switch (name)
            {
                case "--app-id":
                    options.AppId = Value(args, ref i);
                    break;
                case "--app-secret":
                    options.AppSecret = Value(args, ref i);
                    break;
                case "--app-name":
                    options.AppName = Value(args, ref i);
                    break;
                case "--redirect-uri":
                    redirectUris.Add(Value(args, ref i));
                    break;
                case "--auto-approve":
                    string mode = Value(args, ref i);
                    options.AutoApprove = mode.ToLowerInvariant() switch
                    {
                        "none" => AutoApproveMode.None,
                        "approve" => AutoApproveMode.Approve,
                        "deny" => AutoApproveMode.Deny,
                        "cancel" => AutoApproveMode.Cancel,
                        _ => throw new ArgumentException("--auto-approve must be none, approve or deny, not '" + mode + "'."),
                    };
                    break;
                case "--ignore-stdin":
                    watchStdin = false;
                    break;
                default:
                    throw new ArgumentException("unknown argument '" + name + "'.");
            }
        }

        if (redirectUris.Count > 0)
        {
            options.RedirectUris = redirectUris;
        }

        return (options, watchStdin);
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
        {
            throw new ArgumentException(args[i] + " needs a value.");
        }

        i++;
        return args[i];
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
