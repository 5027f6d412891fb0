using System.Text.Json;
using FacebookEmulator.Control;

namespace FacebookEmulator;

/// <summary>The control API under /_emulator/ that tests in other processes (Pester) use to drive the emulator.</summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_emulator/health", (RequestDelegate)(context => WriteAsync(context, new { ok = true })));
        endpoints.MapPost("/_emulator/apps", (RequestDelegate)RegisterAppAsync);
        endpoints.MapPost("/_emulator/codes", (RequestDelegate)MintCodeAsync);
        endpoints.MapPost("/_emulator/tokens", (RequestDelegate)MintTokenAsync);
        endpoints.MapPost("/_emulator/tokens/expire", (RequestDelegate)(context => ChangeTokenAsync(context, expire: true)));
        endpoints.MapPost("/_emulator/tokens/revoke", (RequestDelegate)(context => ChangeTokenAsync(context, expire: false)));
        endpoints.MapGet("/_emulator/settings", (RequestDelegate)(context => WriteAsync(context, context.GetState().Settings)));
        endpoints.MapPost("/_emulator/settings", (RequestDelegate)UpdateSettingsAsync);
        endpoints.MapGet("/_emulator/faults", (RequestDelegate)WriteFaultsAsync);
        endpoints.MapPost("/_emulator/faults", (RequestDelegate)SetFaultsAsync);
        endpoints.MapPost("/_emulator/roles", (RequestDelegate)GrantRoleAsync);
        endpoints.MapDelete("/_emulator/faults", (RequestDelegate)(context =>
        {
            context.GetState().ClearFaults();
            return WriteFaultsAsync(context);
        }));
        endpoints.MapGet("/_emulator/concurrency", (RequestDelegate)WriteConcurrencyAsync);
        endpoints.MapDelete("/_emulator/concurrency", (RequestDelegate)(context =>
        {
            context.GetState().ResetPeakInFlight();
            return WriteConcurrencyAsync(context);
        }));
        endpoints.MapGet("/_emulator/requests", (RequestDelegate)(context => WriteAsync(context, context.GetState().Requests)));
        endpoints.MapDelete("/_emulator/requests", (RequestDelegate)(context =>
        {
            context.GetState().ClearRequests();
            return WriteAsync(context, new { success = true });
        }));
        endpoints.MapPost("/_emulator/reset", (RequestDelegate)(context =>
        {
            context.GetState().Reset();
            return WriteAsync(context, new { success = true });
        }));
        endpoints.MapGet("/_emulator/clock", (RequestDelegate)WriteClockAsync);
        endpoints.MapPost("/_emulator/clock", (RequestDelegate)AdvanceClockAsync);
        SystemUserControl.Map(endpoints);
        endpoints.MapPost("/_emulator/shutdown", (RequestDelegate)(context =>
        {
            IHostApplicationLifetime lifetime = context.RequestServices.GetRequiredService<IHostApplicationLifetime>();
            context.Response.OnCompleted(() =>
            {
                lifetime.StopApplication();
                return Task.CompletedTask;
            });
            return WriteAsync(context, new { success = true });
        }));
        EmulatorLogEndpoints.Map(endpoints);
        endpoints.Map("/_emulator/{**rest}", (RequestDelegate)(context =>
            WriteAsync(context, new { error = "Unknown control endpoint " + context.Request.Method + " " + context.Request.Path }, StatusCodes.Status404NotFound)));
    }

    private static Task WriteClockAsync(HttpContext context)
    {
        EmulatorState state = context.GetState();
        return WriteAsync(context, new { now = state.Now.ToUnixTimeSeconds(), offsetSeconds = (long)state.ClockOffset.TotalSeconds });
    }

    private static async Task AdvanceClockAsync(HttpContext context)
    {
        ClockAdvance? body = await ReadAsync<ClockAdvance>(context);
        if (body is null)
        {
            return;
        }

        long seconds = (body.Seconds ?? 0) + ((body.Days ?? 0) * 86_400);
        if (seconds < 0)
        {
            await BadRequestAsync(context, "The clock only moves forward: seconds and days must not be negative.");
            return;
        }

        context.GetState().AdvanceClock(TimeSpan.FromSeconds(seconds));
        await WriteClockAsync(context);
    }

    private static async Task RegisterAppAsync(HttpContext context)
    {
        AppRegistration? body = await ReadAsync<AppRegistration>(context);
        if (body is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(body.AppId) || string.IsNullOrEmpty(body.AppSecret))
        {
            await BadRequestAsync(context, "appId and appSecret are required.");
            return;
        }

        EmulatorApp app = context.GetState().RegisterApp(body.AppId, body.AppSecret, body.RedirectUris ?? new List<string>(), body.Name);
        app.RequireAppSecret = body.RequireAppSecret ?? false;
        await WriteAsync(context, app);
    }

    private static async Task MintCodeAsync(HttpContext context)
    {
        CodeRequest? body = await ReadAsync<CodeRequest>(context);
        if (body is null)
        {
            return;
        }

        EmulatorState state = context.GetState();
        string appId = string.IsNullOrEmpty(body.AppId) ? state.Options.AppId : body.AppId;
        if (body.EmbeddedSignup == true)
        {
            await WriteAsync(context, new { code = state.MintEmbeddedSignupCode(appId, body.Scopes, body.LifetimeSeconds is { } life ? TimeSpan.FromSeconds(life) : null, body.TargetIds, body.TokenExpiresIn60Days == true) });
            return;
        }

        if (body.RedirectUri is null)
        {
            await BadRequestAsync(context, "redirectUri is required.");
            return;
        }

        string code = state.MintCode(
            appId,
            body.RedirectUri,
            body.Scopes,
            body.CodeChallenge,
            body.LifetimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            body.CodeChallengeMethod,
            body.UserId);
        await WriteAsync(context, new { code });
    }

    private static async Task MintTokenAsync(HttpContext context)
    {
        TokenRequest? body = await ReadAsync<TokenRequest>(context);
        if (body is null)
        {
            return;
        }

        TokenKind? kind = (body.Kind ?? "short").ToLowerInvariant() switch
        {
            "short" or "user" or "shortliveduser" => TokenKind.ShortLivedUser,
            "long" or "longliveduser" => TokenKind.LongLivedUser,
            "app" => TokenKind.App,
            "page" => TokenKind.Page,
            _ => null,
        };
        if (kind is null)
        {
            await BadRequestAsync(context, "kind must be short, long, app or page.");
            return;
        }

        EmulatorState state = context.GetState();
        string appId = string.IsNullOrEmpty(body.AppId) ? state.Options.AppId : body.AppId;
        string value = state.MintToken(
            appId,
            kind.Value,
            body.LifetimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            body.Scopes,
            body.UserId);
        if (body.TargetIds is not null)
        {
            state.SetTargetIds(value, body.TargetIds);
        }

        EmulatorToken token = state.FindToken(value)!;
        await WriteAsync(context, new Dictionary<string, object?>
        {
            ["access_token"] = value,
            ["expires_at"] = token.ExpiresAt is { } expiresAt ? expiresAt.ToUnixTimeSeconds() : 0L,
        });
    }

    private static async Task ChangeTokenAsync(HttpContext context, bool expire)
    {
        TokenReference? body = await ReadAsync<TokenReference>(context);
        if (body is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(body.AccessToken))
        {
            await BadRequestAsync(context, "access_token is required.");
            return;
        }

        EmulatorState state = context.GetState();
        if (!expire && body.Subcode is { } subcode && !SessionErrors.IsKnown(subcode))
        {
            await BadRequestAsync(context, "subcode must be one of " + string.Join(", ", SessionErrors.Subcodes) + ".");
            return;
        }

        bool found = expire ? state.ExpireToken(body.AccessToken) : state.RevokeToken(body.AccessToken, body.Subcode);
        await WriteAsync(context, new { success = found }, found ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
    }

    private static async Task UpdateSettingsAsync(HttpContext context)
    {
        SettingsUpdate? body = await ReadAsync<SettingsUpdate>(context);
        if (body is null)
        {
            return;
        }

        EmulatorSettings settings = context.GetState().Settings;
        if (body.AutoApprove is { } autoApprove)
        {
            settings.AutoApprove = autoApprove;
        }

        if (body.TokenTypeCasing is not null)
        {
            settings.TokenTypeCasing = body.TokenTypeCasing;
        }

        if (body.OmitExpiresIn is { } omitExpiresIn)
        {
            settings.OmitExpiresIn = omitExpiresIn;
        }

        if (body.AppIdAsNumber is { } appIdAsNumber)
        {
            settings.AppIdAsNumber = appIdAsNumber;
        }

        if (body.JsonContentType is not null)
        {
            settings.JsonContentType = body.JsonContentType;
        }

        if (body.CodeExchangeGivesLongLived is { } longLived)
        {
            settings.CodeExchangeGivesLongLived = longLived;
        }

        if (body.GranularWithoutTargetIds is { } withoutTargets)
        {
            settings.GranularWithoutTargetIds = withoutTargets;
        }

        if (body.DeclinedScopes is { } declined)
        {
            settings.DeclinedScopes = declined;
        }

        if (body.RequireAppSecretProof is { } requireProof)
        {
            settings.RequireAppSecretProof = requireProof;
        }

        if (body.GranularOmitsWhatsAppManagement is { } omitsManagement)
        {
            settings.GranularOmitsWhatsAppManagement = omitsManagement;
        }

        if (body.RequireAppSecret is { } requireAppSecret)
        {
            // "Require App Secret" of the default app (other apps: POST /_emulator/apps with requireAppSecret).
            context.GetState().FindApp(context.GetState().Options.AppId)!.RequireAppSecret = requireAppSecret;
        }

        await WriteAsync(context, settings);
    }

    private static async Task GrantRoleAsync(HttpContext context)
    {
        RoleGrant? grant = await ReadAsync<RoleGrant>(context);
        if (grant is null)
        {
            return;
        }

        EmulatorState state = context.GetState();
        string appId = grant.AppId ?? state.Options.AppId;
        string userId = grant.UserId ?? state.Options.UserId;
        state.GrantAppRole(appId, userId);
        await context.Response.WriteAsJsonAsync(new { appId, userId });
    }

    private static async Task SetFaultsAsync(HttpContext context)
    {
        EmulatorFaults? faults = await ReadAsync<EmulatorFaults>(context);
        if (faults is null)
        {
            return;
        }

        context.GetState().Faults = faults;
        await WriteFaultsAsync(context);
    }

    private static Task WriteConcurrencyAsync(HttpContext context)
    {
        EmulatorState state = context.GetState();
        return WriteAsync(context, new { inFlight = state.GraphRequestsInFlight, peak = state.PeakGraphRequestsInFlight });
    }

    private static Task WriteFaultsAsync(HttpContext context)
    {
        EmulatorState state = context.GetState();
        EmulatorFaults faults = state.Faults;
        return WriteAsync(context, new
        {
            faults.LatencyMs,
            faults.Mode,
            faults.Count,
            code = faults.ThrottleCode,
            faults.RetryAfterSeconds,
            faults.PathContains,
            remaining = state.FaultsRemaining,
        });
    }

    /// <summary>Reads a JSON body (whatever its Content-Type); on failure writes a 400 and returns null.</summary>
    private static async Task<T?> ReadAsync<T>(HttpContext context)
        where T : class
    {
        try
        {
            T? value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, EmulatorJson.Options, context.RequestAborted);
            if (value is null)
            {
                await BadRequestAsync(context, "A JSON object body is required.");
            }

            return value;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
        {
            await BadRequestAsync(context, "Bad JSON body: " + ex.Message);
            return null;
        }
    }

    private static Task BadRequestAsync(HttpContext context, string message) =>
        WriteAsync(context, new { error = message }, StatusCodes.Status400BadRequest);

    private static Task WriteAsync<T>(HttpContext context, T value, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, EmulatorJson.Options, context.RequestAborted);
    }
}
