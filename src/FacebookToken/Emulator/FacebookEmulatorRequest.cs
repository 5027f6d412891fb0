using System;
using System.Collections.Generic;
using FacebookToken.Json;

namespace FacebookToken.Emulator;

/// <summary>One request the emulator answered. Secret parameters (tokens, codes, client_secret, appsecret_proof) are masked.</summary>
public sealed class FacebookEmulatorRequest
{
    private FacebookEmulatorRequest()
    {
    }

    public DateTimeOffset? Timestamp { get; private set; }

    public string Method { get; private set; } = string.Empty;

    /// <summary>The path as sent, version included: /v25.0/oauth/access_token.</summary>
    public string Path { get; private set; } = string.Empty;

    /// <summary>The path without the version: /oauth/access_token.</summary>
    public string Endpoint { get; private set; } = string.Empty;

    public string? ApiVersion { get; private set; }

    /// <summary>The HTTP status the emulator answered (0 while it was still answering).</summary>
    public int Status { get; private set; }

    /// <summary>The fault switch that shaped the answer, such as transient500 or throttle.</summary>
    public string? Fault { get; private set; }

    public IReadOnlyDictionary<string, string> Query { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> Form { get; private set; } = new Dictionary<string, string>();

    /// <summary>Query and form parameters together (a form value wins), as Graph reads them.</summary>
    public IReadOnlyDictionary<string, string> Parameters
    {
        get
        {
            var all = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, string> pair in Query)
            {
                all[pair.Key] = pair.Value;
            }

            foreach (KeyValuePair<string, string> pair in Form)
            {
                all[pair.Key] = pair.Value;
            }

            return all;
        }
    }

    /// <summary>The Authorization header, its token masked.</summary>
    public string? Authorization { get; private set; }

    internal static FacebookEmulatorRequest From(JsonObject json) => new()
    {
        Timestamp = FacebookEmulatorLog.Time(json, "timestamp"),
        Method = json.GetString("method") ?? string.Empty,
        Path = json.GetString("path") ?? string.Empty,
        Endpoint = json.GetString("endpoint") ?? string.Empty,
        ApiVersion = json.GetString("version"),
        Status = (int)(json.GetInt64("status") ?? 0),
        Fault = json.GetString("fault"),
        Query = FacebookEmulatorLog.Map(json, "query"),
        Form = FacebookEmulatorLog.Map(json, "form"),
        Authorization = json.GetString("authorization"),
    };
}
