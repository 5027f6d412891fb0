using System;
using System.Globalization;

namespace FacebookToken;

/// <summary>
/// What to do about the WhatsApp Cloud API errors users meet most, and about an id the token does not reach (100/33),
/// by code and subcode (Meta: "build your error handling around code values and details"), never by message text.
/// </summary>
/// <remarks>Kept apart from <see cref="GraphErrorTable"/>: this only words advice, it never changes a kind or a retry.</remarks>
internal static class WhatsAppErrorAdvice
{
    /// <summary>The advice for a code (and subcode), or null when there is none beyond the kind's.</summary>
    /// <param name="nodeId">The first path segment of the call (the id it was about), for the 100/33 advice.</param>
    public static string? For(int? code, int? subcode, string? nodeId) => code switch
    {
        131047 => "More than 24 hours have passed since the customer last wrote to this number, so the free-form message was not delivered. Send an approved template message (type template) instead; a reply from the customer opens a new 24-hour window. Facebook usually accepts such a send with a message id and reports this error later as a failed status in the messages webhook (ConvertFrom-FacebookWebhook).",
        131026 => "WhatsApp could not deliver to this number: it may not be on WhatsApp, may not have accepted the latest terms, or may run an old WhatsApp version. Check the number (with country code); do not resend the same message in a loop. Facebook usually reports this later as a failed status in the messages webhook (ConvertFrom-FacebookWebhook), after accepting the send.",
        131056 => "Too many messages went from this business number to the same customer in a short time (pair rate limit; Meta allows about one every 6 seconds). Facebook did not send this one: wait a few seconds, then send it again to that customer; messages to other customers are not affected.",
        132001 => "The template does not exist in that language (or is not approved yet). List the templates with Invoke-FacebookGraphRequest '{waba-id}/message_templates?fields=name,language,status' -All and use a name and language.code whose status is APPROVED.",
        133010 => "The sending phone number is not registered with the Cloud API. Register it: Invoke-FacebookGraphRequest '{phone-number-id}/register' -Method POST -Body @{ messaging_product = 'whatsapp'; pin = '<6-digit PIN>' }.",
        // ErrorAdviceTable words 100/33 for every call; here the id is known, so the check names it.
        100 when subcode == 33 => string.Format(
            CultureInfo.InvariantCulture,
            "The token does not reach {0}: the id is wrong, or the token was not granted that WhatsApp Business Account or phone number. Check what it covers: Test-FacebookToken -Name <name> -WhatsAppBusinessAccountId {1} -Detailed (or -PhoneNumberId {1} for a phone number), and look at UncoveredAccounts; sign in again choosing that account if it is missing.",
            string.IsNullOrEmpty(nodeId) ? "that id" : "id " + nodeId,
            string.IsNullOrEmpty(nodeId) ? "<id>" : nodeId),
        _ => null,
    };

    /// <summary>
    /// Re-tells <paramref name="ex"/> with WhatsApp's <c>error_data.details</c> in its message and the advice for its code;
    /// returns it unchanged when there is neither.
    /// </summary>
    public static FacebookApiException Apply(FacebookApiException ex, string? nodeId)
    {
        string? advice = For(ex.Code, ex.Subcode, nodeId);
        if (advice is null && string.IsNullOrEmpty(ex.Details))
        {
            return ex;
        }

        advice ??= ex.RecommendedAction ?? FacebookErrorClassifier.Advice(ex.Kind);
        string details = string.IsNullOrEmpty(ex.Details) ? string.Empty : "Details: " + ex.Details!.TrimEnd('.') + ". ";
        FacebookApiException told = ApiErrorAdvice.With(ex, ex.Kind, details + advice);
        told.RecommendedAction = advice;
        return told;
    }

    /// <summary>The first path segment (the node id) of a Graph path.</summary>
    public static string? NodeOf(string path)
    {
        int slash = path.IndexOf('/');
        string first = slash < 0 ? path : path.Substring(0, slash);
        return first.Length == 0 ? null : first;
    }
}
