using System;
using System.Collections.Generic;
using FacebookToken.Json;

namespace FacebookToken.Emulator;

/// <summary>
/// A WhatsApp message the emulator accepted (POST /{phone-number-id}/messages). The emulator fills the list once it has
/// a messages endpoint (issue 14); <see cref="Fields"/> keeps every top-level field it sent, as text.
/// </summary>
public sealed class FacebookEmulatorMessage
{
    private FacebookEmulatorMessage()
    {
    }

    /// <summary>The message id Facebook answered (wamid....).</summary>
    public string? Id { get; private set; }

    /// <summary>The sending business phone number id.</summary>
    public string? PhoneNumberId { get; private set; }

    /// <summary>The recipient, as sent.</summary>
    public string? To { get; private set; }

    /// <summary>template, text, ...</summary>
    public string? Type { get; private set; }

    public string? TemplateName { get; private set; }

    public string? TemplateLanguage { get; private set; }

    public DateTimeOffset? Timestamp { get; private set; }

    public string? Status { get; private set; }

    public IReadOnlyDictionary<string, string> Fields { get; private set; } = new Dictionary<string, string>();

    internal static FacebookEmulatorMessage From(JsonObject json)
    {
        JsonObject? template = json.GetObject("template");
        JsonObject? language = template?.GetObject("language");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> pair in json)
        {
            fields[pair.Key] = pair.Value is string text ? text : JsonText.Write(pair.Value);
        }

        return new FacebookEmulatorMessage
        {
            Id = json.GetString("id"),
            PhoneNumberId = json.GetString("phoneNumberId"),
            To = json.GetString("to"),
            Type = json.GetString("type"),
            TemplateName = template?.GetString("name"),
            TemplateLanguage = language?.GetString("code") ?? template?.GetString("language"),
            Timestamp = FacebookEmulatorLog.Time(json, "timestamp"),
            Status = json.GetString("status"),
            Fields = fields,
        };
    }
}
