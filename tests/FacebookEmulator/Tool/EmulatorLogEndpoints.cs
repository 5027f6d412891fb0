namespace FacebookEmulator;

/// <summary>
/// Control endpoints for the packaged tool's users (Start-FacebookEmulator, Get-FacebookEmulatorLog):
/// GET /_emulator/info (base URIs and the default app) and GET /_emulator/log (requests, tokens, messages, read receipts and webhook deliveries, secrets
/// masked as the module masks them). GET /_emulator/requests stays the unmasked log for the project's own tests.
/// </summary>
internal static class EmulatorLogEndpoints
{
    private static readonly HashSet<string> s_tokenParameters = new(StringComparer.Ordinal)
    {
        "access_token", "input_token", "fb_exchange_token", "revoke_token", "code", "code_verifier", "appsecret_proof",
    };

    private static readonly HashSet<string> s_hiddenParameters = new(StringComparer.Ordinal) { "client_secret" };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_emulator/info", (RequestDelegate)WriteInfoAsync);
        endpoints.MapGet("/_emulator/log", (RequestDelegate)WriteLogAsync);
    }

    private static Task WriteInfoAsync(HttpContext context)
    {
        EmulatorState state = context.GetState();
        string baseUri = context.Request.Scheme + "://" + context.Request.Host.Value + "/";
        var info = new Dictionary<string, object?>
        {
            ["version"] = EmulatorVersion.Text,
            ["baseUri"] = baseUri,
            ["graphBaseUri"] = baseUri,
            ["loginBaseUri"] = baseUri,
            ["appId"] = state.Options.AppId,
            ["appSecret"] = state.Options.AppSecret,
            ["appName"] = state.Options.AppName,
            ["userId"] = state.Options.UserId,
            ["requireAppSecretProof"] = state.Settings.RequireAppSecretProof,
            ["clockOffsetSeconds"] = (long)state.ClockOffset.TotalSeconds,
        };
        return context.Response.WriteAsJsonAsync(info, EmulatorJson.Options, context.RequestAborted);
    }

    private static Task WriteLogAsync(HttpContext context)
    {
        EmulatorState state = context.GetState();
        var requests = state.Requests.Select(r => new Dictionary<string, object?>
        {
            ["timestamp"] = r.Timestamp,
            ["method"] = r.Method,
            ["path"] = r.Path,
            ["version"] = r.Version,
            ["endpoint"] = r.Endpoint,
            ["status"] = r.Status,
            ["fault"] = r.Fault,
            ["query"] = Masked(r.Query),
            ["form"] = Masked(r.Form),
            ["authorization"] = MaskAuthorization(r.Authorization),
        }).ToArray();
        var tokens = state.Tokens.OrderBy(t => t.IssuedAt).Select(t => new Dictionary<string, object?>
        {
            ["token"] = MaskToken(t.Value),
            ["kind"] = t.Kind.ToString(),
            ["appId"] = t.AppId,
            ["userId"] = t.UserId,
            ["scopes"] = t.Scopes,
            ["issuedAt"] = t.IssuedAt,
            ["expiresAt"] = t.ExpiresAt,
            ["revoked"] = t.IsRevoked,
        }).ToArray();
        var log = new Dictionary<string, object?>
        {
            ["requests"] = requests,
            ["tokens"] = tokens,
            ["messages"] = EmulatorLogMessages.Snapshot(state),
            ["reads"] = state.WhatsAppMessaging.Reads.Select(r => new Dictionary<string, object?>
            {
                ["messageId"] = r.MessageId,
                ["phoneNumberId"] = r.PhoneNumberId,
                ["timestamp"] = r.Timestamp.ToUnixTimeSeconds(),
            }).ToArray(),
            ["webhooks"] = WebhookLog.Snapshot(state),
        };
        return context.Response.WriteAsJsonAsync(log, EmulatorJson.Options, context.RequestAborted);
    }

    private static Dictionary<string, string> Masked(IReadOnlyDictionary<string, string> values)
    {
        var masked = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> pair in values)
        {
            masked[pair.Key] = s_hiddenParameters.Contains(pair.Key) ? Hide(pair.Value)
                : s_tokenParameters.Contains(pair.Key) ? MaskToken(pair.Value)
                : pair.Value;
        }

        return masked;
    }

    private static string? MaskAuthorization(string? value)
    {
        if (value is null)
        {
            return null;
        }

        int space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? value[..(space + 1)] + MaskToken(value[(space + 1)..]) : MaskToken(value);
    }

    /// <summary>
    /// The module's SecretMask.MaskToken: the first four and last three characters; nothing of a short value. An app token
    /// <c>APPID|SECRET</c> shows its app id and nothing of the secret (its last characters would be the secret's).
    /// </summary>
    internal static string MaskToken(string? value)
    {
        int bar = value?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        return bar >= 0 ? value![..(bar + 1)] + Hide(value[(bar + 1)..]) : MaskPlain(value);
    }

    private static string MaskPlain(string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty
        : value.Length < 16 ? "\u2026(" + value.Length + " chars)"
        : value[..4] + "\u2026" + value[^3..];

    private static string Hide(string? value) =>
        string.IsNullOrEmpty(value) ? "(empty)" : "***(" + value.Length + " chars)";
}
