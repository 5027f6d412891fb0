using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FacebookToken.Json;

namespace FacebookToken.Emulator;

/// <summary>
/// What happened in an emulator: the requests it answered, the tokens it minted (and which were revoked), the messages
/// sent, the messages marked read and the webhooks it POSTed.
/// </summary>
/// <remarks>Tokens, codes and secrets come masked from the emulator itself (GET /_emulator/log).</remarks>
public sealed class FacebookEmulatorLog
{
    private FacebookEmulatorLog(
        Uri baseUri,
        FacebookEmulatorRequest[] requests,
        FacebookEmulatorToken[] tokens,
        FacebookEmulatorMessage[] messages,
        FacebookEmulatorRead[] reads,
        FacebookEmulatorWebhook[] webhooks)
    {
        Webhooks = webhooks;
        BaseUri = baseUri;
        Requests = requests;
        Tokens = tokens;
        Messages = messages;
        Reads = reads;
    }

    public Uri BaseUri { get; }

    /// <summary>Graph and dialog requests, oldest first (the control API is not logged).</summary>
    public IReadOnlyList<FacebookEmulatorRequest> Requests { get; }

    /// <summary>Tokens the emulator issued, oldest first.</summary>
    public IReadOnlyList<FacebookEmulatorToken> Tokens { get; }

    /// <summary>Messages the emulator accepted, oldest first (empty until the emulator has a messages endpoint).</summary>
    public IReadOnlyList<FacebookEmulatorMessage> Messages { get; }

    /// <summary>Messages marked read (read receipts), oldest first; empty from an emulator that logs none.</summary>
    public IReadOnlyList<FacebookEmulatorRead> Reads { get; }

    /// <summary>Webhook POSTs the emulator made (statuses and inbound messages), oldest first; empty without a webhook URL.</summary>
    public IReadOnlyList<FacebookEmulatorWebhook> Webhooks { get; }

    internal static FacebookEmulatorLog From(Uri baseUri, JsonObject json) =>
        new(
            baseUri,
            Objects(json, "requests").Select(FacebookEmulatorRequest.From).ToArray(),
            Objects(json, "tokens").Select(FacebookEmulatorToken.From).ToArray(),
            Objects(json, "messages").Select(FacebookEmulatorMessage.From).ToArray(),
            Objects(json, "reads").Select(FacebookEmulatorRead.From).ToArray(),
            Objects(json, "webhooks").Select(FacebookEmulatorWebhook.From).ToArray());

    internal static IEnumerable<JsonObject> Objects(JsonObject json, string name) =>
        (json.GetArray(name) ?? new List<object?>()).OfType<JsonObject>();

    internal static DateTimeOffset? Time(JsonObject json, string name) =>
        DateTimeOffset.TryParse(json.GetString(name), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset value)
            ? value
            : json.GetInt64(name) is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    internal static IReadOnlyDictionary<string, string> Map(JsonObject json, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> pair in json.GetObject(name) ?? new JsonObject())
        {
            map[pair.Key] = pair.Value switch
            {
                string text => text,
                JsonNumber number => number.Raw,
                bool flag => flag ? "true" : "false",
                null => string.Empty,
                _ => JsonText.Write(pair.Value),
            };
        }

        return map;
    }
}
