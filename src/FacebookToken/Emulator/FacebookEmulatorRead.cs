using System;
using FacebookToken.Json;

namespace FacebookToken.Emulator;

/// <summary>
/// A message the emulator was asked to mark read (POST /{phone-number-id}/messages with status read and the message's
/// wamid), as its log lists it.
/// </summary>
public sealed class FacebookEmulatorRead
{
    private FacebookEmulatorRead()
    {
    }

    /// <summary>The wamid marked read: a message the number sent or a customer's message to it.</summary>
    public string? MessageId { get; private set; }

    public string? PhoneNumberId { get; private set; }

    public DateTimeOffset? Timestamp { get; private set; }

    internal static FacebookEmulatorRead From(JsonObject json) => new()
    {
        MessageId = json.GetString("messageId"),
        PhoneNumberId = json.GetString("phoneNumberId"),
        Timestamp = FacebookEmulatorLog.Time(json, "timestamp"),
    };
}
