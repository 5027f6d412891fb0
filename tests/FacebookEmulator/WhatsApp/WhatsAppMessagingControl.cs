using FacebookEmulator.Control;
using static FacebookEmulator.ControlJson;

namespace FacebookEmulator;

/// <summary>
/// Controls of the messaging side: POST /_emulator/whatsapp/templates (seed N approved templates), GET
/// /_emulator/whatsapp/messages (messages sent, oldest first), POST /_emulator/whatsapp/windows (a customer writes, which
/// opens the 24-hour window; the answer's messageId is the customer's message, which can be marked read), POST /_emulator/whatsapp/registration (mark a number registered or not).
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
