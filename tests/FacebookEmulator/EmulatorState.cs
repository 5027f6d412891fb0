namespace FacebookEmulator;

/// <summary>
/// Everything the emulator knows: apps, codes, tokens, settings, faults and the request log.
/// All members are thread-safe.
/// </summary>
public sealed partial class EmulatorState
{
    private const int MaxLoggedRequests = 10_000;

    private readonly object _gate = new();
    private readonly HashSet<(string AppId, string UserId)> _appRoles = new();
    private readonly Dictionary<string, EmulatorApp> _apps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EmulatorToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PendingDialog> _dialogs = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = new();
    private EmulatorFaults _faults = EmulatorFaults.None;
    private int _faultsRemaining;
    private int _graphInFlight;
    private int _peakGraphInFlight;
    private int _objectReads;
    private TimeSpan _clockOffset;

    internal EmulatorState(EmulatorOptions options)
    {
        Options = options;
        Settings.ResetTo(options.AutoApprove);
        RegisterDefaultApp();
        Business = new BusinessDirectory(options);
        WhatsApp = new WhatsAppWorld(options, Business);
        Webhooks = new WebhookSender(options.WebhookUrl);
        ApplyStartOptions();
    }

    /// <summary>The webhook POSTs (WhatsApp statuses and inbound messages) and where they go.</summary>
    public WebhookSender Webhooks { get; }

    /// <summary>Businesses, WhatsApp Business Accounts and phone numbers, and which of them a token reaches.</summary>
    public WhatsAppWorld WhatsApp { get; }

    /// <summary>Businesses, system users and the apps they installed.</summary>
    public BusinessDirectory Business { get; }

    public EmulatorOptions Options { get; }

    /// <summary>Variations of Facebook's answers; change the properties at any time.</summary>
    public EmulatorSettings Settings { get; } = new();

    /// <summary>The current fault switch. Setting it restarts its <see cref="EmulatorFaults.Count"/>.</summary>
    public EmulatorFaults Faults
    {
        get
        {
            lock (_gate)
            {
                return _faults;
            }
        }

        set
        {
            ArgumentNullException.ThrowIfNull(value);
            lock (_gate)
            {
                _faults = value;
                _faultsRemaining = value.Count;
            }
        }
    }

    /// <summary>How many more requests get the fault's mode (-1: unlimited, 0: spent).</summary>
    public int FaultsRemaining
    {
        get
        {
            lock (_gate)
            {
                return _faults.Mode == FaultMode.None ? 0 : _faultsRemaining;
            }
        }
    }

    /// <summary>Graph requests being answered right now, counted from the start of their latency to their end.</summary>
    public int GraphRequestsInFlight
    {
        get
        {
            lock (_gate)
            {
                return _graphInFlight;
            }
        }
    }

    /// <summary>
    /// The most Graph requests that were in flight at once since start or the last <see cref="Reset"/> or
    /// <see cref="ResetPeakInFlight"/>: what a client's concurrency limit is checked against.
    /// </summary>
    public int PeakGraphRequestsInFlight
    {
        get
        {
            lock (_gate)
            {
                return _peakGraphInFlight;
            }
        }
    }

    /// <summary>A snapshot of the request log, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>A snapshot of the registered apps.</summary>
    public IReadOnlyList<EmulatorApp> Apps
    {
        get
        {
            lock (_gate)
            {
                return _apps.Values.ToArray();
            }
        }
    }

    /// <summary>A snapshot of all issued tokens.</summary>
    public IReadOnlyList<EmulatorToken> Tokens
    {
        get
        {
            lock (_gate)
            {
                return _tokens.Values.ToArray();
            }
        }
    }

    /// <summary>The emulator's clock: the time provider's time moved forward by <see cref="ClockOffset"/>.</summary>
    internal DateTimeOffset Now => Options.TimeProvider.GetUtcNow() + ClockOffset;

    /// <summary>How far tests moved the clock forward (POST /_emulator/clock); reset clears it.</summary>
    public TimeSpan ClockOffset
    {
        get
        {
            lock (_gate)
            {
                return _clockOffset;
            }
        }
    }

    /// <summary>WhatsApp templates, messages sent, customer-service windows, subscribed apps and number registration.</summary>
    public WhatsAppMessaging WhatsAppMessaging { get; } = new();

    /// <summary>Moves the clock forward (never back) by <paramref name="by"/>; returns the new time.</summary>
    public DateTimeOffset AdvanceClock(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "The clock only moves forward.");
        }

        lock (_gate)
        {
            _clockOffset += by;
        }

        return Now;
    }

    /// <summary>Registers (or replaces) an app.</summary>
    public EmulatorApp RegisterApp(string appId, string appSecret, IEnumerable<string> redirectUris, string? name = null)
    {
        var app = new EmulatorApp(appId, appSecret, redirectUris, name);
        lock (_gate)
        {
            _apps[app.AppId] = app;
        }

        return app;
    }

    public EmulatorApp? FindApp(string? appId)
    {
        if (string.IsNullOrEmpty(appId))
        {
            return null;
        }

        lock (_gate)
        {
            return _apps.GetValueOrDefault(appId);
        }
    }

    /// <summary>Issues an authorization code as the dialog would (for tests that skip the dialog).</summary>
    public string MintCode(
        string appId,
        string redirectUri,
        IEnumerable<string>? scopes = null,
        string? codeChallenge = null,
        TimeSpan? lifetime = null,
        string? codeChallengeMethod = null,
        string? userId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        ArgumentNullException.ThrowIfNull(redirectUri);
        string? method = string.IsNullOrEmpty(codeChallenge) ? null : (codeChallengeMethod ?? "S256");
        var code = new AuthorizationCode(
            RandomTokens.NewCode(),
            appId,
            redirectUri,
            (scopes ?? Array.Empty<string>()).ToArray(),
            string.IsNullOrEmpty(codeChallenge) ? null : codeChallenge,
            method,
            userId ?? Options.UserId,
            Now + (lifetime ?? Options.CodeLifetime));
        lock (_gate)
        {
            _codes[code.Value] = code;
        }

        return code.Value;
    }

    /// <summary>
    /// Issues a token. Default lifetimes: short-lived user <see cref="EmulatorOptions.ShortLivedLifetime"/>,
    /// long-lived user <see cref="EmulatorOptions.LongLivedLifetime"/>, app and page tokens never expire.
    /// A zero or negative lifetime gives a token that has already expired.
    /// </summary>
    public string MintToken(
        string appId,
        TokenKind kind,
        TimeSpan? lifetime = null,
        IEnumerable<string>? scopes = null,
        string? userId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        DateTimeOffset now = Now;
        TimeSpan? effective = lifetime ?? kind switch
        {
            TokenKind.ShortLivedUser => Options.ShortLivedLifetime,
            TokenKind.LongLivedUser => Options.LongLivedLifetime,
            _ => null,
        };
        return IssueToken(appId, kind, now, effective is { } span ? now + span : null, scopes, userId).Value;
    }

    /// <summary>Makes a token expired (now - 1 s). Returns false for an unknown token.</summary>
    public bool ExpireToken(string token)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(token, out EmulatorToken? existing))
            {
                return false;
            }

            _tokens[token] = existing with { ExpiresAt = Now - TimeSpan.FromSeconds(1) };
            return true;
        }
    }

    /// <summary>Sets the WABA ids a token's WhatsApp scopes cover (null: the default WABA). False for an unknown token.</summary>
    public bool SetTargetIds(string token, IReadOnlyList<string>? targetIds)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(token, out EmulatorToken? existing))
            {
                return false;
            }

            _tokens[token] = existing with { TargetIds = targetIds?.ToArray() };
            return true;
        }
    }

    /// <summary>
    /// Revokes one token (as if the user removed the app: 190/458), or ends it with another 190 subcode (459, 460, 463,
    /// 464, 467, 492) that Graph then answers. Returns false for an unknown token.
    /// </summary>
    public bool RevokeToken(string token, int? subcode = null)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(token, out EmulatorToken? existing))
            {
                return false;
            }

            _tokens[token] = existing with { IsRevoked = true, InvalidSubcode = subcode };
            return true;
        }
    }

    /// <summary>Revokes every user and page token of a user for an app (DELETE /me/permissions). Returns how many.</summary>
    public int RevokeUser(string appId, string userId)
    {
        lock (_gate)
        {
            int count = 0;
            foreach (EmulatorToken token in _tokens.Values.ToArray())
            {
                if (token.AppId == appId && token.UserId == userId && token.Kind != TokenKind.App && !token.IsRevoked)
                {
                    _tokens[token.Value] = token with { IsRevoked = true };
                    count++;
                }
            }

            return count;
        }
    }

    /// <summary>
    /// Finds a token: one the emulator issued, or an <c>APPID|APPSECRET</c> literal of a registered app
    /// (returned as an app token that never expires). Null when unknown.
    /// </summary>
    public EmulatorToken? FindToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        lock (_gate)
        {
            if (_tokens.TryGetValue(token, out EmulatorToken? issued))
            {
                return issued;
            }

            int bar = token.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0
                && _apps.TryGetValue(token[..bar], out EmulatorApp? app)
                && string.Equals(app.AppSecret, token[(bar + 1)..], StringComparison.Ordinal))
            {
                return new EmulatorToken(token, app.AppId, TokenKind.App, null, Array.Empty<string>(), Now, null)
                {
                    IsAppSecretLiteral = true,
                };
            }

            return null;
        }
    }

    /// <summary>Replaces all faults with <see cref="EmulatorFaults.None"/>.</summary>
    public void ClearFaults() => Faults = EmulatorFaults.None;

    public void ClearRequests()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    /// <summary>Starts the peak count again from the requests in flight now.</summary>
    public void ResetPeakInFlight()
    {
        lock (_gate)
        {
            _peakGraphInFlight = _graphInFlight;
        }
    }

    /// <summary>Gives a user a role (administrator, developer, tester) on an app, which lets their tokens call debug_token.</summary>
    public void GrantAppRole(string appId, string userId)
    {
        lock (_gate)
        {
            _appRoles.Add((appId, userId));
        }
    }

    internal bool HasAppRole(string appId, string? userId)
    {
        lock (_gate)
        {
            return userId is not null && _appRoles.Contains((appId, userId));
        }
    }

    /// <summary>Back to the state right after start: only the default app, no codes, tokens, faults or log.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _apps.Clear();
            _codes.Clear();
            _tokens.Clear();
            _dialogs.Clear();
            _requests.Clear();
            _faults = EmulatorFaults.None;
            _faultsRemaining = 0;
            _appRoles.Clear();
            _peakGraphInFlight = _graphInFlight;
            _objectReads = 0;
            _clockOffset = TimeSpan.Zero;
            WhatsAppMessaging.Reset();
            RegisterDefaultApp();
        }

        Business.Reset();
        Settings.ResetTo(Options.AutoApprove);
        WhatsApp.Reset();
        Webhooks.Url = Options.WebhookUrl;
        Webhooks.ClearLog();
        ApplyStartOptions();
    }

    /// <summary>
    /// Issues a system user's token as POST /{system-user-id}/access_tokens would (no install, no proof): never expiring
    /// unless a lifetime is given; its target ids are the system user's assigned WABAs.
    /// </summary>
    public EmulatorToken MintSystemUserToken(string systemUserId, string? appId = null, IEnumerable<string>? scopes = null, TimeSpan? lifetime = null)
    {
        EmulatorSystemUser user = Business.FindSystemUser(systemUserId) ?? throw new ArgumentException("No system user has the id " + systemUserId + ".", nameof(systemUserId));
        DateTimeOffset now = Now;
        string[] granted = (scopes ?? new[] { "whatsapp_business_management", "whatsapp_business_messaging" }).ToArray();
        return AddToken(SystemUserEndpoints.NewToken(appId ?? Options.AppId, user.Id, granted, user.AssignedWabaIds, now, lifetime is { } span ? now + span : null));
    }

    /// <summary>Stores a token built elsewhere (system-user tokens carry target ids) and returns it.</summary>
    internal EmulatorToken AddToken(EmulatorToken token)
    {
        lock (_gate)
        {
            _tokens[token.Value] = token;
        }

        return token;
    }

    internal EmulatorToken IssueToken(
        string appId,
        TokenKind kind,
        DateTimeOffset issuedAt,
        DateTimeOffset? expiresAt,
        IEnumerable<string>? scopes,
        string? userId)
    {
        string value = kind == TokenKind.App ? RandomTokens.NewAppToken(appId) : RandomTokens.NewUserToken();
        var token = new EmulatorToken(
            value,
            appId,
            kind,
            kind == TokenKind.App ? null : (userId ?? Options.UserId),
            (scopes ?? Array.Empty<string>()).ToArray(),
            issuedAt,
            expiresAt)
        {
            ProfileId = kind == TokenKind.Page ? Options.PageId : null,
        };
        lock (_gate)
        {
            _tokens[value] = token;
        }

        return token;
    }

    /// <summary>The page token of a user for an app, minted on first use; it never expires.</summary>
    internal EmulatorToken GetOrMintPageToken(string appId, string userId, IReadOnlyList<string> scopes)
    {
        lock (_gate)
        {
            foreach (EmulatorToken token in _tokens.Values)
            {
                if (token.Kind == TokenKind.Page && token.AppId == appId && token.UserId == userId && !token.IsRevoked)
                {
                    return token;
                }
            }

            return IssueToken(appId, TokenKind.Page, Now, null, scopes, userId);
        }
    }

    /// <summary>
    /// Looks a code up for an app and, when it is usable, marks it used. The caller checks redirect_uri
    /// and PKCE afterwards: the code is spent even when those checks then fail, as on Facebook.
    /// </summary>
    internal CodeRedemption RedeemCode(string code, string appId, out AuthorizationCode? redeemed)
    {
        redeemed = null;
        lock (_gate)
        {
            if (!_codes.TryGetValue(code, out AuthorizationCode? entry))
            {
                return CodeRedemption.Unknown;
            }

            if (!string.Equals(entry.AppId, appId, StringComparison.Ordinal))
            {
                return CodeRedemption.OtherApp;
            }

            if (entry.IsUsed)
            {
                return CodeRedemption.AlreadyUsed;
            }

            if (entry.ExpiresAt <= Now)
            {
                return CodeRedemption.Expired;
            }

            _codes[code] = entry with { IsUsed = true };
            redeemed = entry;
            return CodeRedemption.Redeemed;
        }
    }

    internal string AddDialog(PendingDialog dialog)
    {
        lock (_gate)
        {
            DateTimeOffset now = Now;
            foreach (PendingDialog stale in _dialogs.Values.Where(d => d.ExpiresAt <= now).ToArray())
            {
                _dialogs.Remove(stale.Id);
            }

            _dialogs[dialog.Id] = dialog;
        }

        return dialog.Id;
    }

    /// <summary>Removes and returns a pending dialog; null when unknown, used or stale.</summary>
    internal PendingDialog? TakeDialog(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        lock (_gate)
        {
            if (!_dialogs.Remove(id, out PendingDialog? dialog) || dialog.ExpiresAt <= Now)
            {
                return null;
            }

            return dialog;
        }
    }

    internal void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            if (_requests.Count >= MaxLoggedRequests)
            {
                _requests.RemoveAt(0);
            }

            _requests.Add(request);
        }
    }

    /// <summary>
    /// The X-App-Usage value after one more Graph object read: percentages of the app's hourly budget, growing by one
    /// per read since the last reset.
    /// </summary>
    internal string NextAppUsage()
    {
        int reads;
        lock (_gate)
        {
            reads = ++_objectReads;
        }

        int percent = Math.Min(100, reads);
        return "{\"call_count\":" + percent + ",\"total_cputime\":" + (percent / 2) + ",\"total_time\":" + (percent / 2) + "}";
    }

    /// <summary>Counts one Graph request in flight; pair with <see cref="LeaveGraphRequest"/>.</summary>
    internal void EnterGraphRequest()
    {
        lock (_gate)
        {
            _graphInFlight++;
            _peakGraphInFlight = Math.Max(_peakGraphInFlight, _graphInFlight);
        }
    }

    internal void LeaveGraphRequest()
    {
        lock (_gate)
        {
            _graphInFlight--;
        }
    }

    /// <summary>The latency and fault mode for one Graph request; consumes one from the fault's count.</summary>
    internal (int LatencyMs, FaultMode Mode, EmulatorFaults Faults) NextFault(string path)
    {
        lock (_gate)
        {
            EmulatorFaults faults = _faults;
            if (!string.IsNullOrEmpty(faults.PathContains)
                && !path.Contains(faults.PathContains, StringComparison.OrdinalIgnoreCase))
            {
                return (0, FaultMode.None, faults);
            }

            FaultMode mode = FaultMode.None;
            if (faults.Mode != FaultMode.None && _faultsRemaining != 0)
            {
                mode = faults.Mode;
                if (_faultsRemaining > 0)
                {
                    _faultsRemaining--;
                }
            }

            return (Math.Max(0, faults.LatencyMs), mode, faults);
        }
    }

    private void RegisterDefaultApp()
    {
        var app = new EmulatorApp(Options.AppId, Options.AppSecret, Options.RedirectUris, Options.AppName);
        lock (_gate)
        {
            _apps[app.AppId] = app;
        }
    }
}
