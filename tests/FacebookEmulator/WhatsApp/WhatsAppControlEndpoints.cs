using System.Text.Json;
using FacebookEmulator.Control;
using static FacebookEmulator.ControlJson;

namespace FacebookEmulator;

/// <summary>Control API of the WhatsApp world: GET /_emulator/whatsapp, POST /_emulator/whatsapp/accounts.</summary>
internal static class WhatsAppControlEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_emulator/whatsapp", (RequestDelegate)(context =>
        {
            WhatsAppWorld world = context.GetState().WhatsApp;
            return WriteAsync(context, new
            {
                businesses = world.Businesses,
                accounts = world.Accounts.Select(a => new { account = a, phoneNumbers = world.PhoneNumbersOf(a.Id) }),
            });
        }));
        endpoints.MapPost("/_emulator/whatsapp/accounts", (RequestDelegate)AddAccountAsync);
    }

    private static async Task AddAccountAsync(HttpContext context)
    {
        WhatsAppAccountRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<WhatsAppAccountRequest>(context.Request.Body, EmulatorJson.Options, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            await WriteAsync(context, new { error = "Bad JSON body: " + ex.Message }, StatusCodes.Status400BadRequest);
            return;
        }

        if (body is null || string.IsNullOrEmpty(body.Id) || (body.PhoneNumbers ?? new()).Any(p => string.IsNullOrEmpty(p.Id)))
        {
            await WriteAsync(context, new { error = "id is required, for the account and for each phone number." }, StatusCodes.Status400BadRequest);
            return;
        }

        WhatsAppWorld world = context.GetState().WhatsApp;
        string name = body.Name ?? "WhatsApp Business Account " + body.Id;
        WhatsAppAccount account = world.AddAccount(new WhatsAppAccount(body.Id, name, body.OwnerBusinessId ?? WhatsAppWorld.BusinessId)
        {
            ClientBusinessIds = body.ClientBusinessIds?.ToArray() ?? Array.Empty<string>(),
        });
        var numbers = new List<WhatsAppPhoneNumber>();
        foreach (WhatsAppPhoneNumberRequest phone in body.PhoneNumbers ?? new())
        {
            numbers.Add(world.AddPhoneNumber(new WhatsAppPhoneNumber(
                phone.Id!,
                account.Id,
                phone.DisplayPhoneNumber ?? "+1 555-010-9999",
                phone.VerifiedName ?? name,
                phone.QualityRating ?? "GREEN")));
        }

        await WriteAsync(context, new { account, phoneNumbers = numbers });
    }
}
