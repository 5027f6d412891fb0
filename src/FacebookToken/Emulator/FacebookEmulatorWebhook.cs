using System;
using System.Linq;
using FacebookToken.Json;

namespace FacebookToken.Emulator;

/// <summary>
/// A webhook POST the emulator made (its --webhook-url / Start-FacebookEmulator -WebhookUri): a WhatsApp status (sent,
/// delivered, read, failed) or an inbound message, how many attempts it took and whether the receiver took it.
/// </summary>
public sealed class FacebookEmulatorWebhook
{
    private FacebookEmulatorWebhook()
    {
    }

    /// <summary>1, 2, 3 ... in the order the emulator sent them.</summary>
    public long Sequence { get; private set; }

    public Uri? Uri { get; private set; }

    /// <summary>status or message.</summary>
    public string? Kind { get; private set; }

    /// <summary>The wamid the status is about, or the inbound message's id.</summary>
    public string? MessageId { get; private set; }

    /// <summary>sent, delivered, read or failed; null for an inbound message.</summary>
    public string? Status { get; private set; }

    public DateTimeOffset? QueuedAt { get; private set; }

    /// <summary>True once the receiver answered 2xx.</summary>
    public bool Delivered { get; private set; }

    /// <summary>True once the emulator stopped trying (delivered, or every attempt failed).</summary>
    public bool Finished { get; private set; }

    /// <summary>How many POSTs it took (retries included).</summary>
    public int Attempts { get; private set; }

    /// <summary>The receiver's HTTP status on the last attempt; null: no answer.</summary>
    public int? LastStatusCode { get; private set; }

    /// <summary>Why the last attempt failed, if it did.</summary>
    public string? LastError { get; private set; }

    /// <summary>The X-Hub-Signature-256 header it carried.</summary>
    public string? Signature { get; private set; }

    /// <summary>The raw JSON body, exactly as signed (pass it to ConvertFrom-FacebookWebhook -Body with -Signature).</summary>
    public string? Body { get; private set; }

    internal static FacebookEmulatorWebhook From(JsonObject json)
    {
        JsonObject[] attempts = FacebookEmulatorLog.Objects(json, "attempts").ToArray();
        JsonObject? last = attempts.LastOrDefault();
        return new FacebookEmulatorWebhook
        {
            Sequence = json.GetInt64("sequence") ?? 0,
            Uri = System.Uri.TryCreate(json.GetString("url"), UriKind.Absolute, out Uri? url) ? url : null,
            Kind = json.GetString("kind"),
            MessageId = json.GetString("messageId"),
            Status = json.GetString("status"),
            QueuedAt = FacebookEmulatorLog.Time(json, "queuedAt"),
            Delivered = json.GetBoolean("delivered") ?? false,
            Finished = json.GetBoolean("finished") ?? false,
            Attempts = attempts.Length,
            LastStatusCode = last?.GetInt64("statusCode") is { } code ? (int)code : null,
            LastError = last?.GetString("error"),
            Signature = json.GetString("signature"),
            Body = json.GetString("body"),
        };
    }
}
