using FacebookEmulator.Control;
using static FacebookEmulator.ControlJson;

namespace FacebookEmulator;

/// <summary>
/// Control endpoints for system users: GET /_emulator/systemusers lists them (with the apps each installed),
/// POST /_emulator/systemusers adds one, POST /_emulator/systemusers/tokens mints a token for one, POST
/// /_emulator/businesses sets a business's "expiring tokens only".
/// </summary>
internal static class SystemUserControl
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_emulator/systemusers", (RequestDelegate)ListAsync);
        endpoints.MapPost("/_emulator/systemusers", (RequestDelegate)AddAsync);
        endpoints.MapPost("/_emulator/systemusers/tokens", (RequestDelegate)MintAsync);
        endpoints.MapPost("/_emulator/businesses", (RequestDelegate)SetBusinessAsync);
    }

    /// <summary>POST /_emulator/businesses {businessId, expiringTokensOnly}: a business's token policy.</summary>
    private static async Task SetBusinessAsync(HttpContext context)
    {
        BusinessSettingsRequest? body = await ReadAsync<BusinessSettingsRequest>(context);
        if (body is null)
        {
            return;
        }

        EmulatorState state = context.GetState();
        string businessId = string.IsNullOrEmpty(body.BusinessId) ? BusinessDirectory.DefaultBusinessId : body.BusinessId;
        if (body.ExpiringTokensOnly is { } expiringOnly)
        {
            state.Business.SetExpiringTokensOnly(businessId, expiringOnly);
        }

        await WriteAsync(context, new { businessId, expiringTokensOnly = state.Business.RequiresExpiringTokens(businessId) });
    }

    private static Task ListAsync(HttpContext context)
    {
        EmulatorState state = context.GetState();
        var users = state.Business.SystemUsers.Select(u => new
        {
            u.Id,
            u.Name,
            u.Role,
            u.BusinessId,
            u.AssignedWabaIds,
            installedAppIds = state.Apps.Where(a => state.Business.IsInstalled(u.Id, a.AppId)).Select(a => a.AppId).ToArray(),
        });
        return WriteAsync(context, users);
    }

    private static async Task AddAsync(HttpContext context)
    {
        SystemUserRegistration? body = await ReadAsync<SystemUserRegistration>(context);
        if (body is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(body.Id))
        {
            await WriteAsync(context, new { error = "id is required." }, StatusCodes.Status400BadRequest);
            return;
        }

        EmulatorState state = context.GetState();
        EmulatorSystemUser user = state.Business.AddSystemUser(
            body.Id,
            body.Name ?? "System User " + body.Id,
            string.IsNullOrEmpty(body.Role) ? "EMPLOYEE" : body.Role.ToUpperInvariant(),
            body.BusinessId ?? BusinessDirectory.DefaultBusinessId,
            body.AssignedWabaIds ?? new List<string> { state.Options.WhatsAppBusinessAccountId });
        foreach (string appId in body.InstalledAppIds ?? new List<string>())
        {
            state.Business.Install(user.Id, appId);
        }

        await WriteAsync(context, user);
    }

    private static async Task MintAsync(HttpContext context)
    {
        SystemUserTokenRequest? body = await ReadAsync<SystemUserTokenRequest>(context);
        if (body is null)
        {
            return;
        }

        EmulatorState state = context.GetState();
        EmulatorSystemUser? user = state.Business.FindSystemUser(body.SystemUserId ?? BusinessDirectory.DefaultSystemUserId);
        if (user is null)
        {
            await WriteAsync(context, new { error = "No system user has the id " + body.SystemUserId + "." }, StatusCodes.Status404NotFound);
            return;
        }

        DateTimeOffset now = state.Now;
        DateTimeOffset? expiresAt = body.LifetimeSeconds is { } seconds
            ? now + TimeSpan.FromSeconds(seconds)
            : body.ExpiresIn60Days == true ? now + SystemUserEndpoints.SixtyDays : null;
        string[] scopes = (body.Scopes ?? new List<string> { "whatsapp_business_management", "whatsapp_business_messaging" }).ToArray();
        EmulatorToken token = state.AddToken(SystemUserEndpoints.NewToken(body.AppId ?? state.Options.AppId, user.Id, scopes, user.AssignedWabaIds, now, expiresAt));
        await WriteAsync(context, new Dictionary<string, object?>
        {
            ["access_token"] = token.Value,
            ["expires_at"] = token.ExpiresAt is { } at ? at.ToUnixTimeSeconds() : 0L,
        });
    }
}
