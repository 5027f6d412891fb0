using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FacebookEmulator;

/// <summary>
/// WhatsApp Business Management reads: GET /{waba-id}, GET /{phone-number-id} (dispatched from GET /{node}),
/// GET /{waba-id}/phone_numbers, GET /{business-id}/owned_whatsapp_business_accounts and
/// /client_whatsapp_business_accounts. An id the token does not reach is answered 100/33 as Facebook does.
/// </summary>
internal static class WhatsAppEndpoints
{
    private const int DefaultPageSize = 25;

    private static readonly string[] s_accountDefaultFields = { "id", "name", "timezone_id", "message_template_namespace" };
    // Meta's client_whatsapp_business_accounts example (solution-providers/manage-accounts) lists these without ?fields.
    private static readonly string[] s_listAccountDefaultFields = { "id", "name", "currency", "timezone_id", "message_template_namespace" };
    private static readonly string[] s_phoneDefaultFields =
    {
        "verified_name", "code_verification_status", "display_phone_number", "quality_rating", "platform_type", "throughput", "id",
    };

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
            (world, node) => world.TryGetAccount(node, out WhatsAppAccount account) ? world.PhoneNumbersOf(account.Id) : null);

    private static Task GetBusinessAccountsAsync(HttpContext context, bool owned) =>
        WriteEdgeAsync<WhatsAppAccount>(
            context,
            owned ? "owned_whatsapp_business_accounts" : "client_whatsapp_business_accounts",
            s_listAccountDefaultFields,
            "WhatsAppBusinessAccount",
            Describe,
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

        string[] fields = Fields(parameters, defaultFields);
        var items = new List<JsonObject>();
        foreach (T one in all)
        {
            (JsonObject? item, string? badField) = describe(one, fields);
            if (badField is not null)
            {
                await GraphResponses.WriteErrorAsync(context, GraphErrors.NonexistingField(badField, itemType));
                return;
            }

            items.Add(item!);
        }

        await WritePageAsync(context, parameters, items);
    }

    /// <summary>
    /// Facebook's list shape: <c>{"data":[...],"paging":{"cursors":{"before","after"},"next"}}</c>; <c>next</c> (an
    /// absolute URL) only when more items follow; an empty list has no paging at all.
    /// </summary>
    private static Task WritePageAsync(HttpContext context, IReadOnlyDictionary<string, string> parameters, List<JsonObject> items)
    {
        int limit = int.TryParse(parameters.Get("limit"), NumberStyles.None, CultureInfo.InvariantCulture, out int l) && l > 0 ? l : DefaultPageSize;
        int start = DecodeCursor(parameters.Get("after")) is { } after ? after + 1 : 0;
        start = Math.Clamp(start, 0, items.Count);
        int end = Math.Min(items.Count, start + limit);
        var data = new JsonArray();
        for (int i = start; i < end; i++)
        {
            data.Add(items[i]);
        }

        var body = new JsonObject { ["data"] = data };
        if (end > start)
        {
            var paging = new JsonObject
            {
                ["cursors"] = new JsonObject { ["before"] = EncodeCursor(start), ["after"] = EncodeCursor(end - 1) },
            };
            if (end < items.Count)
            {
                paging["next"] = NextUrl(context, EncodeCursor(end - 1), limit);
            }

            body["paging"] = paging;
        }

        return GraphResponses.WriteJsonAsync(context, body);
    }

    private static string NextUrl(HttpContext context, string after, int limit)
    {
        HttpRequest request = context.Request;
        var query = new List<string>();
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> pair in request.Query)
        {
            if (pair.Key is not "after" and not "before" and not "limit")
            {
                query.Add(Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value.ToString()));
            }
        }

        query.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        query.Add("after=" + Uri.EscapeDataString(after));
        return request.Scheme + "://" + request.Host + request.PathBase + request.Path + "?" + string.Join("&", query);
    }

    private static string EncodeCursor(int index) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("emulator:" + index.ToString(CultureInfo.InvariantCulture))).TrimEnd('=');

    private static int? DecodeCursor(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            string padded = cursor + new string('=', (4 - (cursor.Length % 4)) % 4);
            string text = Encoding.ASCII.GetString(Convert.FromBase64String(padded));
            return text.StartsWith("emulator:", StringComparison.Ordinal)
                && int.TryParse(text["emulator:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                ? index
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
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
