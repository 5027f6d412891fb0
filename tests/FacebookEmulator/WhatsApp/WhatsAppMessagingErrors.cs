namespace FacebookEmulator;

/// <summary>
/// WhatsApp Cloud API errors as Facebook sends them: type OAuthException, the title in the message as "(#code) Title",
/// and <c>error_data: {"messaging_product":"whatsapp","details"}</c> (Meta: "WhatsApp error codes"). Bodies, statuses and
/// details as real answers quoted in public repositories show them: 132001 comes as HTTP 404, 133010 with no error_data.
/// </summary>
internal static class WhatsAppMessagingErrors
{
    public static GraphError TemplateNotFound(string name, string language) =>
        new(404, 132001, "(#132001) Template name does not exist in the translation")
        {
            Details = "template name (" + name + ") does not exist in " + language,
        };

    public static GraphError NotRegistered() =>
        new(400, 133010, "(#133010) Account not registered");

    /// <summary>Register with a PIN other than the number's two-step verification PIN.</summary>
    public static GraphError PinMismatch() =>
        new(400, 133005, "(#133005) Two step verification PIN Mismatch")
        {
            Details = "Two step verification PIN incorrect.",
        };

    /// <summary>
    /// A read receipt for a wamid the number neither sent nor received. Meta's file words a bad message_id as
    /// "Invalid parameter: message_id format is invalid" (code 100); no real answer for an unknown one is on record.
    /// </summary>
    public static GraphError UnknownMessage(string messageId) =>
        new(400, 100, "(#100) Invalid parameter") { Details = "message_id " + messageId + " is not a message of this phone number." };

    public static GraphError MissingParameter(string name) =>
        new(400, 100, "(#100) The parameter " + name + " is required.");

    public static GraphError InvalidParameter(string details) =>
        new(400, 100, "(#100) Invalid parameter") { Details = details };

    /// <summary>A POST to an id the token does not reach: Facebook's 100/33 worded for the method.</summary>
    public static GraphError UnknownObjectPost(string id) =>
        GraphErrors.UnknownObject(id) with
        {
            Message = "Unsupported post request. Object with ID '" + id + "' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api",
        };
}
