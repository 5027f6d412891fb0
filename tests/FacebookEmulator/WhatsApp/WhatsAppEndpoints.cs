using System.Text.Json.Nodes;

namespace FacebookEmulator;

/// <summary>
/// WhatsApp Business Management reads: GET /{waba-id}, GET /{phone-number-id} (dispatched from GET /{node}),
/// GET /{waba-id}/phone_numbers, GET /{business-id}/owned_whatsapp_business_accounts and
/// /client_whatsapp_business_accounts. An id the token does not reach is answered 100/33 as Facebook does.
/// </summary>
internal static class WhatsAppEndpoints
{
    private static readonly string[] s_accountDefaultFields = { "id", "name", "timezone_id", "message_template_namespace" };
    // Meta's client_whatsapp_business_accounts example (solution-providers/manage-accounts) lists these without ?fields.
    private static readonly string[] s_listAccountDefaultFields = { "id", "name", "currency", "timezone_id", "message_template_namespace" };
    private static readonly string[] s_phoneDefaultFields =
    {
        "verified_name", "code_verification_status", "display_phone_number", "quality_rating", "platform_type", "throughput", "status", "id",
    };

    // Items with every field set, only to check field names before a list is paged.
    private static readonly WhatsAppAccount s_accountProbe = new("0", "probe", "0") { MessageTemplateNamespace = "probe" };
    private static readonly WhatsAppPhoneNumber s_phoneProbe = new("0", "0", "probe", "probe", "probe");

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/{node}/phone_numbers", (RequestDelegate)GetPhoneNumbersAsync);
        endpoints.MapGet("/{node}/owned_whatsapp_business_accounts", (RequestDelegate)(context => GetBusinessAccountsAsync(context, owned: true)));
        endpoints.MapGet("/{node}/client_whatsapp_business_accounts", (RequestDelegate)(context => GetBusinessAccountsAsync(context, owned: false)));
    }

    /// <summary>True when GET /{node} names a WABA or a phone number (UserEndpoints.GetNodeAsync hands it here).</summary>
    public static bool IsWhatsAppNode(EmulatorState state, string node) =>
        state.WhatsApp.TryGetAccount(node, out _) || state.WhatsApp.TryGetPhoneNumber(node, out _, out _);

    /// <summary>GET /{waba-id} or /{phone-number-id} for an authenticated token.</summary>
    public static async Task WriteNodeAsync(HttpContext context, EmulatorToken token, IReadOnlyDictionary<string, string> parameters, string node)
    {
        WhatsAppWorld world = context.GetState().WhatsApp;
        if (!world.CanReach(token, node))
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.UnknownObject(node));
            return;
        }

        JsonObject? body;
        string? badField;
        if (world.TryGetAccount(node, out WhatsAppAccount account))
        {
            (body, badField) = Describe(account, Fields(parameters, s_accountDefaultFields));
            if (badField is not null)
            {
                await GraphResponses.WriteErrorAsync(context, GraphErrors.NonexistingField(badField, "WhatsAppBusinessAccount"));
                return;
            }
        }
        else
        {
            world.TryGetPhoneNumber(node, out WhatsAppPhoneNumber phone, out _);
            (body, badField) = Describe(phone, Fields(parameters, s_phoneDefaultFields));
            if (badField is not null)
            {
                await GraphResponses.WriteErrorAsync(context, GraphErrors.NonexistingField(badField, "WhatsAppBusinessPhoneNumber"));
                return;
            }
        }

        await GraphResponses.WriteJsonAsync(context, body!);
    }

    private static Task GetPhoneNumbersAsync(HttpContext context) =>
        WriteEdgeAsync<WhatsAppPhoneNumber>(
            context,
            "phone_numbers",
            s_phoneDefaultFields,
            "WhatsAppBusinessPhoneNumber",
            Describe,
            s_phoneProbe,
            (world, node) => world.TryGetAccount(node, out WhatsAppAccount account) ? world.PhoneNumbersOf(account.Id) : null);

    private static Task GetBusinessAccountsAsync(HttpContext context, bool owned) =>
        WriteEdgeAsync<WhatsAppAccount>(
            context,
            owned ? "owned_whatsapp_business_accounts" : "client_whatsapp_business_accounts",
            s_listAccountDefaultFields,
            "WhatsAppBusinessAccount",
            Describe,
            s_accountProbe,
            (world, node) => !world.TryGetBusiness(node, out EmulatorBusiness business) ? null : owned ? world.OwnedBy(business.Id) : world.ClientOf(business.Id));

    /// <summary>
    /// GET /{node}/{edge}: 100/33 for a node the token does not reach, "nonexisting field" when <paramref name="list"/>
    /// finds no such edge on the node (null), else the items with the asked (or default) fields, one page at a time.
    /// </summary>
    private static async Task WriteEdgeAsync<T>(
        HttpContext context,
        string edge,
        string[] defaultFields,
        string itemType,
        Func<T, string[], (JsonObject? Body, string? BadField)> describe,
        T probe,
        Func<WhatsAppWorld, string, IReadOnlyList<T>?> list)
    {
        (EmulatorToken? token, IReadOnlyDictionary<string, string> parameters) = await UserEndpoints.AuthenticateAsync(context, allowPage: true);
        if (token is null)
        {
            return;
        }

        WhatsAppWorld world = context.GetState().WhatsApp;
        string node = NodeOf(context);
        if (!world.CanReach(token, node))
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.UnknownObject(node));
            return;
        }

        IReadOnlyList<T>? all = list(world, node);
        if (all is null)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.NonexistingField(edge, NodeType(world, node)));
            return;
        }

        // Graph refuses an unknown field whatever the list holds, an empty one too: the names are checked on a probe item.
        string[] fields = Fields(parameters, defaultFields);
        if (describe(probe, fields).BadField is { } unknown)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.NonexistingField(unknown, itemType));
            return;
        }

        GraphPaging.Window window = GraphPaging.WindowFor(parameters, all.Count);
        var data = new JsonArray();
        for (int i = window.Start; i < window.End; i++)
        {
            (JsonObject? item, string? badField) = describe(all[i], fields);
            if (badField is not null)
            {
                await GraphResponses.WriteErrorAsync(context, GraphErrors.NonexistingField(badField, itemType));
                return;
            }

            data.Add(item!);
        }

        await GraphResponses.WriteJsonAsync(context, GraphPaging.Page(context, window, data, token));
    }

    private static (JsonObject? Body, string? BadField) Describe(WhatsAppAccount account, string[] fields)
    {
        var body = new JsonObject();
        foreach (string field in fields)
        {
            JsonNode? value = field switch
            {
                "id" => account.Id,
                "name" => account.Name,
                "currency" => account.Currency,
                "timezone_id" => account.TimezoneId,
                "message_template_namespace" => account.MessageTemplateNamespace,
                "account_review_status" => "APPROVED",
                "business_verification_status" => "verified",
                _ => null,
            };
            if (value is null)
            {
                return (null, field);
            }

            body[field] = value;
        }

        // Facebook always includes the id.
        body["id"] = account.Id;
        return (body, null);
    }

    private static (JsonObject? Body, string? BadField) Describe(WhatsAppPhoneNumber phone, string[] fields)
    {
        var body = new JsonObject();
        foreach (string field in fields)
        {
            JsonNode? value = field switch
            {
                "id" => phone.Id,
                "display_phone_number" => phone.DisplayPhoneNumber,
                "verified_name" => phone.VerifiedName,
                "quality_rating" => phone.QualityRating,
                "code_verification_status" => "VERIFIED",
                "platform_type" => "CLOUD_API",
                "name_status" => "APPROVED",
                "status" => "CONNECTED",
                "throughput" => new JsonObject { ["level"] = "STANDARD" },
                _ => null,
            };
            if (value is null)
            {
                return (null, field);
            }

            body[field] = value;
        }

        body["id"] = phone.Id;
        return (body, null);
    }

    private static string[] Fields(IReadOnlyDictionary<string, string> parameters, string[] defaults) =>
        parameters.Get("fields") is { } fields
            ? fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : defaults;

    private static string NodeType(WhatsAppWorld world, string node) =>
        world.TryGetAccount(node, out _) ? "WhatsAppBusinessAccount"
        : world.TryGetPhoneNumber(node, out _, out _) ? "WhatsAppBusinessPhoneNumber"
        : "Business";

    private static string NodeOf(HttpContext context) => context.Request.RouteValues["node"]?.ToString() ?? string.Empty;
}
