namespace FacebookEmulator;

/// <summary>
/// One webhook POST the emulator made (or is still making): what it carried and how each attempt went. Listed by GET
/// /_emulator/whatsapp/webhooks and under "webhooks" in GET /_emulator/log.
/// </summary>
public sealed class WebhookDelivery
{
    private readonly object _gate = new();
    private readonly List<WebhookAttempt> _attempts = new();

    internal WebhookDelivery(long sequence, Uri url, string body, string signature, string kind, string? messageId, string? status, DateTimeOffset queuedAt)
    {
        Sequence = sequence;
        Url = url;
        Body = body;
        Signature = signature;
        Kind = kind;
        MessageId = messageId;
        Status = status;
        QueuedAt = queuedAt;
    }

    /// <summary>1, 2, 3 ... in the order the emulator queued them (and sends them).</summary>
    public long Sequence { get; }

    public Uri Url { get; }

    /// <summary>The raw JSON body, exactly the bytes signed (UTF-8).</summary>
    public string Body { get; }

    /// <summary>The X-Hub-Signature-256 header: sha256= and the hex HMAC-SHA256 of the body keyed by the app secret.</summary>
    public string Signature { get; }

    /// <summary>status (sent, delivered, read, failed) or message (a customer's inbound message).</summary>
    public string Kind { get; }

    /// <summary>The wamid the status is about, or the inbound message's id.</summary>
    public string? MessageId { get; }

    /// <summary>The status (sent, delivered, read, failed); null for an inbound message.</summary>
    public string? Status { get; }

    public DateTimeOffset QueuedAt { get; }

    /// <summary>True once the receiver answered 2xx.</summary>
    public bool Delivered { get; private set; }

    /// <summary>True once the emulator stopped trying (delivered, or every attempt failed).</summary>
    public bool Finished { get; private set; }

    public IReadOnlyList<WebhookAttempt> Attempts
    {
        get
        {
            lock (_gate)
            {
                return _attempts.ToArray();
            }
        }
    }

    internal void Record(WebhookAttempt attempt)
    {
        lock (_gate)
        {
            _attempts.Add(attempt);
        }

        if (attempt.StatusCode is >= 200 and < 300)
        {
            Delivered = true;
        }
    }

    internal void Finish() => Finished = true;
}

/// <summary>One try of a webhook POST: when, the receiver's HTTP status (null: no answer) and why it failed.</summary>
public sealed record WebhookAttempt(DateTimeOffset At, int? StatusCode, string? Error);
