namespace FacebookToken;

/// <summary>An error of a failed WhatsApp status (webhook <c>statuses[].errors[]</c>), with the module's advice for its code.</summary>
public sealed class FacebookWhatsAppError
{
    public int? Code { get; set; }

    public string? Title { get; set; }

    public string? Message { get; set; }

    /// <summary>error_data.details: Facebook's explanation.</summary>
    public string? Details { get; set; }

    /// <summary>What to do, from the table that advises on the same codes when a call returns them; null when there is none.</summary>
    public string? RecommendedAction { get; set; }

    public override string ToString() => "(#" + Code + ") " + (Title ?? Message);
}
