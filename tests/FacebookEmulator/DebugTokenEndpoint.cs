using System.Text.Json.Nodes;

namespace FacebookEmulator;

/// <summary>GET /{ver}/debug_token?input_token=T, inspected with an app token or a user token of the same app.</summary>
internal static class DebugTokenEndpoint
{
    private static readonly string[] s_targetedScopes =
    {
        "whatsapp_business_management",
        "whatsapp_business_messaging",
        "business_management",
    };

    public static async Task HandleAsync(HttpContext context)
    {
        EmulatorState state = context.GetState();
        IReadOnlyDictionary<string, string> parameters = await GraphParameters.ReadAsync(context);
        DateTimeOffset now = state.Now;

        string? inspecting = parameters.GetAccessToken(context);
        if (inspecting is null)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.AccessTokenRequired());
            return;
        }

        EmulatorToken? inspector = state.FindToken(inspecting);
        if (inspector is null || inspector.Kind == TokenKind.Page)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.CannotParseToken());
            return;
        }

        if (GraphErrors.ForInvalidToken(inspector, now) is { } invalidInspector)
        {
            await GraphResponses.WriteErrorAsync(context, invalidInspector);
            return;
        }

        // Require App Secret guards every call made with a user or system-user token, debug_token included.
        if (AppSecretProofCheck.Check(state, inspector, parameters) is { } proofError)
        {
            await GraphResponses.WriteErrorAsync(context, proofError);
            return;
        }

        // Only an app token, or the token of a user with a role on the app, may call debug_token (rapidpro#3734).
        // A system-user token may inspect itself (Meta's own example).
        if (inspector.Kind != TokenKind.App && inspector.Kind != TokenKind.SystemUser && !state.HasAppRole(inspector.AppId, inspector.UserId))
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.NoRoleOnApp());
            return;
        }

        string? input = parameters.Get("input_token");
        if (input is null)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.InputTokenRequired());
            return;
        }

        EmulatorToken? token = state.FindToken(input);
        if (token is null)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.CannotParseToken());
            return;
        }

        if (token.AppId != inspector.AppId)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.AppIdMismatch());
            return;
        }

        await GraphResponses.WriteJsonAsync(context, new JsonObject { ["data"] = Describe(state, token, now) });
    }

    private static JsonObject Describe(EmulatorState state, EmulatorToken token, DateTimeOffset now)
    {
        var data = new JsonObject
        {
            ["app_id"] = state.Settings.AppIdAsNumber && long.TryParse(token.AppId, out long numericId)
                ? JsonValue.Create(numericId)
                : JsonValue.Create(token.AppId),
            ["type"] = token.Kind switch
            {
                TokenKind.App => "APP",
                TokenKind.Page => "PAGE",
                TokenKind.SystemUser => "SYSTEM_USER",
                _ => "USER",
            },
            ["application"] = state.FindApp(token.AppId)?.Name ?? "Emulated App " + token.AppId,
        };

        if (token.Kind != TokenKind.App)
        {
            // System-user tokens have no data access clock (0), like their never-expiring expires_at.
            data["data_access_expires_at"] = token.Kind == TokenKind.SystemUser ? 0L : FacebookTime.ToUnix(token.DataAccessExpiresAt);
            data["expires_at"] = token.ExpiresAt is { } expiresAt ? FacebookTime.ToUnix(expiresAt) : 0L;
        }

        GraphError? invalid = GraphErrors.ForInvalidToken(token, now);
        data["is_valid"] = invalid is null;

        if (token.Kind is TokenKind.LongLivedUser or TokenKind.Page or TokenKind.SystemUser)
        {
            // Facebook shows issued_at only for long-lived tokens.
            data["issued_at"] = FacebookTime.ToUnix(token.IssuedAt);
        }

        if (token.Kind == TokenKind.Page)
        {
            data["profile_id"] = token.ProfileId;
        }

        var scopes = new JsonArray();
        var granular = new JsonArray();
        foreach (string scope in token.Scopes)
        {
            scopes.Add(scope);

            // granular_scopes lists only permissions granted for specific objects, and an entry may lack target_ids.
            if (s_targetedScopes.Contains(scope, StringComparer.Ordinal)
                && !(scope == "whatsapp_business_management" && state.Settings.GranularOmitsWhatsAppManagement))
            {
                var entry = new JsonObject { ["scope"] = scope };
                if (!state.Settings.GranularWithoutTargetIds)
                {
                    var targets = new JsonArray();
                    foreach (string id in token.TargetIds ?? new[] { state.Options.WhatsAppBusinessAccountId })
                    {
                        targets.Add(id);
                    }

                    entry["target_ids"] = targets;
                }

                granular.Add(entry);
            }
        }

        data["scopes"] = scopes;
        if (token.Kind != TokenKind.App)
        {
            data["granular_scopes"] = granular;
            data["user_id"] = token.UserId;
        }

        if (invalid is not null)
        {
            var error = new JsonObject { ["code"] = invalid.Code, ["message"] = invalid.Message };
            if (invalid.Subcode is { } subcode)
            {
                error["subcode"] = subcode;
            }

            data["error"] = error;
        }

        return data;
    }
}
