namespace FacebookEmulator;

/// <summary>Embedded Signup (WhatsApp onboarding through the JavaScript SDK popup): its codes and business integration tokens.</summary>
public sealed partial class EmulatorState
{
    /// <summary>How long an Embedded Signup code can be exchanged (Meta: about 30 seconds).</summary>
    public static readonly TimeSpan EmbeddedSignupCodeLifetime = TimeSpan.FromSeconds(30);

    private static readonly string[] s_embeddedSignupScopes = { "whatsapp_business_management", "whatsapp_business_messaging" };

    private int _businessIntegrationUsers;

    /// <summary>
    /// Issues an Embedded Signup code for an app: no redirect_uri, 30 s of life on the emulator clock, exchanged for a
    /// business integration system-user token of a system user minted for it (61550000000001xxx): never-expiring, or
    /// 60-day when the signup configuration chose expiring tokens (<paramref name="sixtyDayToken"/>).
    /// </summary>
    public string MintEmbeddedSignupCode(string appId, IEnumerable<string>? scopes = null, TimeSpan? lifetime = null, IEnumerable<string>? targetIds = null, bool sixtyDayToken = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        string userId;
        lock (_gate)
        {
            userId = "61550000000001" + (++_businessIntegrationUsers % 1000).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        }

        var code = new AuthorizationCode(
            RandomTokens.NewCode(),
            appId,
            string.Empty,
            (scopes ?? s_embeddedSignupScopes).ToArray(),
            null,
            null,
            userId,
            Now + (lifetime ?? EmbeddedSignupCodeLifetime))
        {
            IsEmbeddedSignup = true,
            TargetIds = targetIds?.ToArray(),
            SixtyDayToken = sixtyDayToken,
        };
        lock (_gate)
        {
            _codes[code.Value] = code;
        }

        return code.Value;
    }

    /// <summary>True when <paramref name="code"/> is an Embedded Signup code (used or not): the exchange then needs no redirect_uri.</summary>
    internal bool IsEmbeddedSignupCode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        lock (_gate)
        {
            return _codes.TryGetValue(code, out AuthorizationCode? entry) && entry.IsEmbeddedSignup;
        }
    }

    /// <summary>
    /// The business integration system-user token an Embedded Signup code is exchanged for: SYSTEM_USER, never expires, or
    /// 60 days from now when the code's configuration chose expiring tokens.
    /// </summary>
    internal EmulatorToken IssueBusinessIntegrationToken(AuthorizationCode code)
    {
        DateTimeOffset now = Now;
        EmulatorToken token = IssueToken(code.AppId, TokenKind.SystemUser, now, code.SixtyDayToken ? now + SystemUserEndpoints.SixtyDays : null, code.Scopes, code.UserId) with
        {
            IsBusinessIntegration = true,
            TargetIds = code.TargetIds,
        };
        lock (_gate)
        {
            _tokens[token.Value] = token;
        }

        return token;
    }
}
