namespace FacebookToken.Webhooks;

/// <summary>A webhook change the module has no type for (another field, or parts of a messages value beside statuses and messages): kept whole.</summary>
internal sealed class FacebookWebhookChange
{
    public FacebookWebhookChange(string? @object, string? entryId, string? field, object? value)
    {
        Object = @object;
        EntryId = entryId;
        Field = field;
        Value = value;
    }

    /// <summary>The payload's object (whatsapp_business_account, page, ...).</summary>
    public string? Object { get; }

    /// <summary>entry[].id (the WABA id for WhatsApp).</summary>
    public string? EntryId { get; }

    /// <summary>changes[].field.</summary>
    public string? Field { get; }

    /// <summary>changes[].value as core's JSON tree.</summary>
    public object? Value { get; }
}
