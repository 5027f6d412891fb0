using System;
using System.Security;
using FacebookToken.Json;
using FacebookToken.Secrets;

namespace FacebookToken.Emulator;

/// <summary>GET /_emulator/info: the emulator's URIs and default app.</summary>
internal sealed class EmulatorInfo
{
    private EmulatorInfo(string appId, SecureString appSecret)
    {
        AppId = appId;
        AppSecret = appSecret;
    }

    public string AppId { get; }

    public SecureString AppSecret { get; }

    public string? AppName { get; private set; }

    public string? UserId { get; private set; }

    public string? Version { get; private set; }

    public Uri? GraphBaseUri { get; private set; }

    public Uri? LoginBaseUri { get; private set; }

    public bool RequireAppSecretProof { get; private set; }

    /// <summary>Reads the answer; null when it is not the emulator's info object.</summary>
    public static EmulatorInfo? From(JsonObject json)
    {
        string? appId = json.GetString("appId");
        string? appSecret = json.GetString("appSecret");
        if (string.IsNullOrEmpty(appId) || string.IsNullOrEmpty(appSecret))
        {
            return null;
        }

        return new EmulatorInfo(appId!, appSecret!.ToSecureString())
        {
            AppName = json.GetString("appName"),
            UserId = json.GetString("userId"),
            Version = json.GetString("version"),
            GraphBaseUri = Uri.TryCreate(json.GetString("graphBaseUri"), UriKind.Absolute, out Uri? graph) ? graph : null,
            LoginBaseUri = Uri.TryCreate(json.GetString("loginBaseUri"), UriKind.Absolute, out Uri? login) ? login : null,
            RequireAppSecretProof = json.GetBoolean("requireAppSecretProof") ?? false,
        };
    }
}
