using System.Globalization;

namespace FacebookEmulator;

/// <summary>The facebook-emulator command line: options in, <see cref="EmulatorOptions"/> out.</summary>
internal sealed class EmulatorCommandLine
{
    public const string Usage =
        """
        usage: facebook-emulator [options]

        A stand-in for Facebook Login and the Graph API on 127.0.0.1. Prints one line,
        FACEBOOK_EMULATOR_URL=http://127.0.0.1:PORT, then serves until Ctrl+C, SIGTERM, standard input
        closing, or POST /_emulator/shutdown.

          --port N                     TCP port on 127.0.0.1 (default 0: a free one)
          --apps FILE                  JSON: the apps and business state to start with (see below)
          --app-id ID --app-secret S   the default app (when no --apps file names one)
          --app-name NAME              its name
          --redirect-uri URI           a valid redirect URI of the default app (repeatable)
          --require-appsecret-proof    refuse user-token calls without a valid appsecret_proof
          --clock-offset SPAN          start the clock this far ahead (or behind, negative): days ("30",
                                       "1.5") or a time span ("02:00:00", "-00:05:00", "3.00:00:00")
          --auto-approve MODE          none (default: show the dialog), approve, deny or cancel
          --latency MS                 delay every Graph answer by MS milliseconds
          --transient-errors N         answer the next N Graph requests HTTP 500, code 2, is_transient
          --throttle N                 answer the next N Graph requests with a throttling error (-1: all)
          --throttle-code CODE         its code: 4 (default), 17, 32, 341, 613, 80000-80014, 130429
                                       or 131056
          --retry-after SECONDS        send Retry-After with throttling errors
          --fault-path TEXT            only paths containing TEXT get the faults above
          --webhook-url URL            POST WhatsApp webhooks there (statuses of each message sent, inbound
                                       messages from POST /_emulator/whatsapp/inbound), signed with
                                       X-Hub-Signature-256 by the sending app's secret, retried 4 times
          --fail-after-send N          the next N messages are recorded, then answered HTTP 500 (-1: all)
          --ignore-stdin               keep running when standard input closes
          --help, --version

        The --apps file (every section optional; applied at start and after POST /_emulator/reset, on top of
        the built-in ids; an entry with a built-in id replaces it; ids are digit strings):
          {
            "apps":             [{"appId", "appSecret", "name"?, "redirectUris"?: [], "default"?: true}],
            "businesses":       [{"id", "name", "appIds"?: [app ids it owns]}],
            "whatsAppAccounts": [{"id", "name", "businessId", "clientBusinessIds"?: [], "currency"?, "timezoneId"?}],
            "phoneNumbers":     [{"id", "whatsAppAccountId", "displayPhoneNumber", "verifiedName",
                                  "qualityRating"?: GREEN|YELLOW|RED|UNKNOWN, "registered"?: true}],
            "systemUsers":      [{"id", "name", "businessId", "role"?: EMPLOYEE|ADMIN,
                                  "whatsAppAccountIds"?: [], "installedAppIds"?: []}],
            "templates":        [{"whatsAppAccountId", "name", "language"?: "en_US",
                                  "status"?: APPROVED|PENDING|REJECTED|PAUSED|DISABLED,
                                  "category"?: UTILITY|MARKETING|AUTHENTICATION}]
          }
        Built in: businesses 1980000000000001 (owns the default app) and 1980000000000002; WABAs
        102290129340398 (number 106540352242922) and 102290129340399 (number 106540352242923); system users
        61550000000000001 and 61550000000000002; templates hello_world, order_update, spring_sale.
        A bad entry stops the tool (exit code 2) with the file and JSON path. Full schema and an example:
        docs/emulator-apps-file.md in the FacebookToken repository.
        """;

    public EmulatorOptions Options { get; } = new();

    public bool WatchStdin { get; private set; } = true;

    public bool ShowHelp { get; private set; }

    public bool ShowVersion { get; private set; }

    /// <summary>Parses <paramref name="args"/>; a bad argument is an <see cref="ArgumentException"/> saying which and why.</summary>
    public static EmulatorCommandLine Parse(IReadOnlyList<string> args)
    {
        var line = new EmulatorCommandLine();
        EmulatorOptions options = line.Options;
        var redirectUris = new List<string>();
        string? appsFile = null;
        bool appGiven = false;
        int latency = 0;
        int? transient = null;
        int? throttle = null;
        int throttleCode = 4;
        int? retryAfter = null;
        string? faultPath = null;
        int? failAfterSend = null;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            switch (name)
            {
                case "--help" or "-h" or "-?":
                    line.ShowHelp = true;
                    break;
                case "--version":
                    line.ShowVersion = true;
                    break;
                case "--port":
                    options.Port = Integer(args, ref i, 0, 65535);
                    break;
                case "--apps":
                    appsFile = Value(args, ref i);
                    break;
                case "--app-id":
                    options.AppId = Value(args, ref i);
                    appGiven = true;
                    break;
                case "--app-secret":
                    options.AppSecret = Value(args, ref i);
                    appGiven = true;
                    break;
                case "--app-name":
                    options.AppName = Value(args, ref i);
                    break;
                case "--redirect-uri":
                    redirectUris.Add(Value(args, ref i));
                    break;
                case "--require-appsecret-proof":
                    options.RequireAppSecretProof = true;
                    break;
                case "--clock-offset":
                    options.InitialClockOffset = ClockOffset(Value(args, ref i));
                    break;
                case "--auto-approve":
                    string mode = Value(args, ref i);
                    options.AutoApprove = mode.ToLowerInvariant() switch
                    {
                        "none" => AutoApproveMode.None,
                        "approve" => AutoApproveMode.Approve,
                        "deny" => AutoApproveMode.Deny,
                        "cancel" => AutoApproveMode.Cancel,
                        _ => throw new ArgumentException("--auto-approve must be none, approve, deny or cancel, not '" + mode + "'."),
                    };
                    break;
                case "--latency":
                    latency = Integer(args, ref i, 0, 600_000);
                    break;
                case "--transient-errors":
                    transient = Integer(args, ref i, -1, int.MaxValue);
                    break;
                case "--throttle":
                    throttle = Integer(args, ref i, -1, int.MaxValue);
                    break;
                case "--throttle-code":
                    throttleCode = Integer(args, ref i, 1, int.MaxValue);
                    break;
                case "--retry-after":
                    retryAfter = Integer(args, ref i, 0, 86_400);
                    break;
                case "--fault-path":
                    faultPath = Value(args, ref i);
                    break;
                case "--webhook-url":
                    options.WebhookUrl = WebhookUrl(Value(args, ref i));
                    break;
                case "--fail-after-send":
                    failAfterSend = Integer(args, ref i, -1, int.MaxValue);
                    break;
                case "--ignore-stdin":
                    line.WatchStdin = false;
                    break;
                default:
                    throw new ArgumentException("unknown argument '" + name + "'; see --help.");
            }
        }

        if (appsFile is not null)
        {
            if (appGiven || redirectUris.Count > 0)
            {
                throw new ArgumentException("--apps names the apps; leave out --app-id, --app-secret and --redirect-uri, or drop --apps.");
            }

            EmulatorAppsFile.Load(appsFile, options);
        }

        if (redirectUris.Count > 0)
        {
            options.RedirectUris = redirectUris;
        }

        if ((transient is not null ? 1 : 0) + (throttle is not null ? 1 : 0) + (failAfterSend is not null ? 1 : 0) > 1)
        {
            throw new ArgumentException("--transient-errors, --throttle and --fail-after-send are one fault switch; give one of them.");
        }

        if (transient is not null || throttle is not null || failAfterSend is not null || latency > 0)
        {
            options.InitialFaults = new EmulatorFaults
            {
                LatencyMs = latency,
                Mode = transient is not null ? FaultMode.Transient500
                    : throttle is not null ? FaultMode.Throttle
                    : failAfterSend is not null ? FaultMode.Error500AfterProcessing
                    : FaultMode.None,
                Count = transient ?? throttle ?? failAfterSend ?? -1,
                ThrottleCode = throttleCode,
                RetryAfterSeconds = retryAfter,
                PathContains = faultPath ?? (failAfterSend is not null ? "/messages" : null),
            };
        }

        return line;
    }

    /// <summary>Days ("30", "-1.5", "30d") or a constant-format time span ("[-][d.]hh:mm[:ss]").</summary>
    internal static TimeSpan ClockOffset(string text)
    {
        string trimmed = text.Trim();
        string days = trimmed.EndsWith('d') ? trimmed[..^1] : trimmed;
        if (double.TryParse(days, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number)
            && Math.Abs(number) <= 36_500)
        {
            return TimeSpan.FromSeconds(Math.Round(number * 86_400));
        }

        if (trimmed.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParseExact(trimmed, "c", CultureInfo.InvariantCulture, out TimeSpan span))
        {
            return span;
        }

        throw new ArgumentException("--clock-offset takes days (30, -1.5) or a time span (02:00:00, -3.00:00:00), not '" + text + "'.");
    }

    /// <summary>An absolute http or https URL.</summary>
    internal static Uri WebhookUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("--webhook-url takes an absolute http or https URL (http://127.0.0.1:8080/webhook), not '" + text + "'.");
        }

        return url;
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException(args[i] + " needs a value.");
        }

        i++;
        return args[i];
    }

    private static int Integer(IReadOnlyList<string> args, ref int i, int min, int max)
    {
        string name = args[i];
        string text = Value(args, ref i);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new ArgumentException($"{name} takes a whole number from {min} to {max}, not '{text}'.");
        }

        return value;
    }
}
