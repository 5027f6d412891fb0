using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using FacebookToken.Json;

namespace FacebookToken.Webhooks;

/// <summary>
/// Reads a webhook POST: checks its signature first (<see cref="WebhookSignature"/>), then turns the <c>messages</c> field's
/// statuses and customer messages into <see cref="FacebookWhatsAppStatus"/> and <see cref="FacebookWhatsAppMessage"/>, and
/// keeps every other change (or the parts of a value it has no type for) whole as a <see cref="FacebookWebhookChange"/>.
/// </summary>
internal static class WebhookReader
{
    public const string BadBodyErrorId = "InvalidWebhookBody";

    private static readonly HashSet<string> s_typedValueKeys = new(StringComparer.Ordinal)
    {
        "messaging_product", "metadata", "contacts", "statuses", "messages",
    };

    /// <summary>Reads a body given as the text received (its UTF-8 bytes are what Facebook signed).</summary>
    public static IReadOnlyList<object> Read(string body, string? signature, System.Security.SecureString appSecret) =>
        Read(new UTF8Encoding(false).GetBytes(body), signature, appSecret);

    public static IReadOnlyList<object> Read(byte[] body, string? signature, System.Security.SecureString appSecret)
    {
        byte[] key = FacebookToken.Secrets.SecureStringExtensions.Inspect(appSecret, chars => new UTF8Encoding(false).GetBytes(chars));
        try
        {
            return Read(body, signature, key);
        }
        finally
        {
            Array.Clear(key, 0, key.Length);
        }
    }

    public static IReadOnlyList<object> Read(byte[] body, string? signature, byte[] appSecret)
    {
        WebhookSignature.Verify(body, signature, appSecret);
        JsonObject payload = ParseObject(body);
        var results = new List<object>();
        string? kind = payload.GetString("object");
        foreach (JsonObject entry in Objects(payload.GetArray("entry")))
        {
            string? entryId = entry.GetString("id");
            List<object?>? changes = entry.GetArray("changes");
            if (changes is null)
            {
                results.Add(new FacebookWebhookChange(kind, entryId, null, entry));
                continue;
            }

            foreach (object? item in changes)
            {
                var change = item as JsonObject;
                string? field = change?.GetString("field");
                JsonObject? value = change?.GetObject("value");
                if (value is null || field != "messages")
                {
                    results.Add(new FacebookWebhookChange(kind, entryId, field, change?.TryGetValue("value", out object? raw) == true ? raw : item));
                    continue;
                }

                ReadMessagesValue(kind, entryId, value, results);
            }
        }

        return results;
    }

    private static void ReadMessagesValue(string? kind, string? entryId, JsonObject value, List<object> results)
    {
        JsonObject? metadata = value.GetObject("metadata");
        string? phoneNumberId = metadata?.GetString("phone_number_id");
        string? display = metadata?.GetString("display_phone_number");
        foreach (JsonObject status in Objects(value.GetArray("statuses")))
        {
            results.Add(new FacebookWhatsAppStatus
            {
                MessageId = status.GetString("id"),
                Status = status.GetString("status"),
                RecipientId = status.GetString("recipient_id"),
                Timestamp = Time(status),
                PhoneNumberId = phoneNumberId,
                DisplayPhoneNumber = display,
                WhatsAppBusinessAccountId = entryId,
                Errors = Objects(status.GetArray("errors")).Select(Error).ToArray(),
                PricingCategory = status.GetObject("pricing")?.GetString("category"),
            });
        }

        Dictionary<string, string?> names = Objects(value.GetArray("contacts"))
            .Where(c => c.GetString("wa_id") is not null)
            .GroupBy(c => c.GetString("wa_id")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().GetObject("profile")?.GetString("name"), StringComparer.Ordinal);
        foreach (JsonObject message in Objects(value.GetArray("messages")))
        {
            string? from = message.GetString("from");
            results.Add(new FacebookWhatsAppMessage
            {
                MessageId = message.GetString("id"),
                From = from,
                ContactName = from is not null && names.TryGetValue(from, out string? name) ? name : null,
                Timestamp = Time(message),
                Type = message.GetString("type"),
                Text = TextOf(message),
                PhoneNumberId = phoneNumberId,
                WhatsAppBusinessAccountId = entryId,
            });
        }

        // Whatever else the value holds (value-level errors, a field added later) is not dropped.
        if (value.Any(pair => !s_typedValueKeys.Contains(pair.Key)))
        {
            results.Add(new FacebookWebhookChange(kind, entryId, "messages", value));
        }
    }

    private static FacebookWhatsAppError Error(JsonObject error)
    {
        int? code = error.GetInt64("code") is { } c && c >= int.MinValue && c <= int.MaxValue ? (int)c : null;
        return new FacebookWhatsAppError
        {
            Code = code,
            Title = error.GetString("title"),
            Message = error.GetString("message"),
            Details = error.GetObject("error_data")?.GetString("details"),
            RecommendedAction = WhatsAppErrorAdvice.For(code, null, null),
        };
    }

    private static string? TextOf(JsonObject message) =>
        message.GetObject("text")?.GetString("body")
        ?? message.GetObject("button")?.GetString("text")
        ?? message.GetObject("interactive")?.GetObject("button_reply")?.GetString("title")
        ?? message.GetObject("interactive")?.GetObject("list_reply")?.GetString("title")
        ?? message.GetObject("reaction")?.GetString("emoji");

    private static DateTimeOffset? Time(JsonObject item) =>
        long.TryParse(item.GetString("timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
            && seconds >= 0 && seconds <= 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static IEnumerable<JsonObject> Objects(List<object?>? list) => (list ?? new List<object?>()).OfType<JsonObject>();

    private static JsonObject ParseObject(byte[] body)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (ArgumentException)
        {
            throw BadBody("is not UTF-8 text");
        }

        object? tree;
        try
        {
            tree = JsonText.Parse(text);
        }
        catch (FormatException)
        {
            throw BadBody("is not JSON");
        }

        return tree as JsonObject ?? throw BadBody("is not a JSON object");
    }

    private static FacebookInputException BadBody(string what) =>
        new(BadBodyErrorId, "Body", "The webhook body is correctly signed but " + what + ", so it cannot be read. Report it with the body to whoever sends it; Facebook sends a JSON object.");
}
