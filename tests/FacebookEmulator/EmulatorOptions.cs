namespace FacebookEmulator;

/// <summary>Start-up options of the emulator: the default app, user, page and token lifetimes.</summary>
public sealed class EmulatorOptions
{
    public const string DefaultAppId = "1234567890";
    public const string DefaultAppSecret = "emulator-app-secret-5f4dcc3b5aa765d61d8327deb882cf99";
    public const string DefaultUserId = "10230000001";

    /// <summary>The id of the app registered at start.</summary>
    public string AppId { get; set; } = DefaultAppId;

    /// <summary>The secret of the app registered at start.</summary>
    public string AppSecret { get; set; } = DefaultAppSecret;

    /// <summary>The display name of the app registered at start (debug_token "application").</summary>
    public string AppName { get; set; } = "Emulated WhatsApp App";

    /// <summary>The app's "Valid OAuth Redirect URIs", compared ordinally, character for character.</summary>
    public IList<string> RedirectUris { get; set; } = new List<string>
    {
        "http://localhost:8765/callback/",
        "http://127.0.0.1:8765/callback",
        "https://www.facebook.com/connect/login_success.html",
    };

    /// <summary>How long an authorization code can be exchanged.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of short-lived user tokens (the code exchange answers expires_in = this - 1 s).</summary>
    public TimeSpan ShortLivedLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Lifetime of long-lived user tokens (fb_exchange_token answers expires_in = this).</summary>
    public TimeSpan LongLivedLifetime { get; set; } = TimeSpan.FromSeconds(5183944);

    /// <summary>Initial value of <see cref="EmulatorSettings.AutoApprove"/>.</summary>
    public AutoApproveMode AutoApprove { get; set; } = AutoApproveMode.None;

    /// <summary>The user who "logs in" through the dialog.</summary>
    public string UserId { get; set; } = DefaultUserId;

    /// <summary>The name of that user (/me, the dialog's Continue button).</summary>
    public string UserName { get; set; } = "Emulated User";

    /// <summary>The id of the page listed by /me/accounts.</summary>
    public string PageId { get; set; } = "1122334455";

    /// <summary>The name of the page listed by /me/accounts.</summary>
    public string PageName { get; set; } = "Emulated Business Page";

    /// <summary>The WhatsApp Business Account id named in debug_token granular_scopes target_ids.</summary>
    public string WhatsAppBusinessAccountId { get; set; } = "102290129340398";

    /// <summary>The clock used for expiry; replace it to test expiry without waiting.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    // --- Start-up options of the packaged tool (issue 16): kept here so POST /_emulator/reset restores them. ---

    /// <summary>The TCP port on 127.0.0.1; 0 (default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Where the clock starts relative to the time provider (may be negative); reset returns to it.</summary>
    public TimeSpan InitialClockOffset { get; set; }

    /// <summary>Start with <see cref="EmulatorSettings.RequireAppSecretProof"/> on; reset returns to it.</summary>
    public bool RequireAppSecretProof { get; set; }

    /// <summary>Where the emulator POSTs its webhooks (--webhook-url); null: it sends none. Reset returns to it.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The fault switch at start (latency, transient errors, throttling); reset returns to it.</summary>
    public EmulatorFaults InitialFaults { get; set; } = EmulatorFaults.None;

    /// <summary>Apps registered at start besides the default one (an --apps file's other apps).</summary>
    public IList<EmulatorApp> AdditionalApps { get; set; } = new List<EmulatorApp>();

    /// <summary>The --apps file's sections other than apps, applied at start and on reset (see <see cref="EmulatorSeedSections"/>).</summary>
    public IDictionary<string, System.Text.Json.JsonElement> SeedSections { get; set; } =
        new Dictionary<string, System.Text.Json.JsonElement>(StringComparer.Ordinal);

    /// <summary>The --apps file's business sections, checked: applied at start and after every reset (null: none).</summary>
    internal EmulatorSeed? Seed { get; set; }
}
