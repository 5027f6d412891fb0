using FacebookEmulator.Control;
using static FacebookEmulator.ControlJson;

namespace FacebookEmulator;

/// <summary>
/// Controls of the messaging side: POST /_emulator/whatsapp/templates (seed N approved templates), GET
/// /_emulator/whatsapp/messages (messages sent, oldest first), POST /_emulator/whatsapp/windows (a customer writes, which
/// opens the 24-hour window; the answer's messageId is the customer's message, which can be marked read), POST
/// /_emulator/whatsapp/registration (mark a number registered or not), POST /_emulator/whatsapp/inbound (a customer's
/// text message: opens the window and sends its webhook), POST /_emulator/whatsapp/read (the customer read a message:
/// its read status), GET /_emulator/whatsapp/webhooks (the webhook deliveries), POST /_emulator/whatsapp/webhook (set
/// or clear the webhook URL).
/// </summary>
internal static class WhatsAppMessagingControl
{
    private const string DefaultPhoneNumberId = "106540352242922";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_emulator/whatsapp/messages", (RequestDelegate)(context => WriteAsync(context, context.GetState().WhatsAppMessaging.SentMessages)));
        endpoints.MapPost("/_emulator/whatsapp/templates", (RequestDelegate)SeedTemplatesAsync);
        endpoints.MapPost("/_emulator/whatsapp/windows", (RequestDelegate)OpenWindowAsync);
        endpoints.MapPost("/_emulator/whatsapp/registration", (RequestDelegate)SetRegistrationAsync);
        endpoints.MapPost("/_emulator/whatsapp/inbound", (RequestDelegate)InboundAsync);
        endpoints.MapPost("/_emulator/whatsapp/read", (RequestDelegate)ReadAsync);
        endpoints.MapPost("/_emulator/whatsapp/webhook", (RequestDelegate)SetWebhookAsync);
        endpoints.MapGet("/_emulator/whatsapp/webhooks", (RequestDelegate)(context => WriteAsync(context, WebhookLog.Snapshot(context.GetState()))));
    }

    private static async Task InboundAsync(HttpContext context)
    {
        WhatsAppMessagingRequest? body = await ReadAsync<WhatsAppMessagingRequest>(context);
        if (body is null)
        {
            return;
        }

        EmulatorState state = context.GetState();
        string from = new((body.From ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        string phoneNumberId = body.PhoneNumberId ?? DefaultPhoneNumberId;
        if (from.Length == 0 || string.IsNullOrEmpty(body.Text) || !state.WhatsApp.TryGetPhoneNumber(phoneNumberId, out WhatsAppPhoneNumber phone, out _))
        {
            await WriteAsync(context, new { error = "from (the customer's number) and text are required, and phoneNumberId must name a phone number of the emulator." }, StatusCodes.Status400BadRequest);
            return;
        }

        string id = WhatsAppWebhooks.Inbound(state, phone, from, body.Name, body.Text, body.AppId);
        await WriteAsync(context, new { id, phoneNumberId, from, webhookUrl = state.Webhooks.Url?.ToString() });
    }

    private static async Task ReadAsync(HttpContext context)
    {
        WhatsAppMessagingRequest? body = await ReadAsync<WhatsAppMessagingRequest>(context);
        if (body is null)
        {
            return;
        }

        if (string.IsNullOrEmpty(body.MessageId) || !WhatsAppWebhooks.Read(context.GetState(), body.MessageId))
        {
            await WriteAsync(context, new { error = "messageId must name a message the emulator sent that did not fail." }, StatusCodes.Status400BadRequest);
            return;
        }

        await WriteAsync(context, new { messageId = body.MessageId, status = "read" });
    }

    private static async Task SetWebhookAsync(HttpContext context)
    {
        WhatsAppMessagingRequest? body = await ReadAsync<WhatsAppMessagingRequest>(context);
        if (body is null)
        {
            return;
        }

        Uri? url = null;
        if (!string.IsNullOrEmpty(body.Url))
        {
            try
            {
                url = EmulatorCommandLine.WebhookUrl(body.Url);
            }
            catch (ArgumentException ex)
            {
                await WriteAsync(context, new { error = ex.Message.Replace("--webhook-url", "url", StringComparison.Ordinal) }, StatusCodes.Status400BadRequest);
                return;
            }
        }

        context.GetState().Webhooks.Url = url;
        await WriteAsync(context, new { url = url?.ToString() });
    }

    private static async Task SeedTemplatesAsync(HttpContext context)
    {
        WhatsAppMessagingRequest? body = await ReadAsync<WhatsAppMessagingRequest>(context);
        if (body is null)
        {
            return;
        }

        EmulatorState state = context.GetState();
        string accountId = body.AccountId ?? state.Options.WhatsAppBusinessAccountId;
        if (!state.WhatsApp.TryGetAccount(accountId, out _) || body.Count is null or < 0 or > 100_000)
        {
            await WriteAsync(context, new { error = "accountId must name a WABA of the emulator, and count must be 0 to 100000." }, StatusCodes.Status400BadRequest);
            return;
        }

        int total = state.WhatsAppMessaging.SeedTemplates(accountId, body.Count ?? 0, body.Prefix ?? "bulk_template", body.Language ?? "en_US");
        await WriteAsync(context, new { accountId, total });
    }

    private static async Task OpenWindowAsync(HttpContext context)
    {
        WhatsAppMessagingRequest? body = await ReadAsync<WhatsAppMessagingRequest>(context);
        if (body is null)
        {
            return;
        }

        string waId = new((body.To ?? string.Empty).Where(char.IsAsciiDigit).ToArray());
        if (waId.Length == 0)
        {
            await WriteAsync(context, new { error = "to (the customer's number) is required." }, StatusCodes.Status400BadRequest);
            return;
        }

        EmulatorState state = context.GetState();
        string phoneNumberId = body.PhoneNumberId ?? DefaultPhoneNumberId;
        string messageId = state.WhatsAppMessaging.ReceiveMessage(phoneNumberId, waId, state.Now);
        await WriteAsync(context, new { phoneNumberId, waId, openedAt = state.Now.ToUnixTimeSeconds(), messageId });
    }

    private static async Task SetRegistrationAsync(HttpContext context)
    {
        WhatsAppMessagingRequest? body = await ReadAsync<WhatsAppMessagingRequest>(context);
        if (body is null)
        {
            return;
        }

        string phoneNumberId = body.PhoneNumberId ?? DefaultPhoneNumberId;
        bool registered = body.Registered ?? true;
        context.GetState().WhatsAppMessaging.SetRegistered(phoneNumberId, registered);
        await WriteAsync(context, new { phoneNumberId, registered });
    }
}
