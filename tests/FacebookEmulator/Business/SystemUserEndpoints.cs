using System.Text.Json.Nodes;

namespace FacebookEmulator;

/// <summary>
/// Meta's "Install Apps, Generate, Refresh, and Revoke Tokens" for system users: POST /{system-user-id}/applications,
/// POST /{system-user-id}/access_tokens, the refresh (fb_exchange_token on a 60-day system-user token) and
/// GET|POST /oauth/revoke.
/// </summary>
internal static class SystemUserEndpoints
{
    /// <summary>Meta's 60-day tokens ("Valid for 60 days").</summary>
    public static readonly TimeSpan SixtyDays = TimeSpan.FromDays(60);

    private static readonly HashSet<string> s_knownPermissions = new(StringComparer.Ordinal)
    {
        "ads_management", "ads_read", "business_management", "catalog_management", "email", "instagram_basic",
        "instagram_content_publish", "leads_retrieval", "pages_manage_metadata", "pages_messaging", "pages_read_engagement",
        "pages_show_list", "public_profile", "whatsapp_business_management", "whatsapp_business_manage_events",
        "whatsapp_business_messaging",
    };

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/{node}/applications", InstallAppAsync);
        app.MapPost("/{node}/access_tokens", GenerateTokenAsync);
        app.MapMethods("/oauth/revoke", new[] { HttpMethods.Get, HttpMethods.Post }, RevokeAsync);
    }

    /// <summary>
    /// POST /{system-user-id}/applications with business_app and the token of an admin or system user of its business
    /// (appsecret_proof checked as on every Graph call): true.
    /// </summary>
    public static async Task InstallAppAsync(HttpContext context)
    {
        (EmulatorToken? caller, EmulatorSystemUser? user, IReadOnlyDictionary<string, string> parameters) = await AuthorizeAsync(context);
        if (caller is null || user is null)
        {
            return;
        }

        EmulatorState state = context.GetState();

        // The same appsecret_proof check as /access_tokens and every Graph call: a wrong or stale proof is refused, a
        // missing one when the app requires it (Meta's page does not list the proof among /applications' parameters).
        if (AppSecretProofCheck.Check(state, caller, parameters) is { } proofError)
        {
            await GraphResponses.WriteErrorAsync(context, proofError);
            return;
        }

        if (await CheckBusinessAppAsync(context, state, user, parameters) is not { } appId)
        {
            return;
        }

        state.Business.Install(user.Id, appId);
        await GraphResponses.WriteJsonAsync(context, new JsonObject { ["success"] = true });
    }

    /// <summary>
    /// POST /{system-user-id}/access_tokens with business_app, scope (comma separated), appsecret_proof (required) and
    /// optionally set_token_expires_in_60_days=true: {"access_token"}.
    /// </summary>
    public static async Task GenerateTokenAsync(HttpContext context)
    {
        (EmulatorToken? caller, EmulatorSystemUser? user, IReadOnlyDictionary<string, string> parameters) = await AuthorizeAsync(context);
        if (caller is null || user is null)
        {
            return;
        }

        EmulatorState state = context.GetState();
        if (parameters.Get("appsecret_proof") is null)
        {
            await GraphResponses.WriteErrorAsync(context, SystemUserErrors.ParameterRequired("appsecret_proof"));
            return;
        }

        if (AppSecretProofCheck.Check(state, caller, parameters) is { } proofError)
        {
            await GraphResponses.WriteErrorAsync(context, proofError);
            return;
        }

        if (await CheckBusinessAppAsync(context, state, user, parameters) is not { } appId)
        {
            return;
        }

        if (!state.Business.IsInstalled(user.Id, appId))
        {
            await GraphResponses.WriteErrorAsync(context, SystemUserErrors.PermissionsError());
            return;
        }

        string[] scopes = (parameters.Get("scope") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (scopes.Length == 0)
        {
            await GraphResponses.WriteErrorAsync(context, SystemUserErrors.ParameterRequired("scope"));
            return;
        }

        foreach (string scope in scopes)
        {
            if (!s_knownPermissions.Contains(scope))
            {
                await GraphResponses.WriteErrorAsync(context, SystemUserErrors.InvalidScope(scope));
                return;
            }
        }

        bool sixtyDays = string.Equals(parameters.Get("set_token_expires_in_60_days"), "true", StringComparison.OrdinalIgnoreCase);
        if (!sixtyDays && state.Business.RequiresExpiringTokens(user.BusinessId))
        {
            await GraphResponses.WriteErrorAsync(context, SystemUserErrors.ExpiringTokensRequired(user.BusinessId));
            return;
        }

        DateTimeOffset now = state.Now;
        EmulatorToken token = state.AddToken(NewToken(appId, user.Id, scopes.Distinct(StringComparer.Ordinal).ToArray(), user.AssignedWabaIds, now, sixtyDays ? now + SixtyDays : null));
        await GraphResponses.WriteJsonAsync(context, new JsonObject { ["access_token"] = token.Value });
    }

    /// <summary>
    /// The refresh of a 60-day system-user token (oauth/access_token, grant_type=fb_exchange_token,
    /// set_token_expires_in_60_days=true): a new token for 60 more days from now; the old one stays valid until its own
    /// expiry (Meta gives a new token and does not say the old one ends).
    /// </summary>
    public static async Task<GraphError?> RefreshAsync(HttpContext context, EmulatorState state, EmulatorToken source, IReadOnlyDictionary<string, string> parameters)
    {
        DateTimeOffset now = state.Now;
        bool sixtyDays = string.Equals(parameters.Get("set_token_expires_in_60_days"), "true", StringComparison.OrdinalIgnoreCase);
        DateTimeOffset? expiresAt = sixtyDays ? now + SixtyDays : source.ExpiresAt;
        EmulatorToken token = state.AddToken(NewToken(source.AppId, source.UserId!, source.Scopes, source.TargetIds, now, expiresAt));
        var body = new JsonObject
        {
            ["access_token"] = token.Value,
            ["token_type"] = state.Settings.TokenTypeCasing,
        };
        if (expiresAt is { } at && !state.Settings.OmitExpiresIn)
        {
            body["expires_in"] = Math.Max(0L, (long)(at - now).TotalSeconds);
        }

        await GraphResponses.WriteJsonAsync(context, body);
        return null;
    }

    /// <summary>
    /// GET|POST /oauth/revoke with client_id, client_secret, revoke_token and access_token (the token itself, an app
    /// token of the app, or a token of an admin or system user of the same business): {"success":"true"} (a string, as Meta's
    /// page gives it). A token of another app than the client's is refused.
    /// </summary>
    public static async Task RevokeAsync(HttpContext context)
    {
        EmulatorState state = context.GetState();
        IReadOnlyDictionary<string, string> parameters = await GraphParameters.ReadAsync(context);
        if (await TokenEndpoint.AuthenticateClientAsync(context, state, parameters) is not { } app)
        {
            return;
        }

        string? revokeValue = parameters.Get("revoke_token");
        if (revokeValue is null)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.MissingParameter("revoke_token"));
            return;
        }

        string? callerValue = parameters.GetAccessToken(context);
        if (callerValue is null)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.AccessTokenRequired());
            return;
        }

        DateTimeOffset now = state.Now;
        EmulatorToken? caller = state.FindToken(callerValue);
        if (caller is null)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.CannotParseToken());
            return;
        }

        if (GraphErrors.ForInvalidToken(caller, now) is { } invalidCaller)
        {
            await GraphResponses.WriteErrorAsync(context, invalidCaller);
            return;
        }

        EmulatorToken? target = state.FindToken(revokeValue);
        if (target is null || target.IsAppSecretLiteral)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.CannotParseToken());
            return;
        }

        if (target.AppId != app.AppId)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.TokenOfOtherApp(app.AppId));
            return;
        }

        if (GraphErrors.ForInvalidToken(target, now) is { } invalidTarget)
        {
            await GraphResponses.WriteErrorAsync(context, invalidTarget);
            return;
        }

        bool allowed = caller.Value == target.Value
            || (caller.Kind == TokenKind.App && caller.AppId == app.AppId)
            || (state.Business.BusinessOf(caller) is { } business && business == state.Business.BusinessOf(target));
        if (!allowed)
        {
            await GraphResponses.WriteErrorAsync(context, SystemUserErrors.PermissionsError());
            return;
        }

        state.RevokeToken(target.Value);

        // Meta's page answers the revoke with the string "true", not a boolean.
        await GraphResponses.WriteJsonAsync(context, new JsonObject { ["success"] = "true" });
    }

    internal static EmulatorToken NewToken(string appId, string systemUserId, IReadOnlyList<string> scopes, IReadOnlyList<string>? targetIds, DateTimeOffset now, DateTimeOffset? expiresAt) =>
        new(RandomTokens.NewUserToken(), appId, TokenKind.SystemUser, systemUserId, scopes.ToArray(), now, expiresAt)
        {
            TargetIds = targetIds?.ToArray(),
        };

    /// <summary>
    /// The caller's token (valid; an admin user of the system user's business, or a system user of it) and the system
    /// user of the path. Writes Facebook's error and returns nulls otherwise.
    /// </summary>
    private static async Task<(EmulatorToken? Caller, EmulatorSystemUser? User, IReadOnlyDictionary<string, string> Parameters)> AuthorizeAsync(HttpContext context)
    {
        EmulatorState state = context.GetState();
        IReadOnlyDictionary<string, string> parameters = await GraphParameters.ReadAsync(context);
        string? value = parameters.GetAccessToken(context);
        if (value is null)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.AccessTokenRequired());
            return (null, null, parameters);
        }

        EmulatorToken? caller = state.FindToken(value);
        if (caller is null)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.OnGraphRead(GraphErrors.CannotParseToken(parameters.Get("locale"))));
            return (null, null, parameters);
        }

        if (GraphErrors.ForInvalidToken(caller, state.Now, parameters.Get("locale")) is { } invalid)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.OnGraphRead(invalid));
            return (null, null, parameters);
        }

        string node = context.Request.RouteValues["node"]?.ToString() ?? string.Empty;
        EmulatorSystemUser? user = state.Business.FindSystemUser(node);
        string? callerBusiness = state.Business.BusinessOf(caller);
        if (user is null || callerBusiness is null)
        {
            // An id the token cannot see is answered like one that does not exist.
            await GraphResponses.WriteErrorAsync(context, SystemUserErrors.UnknownObjectForPost(node));
            return (null, null, parameters);
        }

        if (callerBusiness != user.BusinessId)
        {
            await GraphResponses.WriteErrorAsync(context, SystemUserErrors.PermissionsError());
            return (null, null, parameters);
        }

        return (caller, user, parameters);
    }

    /// <summary>business_app: present, a registered app, owned by the system user's business. Writes the error and returns null otherwise.</summary>
    private static async Task<string?> CheckBusinessAppAsync(HttpContext context, EmulatorState state, EmulatorSystemUser user, IReadOnlyDictionary<string, string> parameters)
    {
        string? appId = parameters.Get("business_app");
        if (appId is null)
        {
            await GraphResponses.WriteErrorAsync(context, SystemUserErrors.ParameterRequired("business_app"));
            return null;
        }

        if (state.FindApp(appId) is null)
        {
            await GraphResponses.WriteErrorAsync(context, SystemUserErrors.InvalidBusinessApp(appId));
            return null;
        }

        if (state.Business.OwnerOfApp(appId) != user.BusinessId)
        {
            await GraphResponses.WriteErrorAsync(context, SystemUserErrors.PermissionsError());
            return null;
        }

        return appId;
    }
}
