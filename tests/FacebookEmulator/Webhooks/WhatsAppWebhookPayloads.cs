using System.Globalization;
using System.Text.Json.Nodes;

namespace FacebookEmulator;

/// <summary>
/// The bodies of the WhatsApp "messages" webhook, shaped as Meta's OpenAPI file's <c>WebhookPayload</c>:
/// <c>{"object":"whatsapp_business_account","entry":[{"id":WABA,"changes":[{"field":"messages","value":{...}}]}]}</c>,
/// a value holding either <c>statuses</c> (sent, delivered, read, failed with <c>errors</c>) or a customer's
/// <c>contacts</c> and <c>messages</c>. Timestamps are Unix seconds as strings, as Facebook sends them.
/// </summary>
internal static class WhatsAppWebhookPayloads
{
    /// <summary>A status of a message the business sent.</summary>
    public static JsonObject Status(WhatsAppPhoneNumber phone, string messageId, string recipientId, string status, DateTimeOffset at, WebhookError? error, string? pricingCategory)
    {
        var item = new JsonObject
        {
            ["id"] = messageId,
            ["status"] = status,
            ["timestamp"] = Seconds(at),
            ["recipient_id"] = recipientId,
        };
        if (error is not null)
        {
            item["errors"] = new JsonArray(new JsonObject
            {
                ["code"] = error.Code,
                ["title"] = error.Title,
                ["message"] = error.Title,
                ["error_data"] = new JsonObject { ["details"] = error.Details },
                ["href"] = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
            });
        }
        else if (pricingCategory is not null)
        {
            item["pricing"] = new JsonObject
            {
                ["billable"] = pricingCategory != "service",
                ["pricing_model"] = "PMP",
                ["category"] = pricingCategory,
            };
        }

        return Wrap(phone, new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = Metadata(phone),
            ["statuses"] = new JsonArray(item),
        });
    }

    /// <summary>A text message a customer sent to the business number.</summary>
    public static JsonObject InboundText(WhatsAppPhoneNumber phone, string messageId, string from, string? name, string text, DateTimeOffset at) =>
        Wrap(phone, new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = Metadata(phone),
            ["contacts"] = new JsonArray(new JsonObject
            {
                ["profile"] = new JsonObject { ["name"] = name ?? string.Empty },
                ["wa_id"] = from,
            }),
            ["messages"] = new JsonArray(new JsonObject
            {
                ["from"] = from,
                ["id"] = messageId,
                ["timestamp"] = Seconds(at),
                ["type"] = "text",
                ["text"] = new JsonObject { ["body"] = text },
            }),
        });

    private static JsonObject Wrap(WhatsAppPhoneNumber phone, JsonObject value) =>
        new()
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = phone.AccountId,
                ["changes"] = new JsonArray(new JsonObject
                {
                    ["value"] = value,
                    ["field"] = "messages",
                }),
            }),
        };

    /// <summary>The display number as webhooks carry it: digits only ("15550100001"), not "+1 555-010-0001".</summary>
    private static JsonObject Metadata(WhatsAppPhoneNumber phone) =>
        new()
        {
            ["display_phone_number"] = new string(phone.DisplayPhoneNumber.Where(char.IsAsciiDigit).ToArray()),
            ["phone_number_id"] = phone.Id,
        };

    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}

/// <summary>An error of a failed status: code, title and error_data.details as Facebook sends them in the webhook.</summary>
public sealed record WebhookError(int Code, string Title, string Details)
{
    /// <summary>131047 after a free-form message outside the 24-hour window (Meta's error-codes page).</summary>
    public static WebhookError ReEngagement { get; } = new(
        131047,
        "Re-engagement message",
        "Message failed to send because more than 24 hours have passed since the customer last replied to this number.");

    /// <summary>131026 for a number that cannot receive it: title and details as a real webhook showed them (restfb/restfb#1344).</summary>
    public static WebhookError Undeliverable { get; } = new(
        131026,
        "Receiver is incapable of receiving this message",
        "Message Undeliverable.");
}
