using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FacebookEmulator;

/// <summary>
/// WhatsApp Cloud API calls: POST /{phone-number-id}/messages (text and template), GET /{waba-id}/message_templates
/// (cursor paging, name and status filters; a send outside the 24-hour window or to an undeliverable number is accepted
/// and fails by webhook), GET/POST/DELETE /{waba-id}/subscribed_apps, POST /{phone-number-id}/register,
/// POST /{phone-number-id} (the two-step verification PIN) and read receipts on /{phone-number-id}/messages. Each checks the token
/// reaches the id (100/33 otherwise) and adds X-Business-Use-Case-Usage for the WABA.
/// </summary>
internal static class WhatsAppMessagingEndpoints
{
    private const int MaxTemplatePageSize = 1000;
    // Without ?fields Facebook lists name, components, language, status, category and id (Meta's "Get templates" example,
    // and the example of GET /{WABA-ID}/message_templates in Meta's OpenAPI file).
    private static readonly string[] s_templateDefaultFields = { "name", "components", "language", "status", "category", "id" };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/{node}/messages", (RequestDelegate)SendMessageAsync);
        endpoints.MapGet("/{node}/message_templates", (RequestDelegate)GetTemplatesAsync);
        endpoints.MapGet("/{node}/subscribed_apps", (RequestDelegate)GetSubscribedAppsAsync);
        endpoints.MapPost("/{node}/subscribed_apps", (RequestDelegate)(context => ChangeSubscriptionAsync(context, subscribe: true)));
        endpoints.MapDelete("/{node}/subscribed_apps", (RequestDelegate)(context => ChangeSubscriptionAsync(context, subscribe: false)));
        endpoints.MapPost("/{node}/register", (RequestDelegate)RegisterAsync);
        endpoints.MapPost("/{node}", (RequestDelegate)UpdatePhoneNumberAsync);
    }

    private static async Task SendMessageAsync(HttpContext context)
    {
        (EmulatorToken? token, WhatsAppPhoneNumber? phone, WhatsAppAccount? account) = await PhoneNumberAsync(context, "messages");
        if (token is null)
        {
            return;
        }

        EmulatorState state = context.GetState();
        WhatsAppMessaging messaging = state.WhatsAppMessaging;
        if (!messaging.IsRegistered(phone!.Id))
        {
            await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.NotRegistered());
            return;
        }

        JsonObject? body = await ReadJsonAsync(context);
        if (body is null)
        {
            await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.MissingParameter("messaging_product"));
            return;
        }

        if (Text(body, "messaging_product") != "whatsapp")
        {
            await GraphResponses.WriteErrorAsync(
                context,
                Text(body, "messaging_product") is null
                    ? WhatsAppMessagingErrors.MissingParameter("messaging_product")
                    : WhatsAppMessagingErrors.InvalidParameter("messaging_product must be whatsapp"));
            return;
        }

        // A read receipt (Meta's example "Send typing indicator and read receipt") has status and message_id, no to.
        if (body.ContainsKey("status"))
        {
            await MarkReadAsync(context, phone, body);
            return;
        }

        string? to = Text(body, "to");
        if (string.IsNullOrEmpty(to))
        {
            await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.MissingParameter("to"));
            return;
        }

        string waId = new(to.Where(char.IsAsciiDigit).ToArray());
        string type = Text(body, "type") ?? "text";
        // Facebook accepts a send to an undeliverable number or outside the 24-hour window with a wamid and reports
        // 131026/131047 afterwards as a failed status in the messages webhook (Meta's error-codes page: errors come
        // "synchronously, asynchronously via Webhook, or sometimes through both").
        WebhookError? failure = messaging.IsUndeliverable(waId) ? WebhookError.Undeliverable : null;
        string pricingCategory = "service";
        string content;
        if (type == "template")
        {
            JsonObject? template = body["template"] as JsonObject;
            string? name = template is null ? null : Text(template, "name");
            string? language = (template?["language"] as JsonObject) is JsonObject lang ? Text(lang, "code") : null;
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(language))
            {
                await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.MissingParameter(string.IsNullOrEmpty(name) ? "template[name]" : "template[language]"));
                return;
            }

            WhatsAppTemplate? found = messaging.FindTemplate(account!.Id, name, language);
            if (found is null || found.Status != "APPROVED")
            {
                await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.TemplateNotFound(name, language));
                return;
            }

            content = name + "/" + language;
            pricingCategory = found.Category.ToLowerInvariant();
        }
        else if (type == "text")
        {
            string? text = (body["text"] as JsonObject) is JsonObject t ? Text(t, "body") : null;
            if (string.IsNullOrEmpty(text))
            {
                await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.MissingParameter("text[body]"));
                return;
            }

            if (failure is null && !messaging.IsWindowOpen(phone.Id, waId, state.Now))
            {
                failure = WebhookError.ReEngagement;
            }

            content = text;
        }
        else
        {
            await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.InvalidParameter("type " + type + " is not one the emulator sends (text, template)"));
            return;
        }

        WhatsAppSentMessage sent = messaging.RecordMessage(state.Now, phone.Id, to, type, content, waId, token.AppId);
        WhatsAppWebhooks.AfterSend(state, token.AppId, phone, sent, failure, pricingCategory);
        var message = new JsonObject { ["id"] = sent.Id };
        if (type == "template")
        {
            message["message_status"] = "accepted";
        }

        await GraphResponses.WriteJsonAsync(context, new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = waId }),
            ["messages"] = new JsonArray(message),
        });
    }

    /// <summary>
    /// <c>{"messaging_product":"whatsapp","status":"read","message_id":"wamid..."}</c> (a typing_indicator may come with
    /// it): <c>{"success":true}</c> for a message the number sent or received, recorded in the log's reads.
    /// </summary>
    private static async Task MarkReadAsync(HttpContext context, WhatsAppPhoneNumber phone, JsonObject body)
    {
        if (Text(body, "status") != "read")
        {
            await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.InvalidParameter("status must be read"));
            return;
        }

        string? messageId = Text(body, "message_id");
        if (string.IsNullOrEmpty(messageId))
        {
            await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.MissingParameter("message_id"));
            return;
        }

        EmulatorState state = context.GetState();
        if (!state.WhatsAppMessaging.MarkRead(phone.Id, messageId, state.Now))
        {
            await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.UnknownMessage(messageId));
            return;
        }

        await GraphResponses.WriteJsonAsync(context, new JsonObject { ["success"] = true });
    }

    /// <summary>
    /// POST /{phone-number-id} (Meta's updatePhoneNumberStatus): here the two-step verification PIN, <c>{"pin":"123456"}</c>
    /// (or inside whatsapp_business_api_data), answered <c>{"success":true}</c>. Other settings of that call are taken
    /// and not kept.
    /// </summary>
    private static async Task UpdatePhoneNumberAsync(HttpContext context)
    {
        if (!context.GetState().WhatsApp.TryGetPhoneNumber(NodeOf(context), out _, out _))
        {
            // Only phone numbers take a POST on the node itself here; anything else stays an unknown path.
            await GraphResponses.WriteErrorAsync(context, GraphErrors.UnknownPath(context.Request.Path.Value ?? "/"));
            return;
        }

        (EmulatorToken? token, WhatsAppPhoneNumber? phone, _) = await PhoneNumberAsync(context, string.Empty);
        if (token is null)
        {
            return;
        }

        JsonObject body = await ReadJsonAsync(context) ?? new JsonObject();
        IReadOnlyDictionary<string, string> parameters = await GraphParameters.ReadAsync(context);
        string? pin = body.ContainsKey("pin") ? Text(body, "pin")
            : body["whatsapp_business_api_data"] is JsonObject data && data.ContainsKey("pin") ? Text(data, "pin")
            : parameters.Get("pin");
        if (pin is { Length: > 0 } && (pin.Length != 6 || !pin.All(char.IsAsciiDigit)))
        {
            await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.InvalidParameter("Param pin must be 6 digits long."));
            return;
        }

        if (pin is not null)
        {
            context.GetState().WhatsAppMessaging.SetTwoStepPin(phone!.Id, pin);
        }

        await GraphResponses.WriteJsonAsync(context, new JsonObject { ["success"] = true });
    }

    private static async Task GetTemplatesAsync(HttpContext context)
    {
        (EmulatorToken? token, WhatsAppAccount? account, IReadOnlyDictionary<string, string> parameters) = await AccountAsync(context, "message_templates");
        if (token is null)
        {
            return;
        }

        string[] fields = parameters.Get("fields") is { } f
            ? f.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : s_templateDefaultFields;
        // Meta's "Get template by name" (getTemplateByNameDefaultFields) filters by name; status filters too.
        (IReadOnlyList<WhatsAppTemplate> page, GraphPaging.Window window) = context.GetState().WhatsAppMessaging.TemplatePage(
            account!.Id,
            parameters.Get("status"),
            parameters.Get("name"),
            total => GraphPaging.WindowFor(parameters, total, MaxTemplatePageSize));
        var data = new JsonArray();
        foreach (WhatsAppTemplate template in page)
        {
            var item = new JsonObject();
            foreach (string field in fields)
            {
                JsonNode? value = field switch
                {
                    "id" => template.Id,
                    "name" => template.Name,
                    "language" => template.Language,
                    "status" => template.Status,
                    "category" => template.Category,
                    "components" => new JsonArray(new JsonObject { ["type"] = "BODY", ["text"] = "Emulated template " + template.Name }),
                    _ => null,
                };
                if (value is null)
                {
                    await GraphResponses.WriteErrorAsync(context, GraphErrors.NonexistingField(field, "WhatsAppBusinessHSM"));
                    return;
                }

                item[field] = value;
            }

            item["id"] = template.Id;
            data.Add(item);
        }

        await GraphResponses.WriteJsonAsync(context, GraphPaging.Page(context, window, data, token));
    }

    /// <summary>
    /// GET /{waba-id}/subscribed_apps: <c>{"data":[{"whatsapp_business_api_data":{"link","name","id"}}]}</c>. Meta's file
    /// lists the fields id, name and link (kept inside whatsapp_business_api_data); any other is a nonexisting field.
    /// </summary>
    private static async Task GetSubscribedAppsAsync(HttpContext context)
    {
        (EmulatorToken? token, WhatsAppAccount? account, IReadOnlyDictionary<string, string> parameters) = await AccountAsync(context, "subscribed_apps");
        if (token is null)
        {
            return;
        }

        string[] fields = UserEndpoints.Fields(parameters, "whatsapp_business_api_data");
        if (fields.FirstOrDefault(f => f is not "whatsapp_business_api_data" and not "id" and not "name" and not "link") is { } unknown)
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.NonexistingField(unknown, "Application"));
            return;
        }

        bool all = fields.Contains("whatsapp_business_api_data");
        EmulatorState state = context.GetState();
        var data = new JsonArray();
        foreach (string appId in state.WhatsAppMessaging.SubscribedAppsOf(account!.Id))
        {
            EmulatorApp? app = state.FindApp(appId);
            var info = new JsonObject();
            if (all || fields.Contains("link"))
            {
                info["link"] = "https://www.facebook.com/games/?app_id=" + appId;
            }

            if (all || fields.Contains("name"))
            {
                info["name"] = app?.Name ?? "App " + appId;
            }

            info["id"] = appId;
            data.Add(new JsonObject { ["whatsapp_business_api_data"] = info });
        }

        await GraphResponses.WriteJsonAsync(context, new JsonObject { ["data"] = data });
    }

    private static async Task ChangeSubscriptionAsync(HttpContext context, bool subscribe)
    {
        (EmulatorToken? token, WhatsAppAccount? account, _) = await AccountAsync(context, "subscribed_apps");
        if (token is null)
        {
            return;
        }

        WhatsAppMessaging messaging = context.GetState().WhatsAppMessaging;
        if (subscribe)
        {
            messaging.Subscribe(account!.Id, token.AppId);
        }
        else
        {
            messaging.Unsubscribe(account!.Id, token.AppId);
        }

        await GraphResponses.WriteJsonAsync(context, new JsonObject { ["success"] = true });
    }

    private static async Task RegisterAsync(HttpContext context)
    {
        (EmulatorToken? token, WhatsAppPhoneNumber? phone, _) = await PhoneNumberAsync(context, "register");
        if (token is null)
        {
            return;
        }

        JsonObject? body = await ReadJsonAsync(context);
        if (body is null || Text(body, "messaging_product") != "whatsapp")
        {
            await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.MissingParameter("messaging_product"));
            return;
        }

        string? pin = Text(body, "pin");
        if (pin is null || pin.Length != 6 || !pin.All(char.IsAsciiDigit))
        {
            await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.InvalidParameter("Param pin must be 6 digits long."));
            return;
        }

        // Meta: the PIN of two-step verification when one is set; otherwise the PIN given here becomes it.
        WhatsAppMessaging messaging = context.GetState().WhatsAppMessaging;
        if (!messaging.CheckOrSetTwoStepPin(phone!.Id, pin))
        {
            await GraphResponses.WriteErrorAsync(context, WhatsAppMessagingErrors.PinMismatch());
            return;
        }

        messaging.SetRegistered(phone.Id, registered: true);
        await GraphResponses.WriteJsonAsync(context, new JsonObject { ["success"] = true });
    }

    /// <summary>Authenticates and resolves {node} as a phone number the token reaches; writes the error and returns nulls otherwise.</summary>
    private static async Task<(EmulatorToken? Token, WhatsAppPhoneNumber? Phone, WhatsAppAccount? Account)> PhoneNumberAsync(HttpContext context, string edge)
    {
        (EmulatorToken? token, _) = await UserEndpoints.AuthenticateAsync(context, allowPage: false);
        if (token is null)
        {
            return (null, null, null);
        }

        EmulatorState state = context.GetState();
        string node = NodeOf(context);
        if (!state.WhatsApp.CanReach(token, node))
        {
            await GraphResponses.WriteErrorAsync(context, UnknownObject(context, node));
            return (null, null, null);
        }

        if (!state.WhatsApp.TryGetPhoneNumber(node, out WhatsAppPhoneNumber phone, out WhatsAppAccount account))
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.NonexistingField(edge, "WhatsAppBusinessAccount"));
            return (null, null, null);
        }

        context.Response.Headers["X-Business-Use-Case-Usage"] = state.WhatsAppMessaging.NextBusinessUseCaseUsage(account.Id);
        return (token, phone, account);
    }

    /// <summary>Authenticates and resolves {node} as a WABA the token reaches; writes the error and returns nulls otherwise.</summary>
    private static async Task<(EmulatorToken? Token, WhatsAppAccount? Account, IReadOnlyDictionary<string, string> Parameters)> AccountAsync(HttpContext context, string edge)
    {
        (EmulatorToken? token, IReadOnlyDictionary<string, string> parameters) = await UserEndpoints.AuthenticateAsync(context, allowPage: false);
        if (token is null)
        {
            return (null, null, parameters);
        }

        EmulatorState state = context.GetState();
        string node = NodeOf(context);
        if (!state.WhatsApp.CanReach(token, node))
        {
            await GraphResponses.WriteErrorAsync(context, UnknownObject(context, node));
            return (null, null, parameters);
        }

        if (!state.WhatsApp.TryGetAccount(node, out WhatsAppAccount account))
        {
            await GraphResponses.WriteErrorAsync(context, GraphErrors.NonexistingField(edge, "WhatsAppBusinessPhoneNumber"));
            return (null, null, parameters);
        }

        context.Response.Headers["X-Business-Use-Case-Usage"] = state.WhatsAppMessaging.NextBusinessUseCaseUsage(account.Id);
        return (token, account, parameters);
    }

    private static GraphError UnknownObject(HttpContext context, string node) =>
        HttpMethods.IsGet(context.Request.Method) ? GraphErrors.UnknownObject(node) : WhatsAppMessagingErrors.UnknownObjectPost(node);

    /// <summary>The JSON object body, or null when there is none or it is not an object.</summary>
    private static async Task<JsonObject?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            string text = await reader.ReadToEndAsync(context.RequestAborted);
            return text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.TryGetValue(out string? text) ? text : obj[name] is JsonValue other ? other.ToJsonString() : null;

    private static string NodeOf(HttpContext context) => context.Request.RouteValues["node"]?.ToString() ?? string.Empty;
}
