using System.Text.Json.Nodes;

namespace FacebookEmulator;

/// <summary>
/// GET /{ver}/me, GET /{ver}/me/accounts, DELETE /{ver}/me/permissions ("me" or the user's id). A field the node does not
/// have is refused as Graph refuses it: "(#100) Tried accessing nonexisting field (x) on node type (User)".
/// </summary>
internal static class UserEndpoints
{
    private static readonly string[] s_pageTasks = { "ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING", "MODERATE", "MANAGE" };

    public static async Task GetNodeAsync(HttpContext context)
    {
        (EmulatorToken? token, IReadOnlyDictionary<string, string> parameters) = await AuthenticateAsync(context, allowPage: true);
        if (token is null)
        {
            return;
        }

        EmulatorState state = context.GetState();
        string node = NodeOf(context);
        if (WhatsAppEndpoints.IsWhatsAppNode(state, node))
        {
            await WhatsAppEndpoints.WriteNodeAsync(context, token, parameters, node);
            return;
        }

        string id;
        string name;
        if (token.Kind == TokenKind.Page)
        {
            id = token.ProfileId ?? state.Options.PageId;
            name = state.Options.PageName;
        }
        else
        {
            id = token.UserId ?? state.Options.UserId;
            name = state.Options.UserName;
        }

        if (node != "me" && node != id)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.UnknownObject(node));
            return;
        }

        bool isPage = token.Kind == TokenKind.Page;
        var body = new JsonObject();
        foreach (string field in Fields(parameters, "id,name"))
        {
            JsonNode? value = field switch
            {
                "id" => id,
                "name" => name,
                "first_name" when !isPage => name.Split(' ')[0],
                "last_name" when !isPage => name.Contains(' ') ? name[(name.LastIndexOf(' ') + 1)..] : string.Empty,
                "category" when isPage => "Business",
                _ => null,
            };
            if (value is null)
            {
                // Graph names the first field it does not know, on the node's type.
                await GraphResponses.WriteErrorAsync(context, GraphErrors.NonexistingField(field, isPage ? "Page" : "User"));
                return;
            }

            body[field] = value;
        }

        // Facebook always includes the id.
        body["id"] = id;
        await GraphResponses.WriteJsonAsync(context, body);
    }

    public static async Task GetAccountsAsync(HttpContext context)
    {
        (EmulatorToken? token, IReadOnlyDictionary<string, string> parameters) = await AuthenticateAsync(context, allowPage: false);
        if (token is null)
        {
            return;
        }

        if (await RejectForeignNodeAsync(context, token))
        {
            return;
        }

        EmulatorState state = context.GetState();
        EmulatorToken page = state.GetOrMintPageToken(token.AppId, token.UserId!, token.Scopes);
        var account = new JsonObject();
        foreach (string field in Fields(parameters, "access_token,category,category_list,name,id,tasks"))
        {
            JsonNode? value = field switch
            {
                "access_token" => page.Value,
                "category" => "Business",
                "category_list" => new JsonArray(new JsonObject { ["id"] = "2200", ["name"] = "Business" }),
                "name" => state.Options.PageName,
                "id" => page.ProfileId,
                "tasks" => new JsonArray(s_pageTasks.Select(task => (JsonNode?)JsonValue.Create(task)).ToArray()),
                _ => null,
            };
            if (value is null)
            {
                await GraphResponses.WriteErrorAsync(context, GraphErrors.NonexistingField(field, "Page"));
                return;
            }

            account[field] = value;
        }

        account["id"] = page.ProfileId;
        var body = new JsonObject
        {
            ["data"] = new JsonArray(account),
            ["paging"] = new JsonObject
            {
                ["cursors"] = new JsonObject { ["before"] = "QVFIUmVtdWxhdG9yQmVmb3Jl", ["after"] = "QVFIUmVtdWxhdG9yQWZ0ZXI" },
            },
        };
        await GraphResponses.WriteJsonAsync(context, body);
    }

    public static async Task DeletePermissionsAsync(HttpContext context)
    {
        (EmulatorToken? token, _) = await AuthenticateAsync(context, allowPage: false);
        if (token is null)
        {
            return;
        }

        if (await RejectForeignNodeAsync(context, token))
        {
            return;
        }

        context.GetState().RevokeUser(token.AppId, token.UserId!);
        await GraphResponses.WriteJsonAsync(context, new JsonObject { ["success"] = true });
    }

    /// <summary>Resolves and validates the caller's user (or page) token; writes the error and returns null on failure.</summary>
    internal static async Task<(EmulatorToken? Token, IReadOnlyDictionary<string, string> Parameters)> AuthenticateAsync(
        HttpContext context,
        bool allowPage)
    {
        GraphResponses.AddAppUsage(context);
        EmulatorState state = context.GetState();
        IReadOnlyDictionary<string, string> parameters = await GraphParameters.ReadAsync(context);
        string? value = parameters.GetAccessToken(context);
        if (value is null)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.ActiveTokenRequired());
            return (null, parameters);
        }

        EmulatorToken? token = state.FindToken(value);
        if (token is null)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.OnGraphRead(GraphErrors.CannotParseToken(parameters.Get("locale"))));
            return (null, parameters);
        }

        if (GraphErrors.ForInvalidToken(token, state.Now, parameters.Get("locale")) is { } invalid)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.OnGraphRead(invalid));
            return (null, parameters);
        }

        if (token.Kind == TokenKind.App)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.ActiveTokenRequired());
            return (null, parameters);
        }

        if (token.Kind == TokenKind.Page && !allowPage)
        {
            string field = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
            await GraphResponses.WriteErrorAsync(context, GraphErrors.NonexistingField(field, "Page"));
            return (null, parameters);
        }

        if (AppSecretProofCheck.Check(state, token, parameters) is { } proofError)
        {
            await GraphResponses.WriteErrorAsync(context, proofError);
            return (null, parameters);
        }

        return (token, parameters);
    }

    private static async Task<bool> RejectForeignNodeAsync(HttpContext context, EmulatorToken token)
    {
        string node = NodeOf(context);
        if (node == "me" || node == token.UserId)
        {
            return false;
        }

        await GraphResponses.WriteErrorAsync(context, GraphErrors.UnknownObject(node));
        return true;
    }

    /// <summary>The fields asked for (comma separated), or the node's defaults.</summary>
    internal static string[] Fields(IReadOnlyDictionary<string, string> parameters, string defaults) =>
        (parameters.Get("fields") ?? defaults).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string NodeOf(HttpContext context) => context.Request.RouteValues["node"]?.ToString() ?? "me";
}
