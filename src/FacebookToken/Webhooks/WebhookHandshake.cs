using System;
using System.Collections.Generic;
using FacebookToken.Secrets;

namespace FacebookToken.Webhooks;

/// <summary>
/// The webhook subscription check: Facebook GETs the callback with <c>hub.mode=subscribe</c>, <c>hub.verify_token</c> (the
/// text set in the App Dashboard) and <c>hub.challenge</c>; the receiver answers the challenge when the token is its own.
/// </summary>
internal static class WebhookHandshake
{
    public const string MismatchErrorId = "WebhookVerifyTokenMismatch";
    public const string BadQueryErrorId = "InvalidWebhookQuery";

    /// <summary>The hub.challenge to answer; throws <see cref="FacebookInputException"/> when the query is not a subscription check or the token differs.</summary>
    public static string Answer(IReadOnlyDictionary<string, string?> query, System.Security.SecureString? verifyToken)
    {
        string? mode = Find(query, "hub.mode");
        string? challenge = Find(query, "hub.challenge");
        string? token = Find(query, "hub.verify_token");
        if (!string.Equals(mode, "subscribe", StringComparison.Ordinal) || string.IsNullOrEmpty(challenge))
        {
            throw new FacebookInputException(
                BadQueryErrorId,
                "Query",
                "The query is not Facebook's subscription check: it needs hub.mode=subscribe and a hub.challenge (it has "
                + (mode is null ? "no hub.mode" : "hub.mode '" + mode + "'") + (string.IsNullOrEmpty(challenge) ? " and no hub.challenge" : string.Empty)
                + "). Pass the GET request's query values (a hashtable or the query string) as -Query; answer other requests 400.");
        }

        // Both sides compared in full, in constant time, even when one is missing.
        // Ours is read as characters that are cleared at once, never as a string.
        char[] given = (token ?? string.Empty).ToCharArray();
        if (!verifyToken.Inspect(ours => ConstantTime.EqualsChars(given, ours) && ours.Length > 0))
        {
            throw new FacebookInputException(
                MismatchErrorId,
                "VerifyToken",
                "hub.verify_token is not the verify token you set: the request did not come from your app's webhook setup, or the App Dashboard has another one. Answer it 403; if it was you, set the same text in the App Dashboard's Webhooks \"Verify token\" and in -VerifyToken.");
        }

        return challenge!;
    }

    private static string? Find(IReadOnlyDictionary<string, string?> query, string name)
    {
        foreach (KeyValuePair<string, string?> pair in query)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }
}
