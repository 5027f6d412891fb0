using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FacebookEmulator;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>The emulator's system-user endpoints answer as Meta's "Install Apps, Generate, Refresh, and Revoke Tokens" describes.</summary>
public sealed class SystemUserEmulatorTests
{
    private const string Version = "v25.0";
    private const string SystemUser = BusinessDirectory.DefaultSystemUserId;
    private static readonly string s_appToken = EmulatorOptions.DefaultAppId + "|" + EmulatorOptions.DefaultAppSecret;

    [Fact]
    public async Task InstallThenGenerate_SixtyDayToken_IsSystemUserWithTargets()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string admin = AdminToken(emulator);

        using JsonDocument installed = await PostAsync(client, $"{SystemUser}/applications", ("business_app", EmulatorOptions.DefaultAppId), ("access_token", admin));
        using JsonDocument generated = await PostAsync(
            client,
            $"{SystemUser}/access_tokens",
            ("business_app", EmulatorOptions.DefaultAppId),
            ("scope", "whatsapp_business_management,whatsapp_business_messaging"),
            ("set_token_expires_in_60_days", "true"),
            ("appsecret_proof", Proof(admin)),
            ("access_token", admin));
        string token = generated.RootElement.GetProperty("access_token").GetString()!;
        using JsonDocument debug = JsonDocument.Parse(await client.GetStringAsync($"{Version}/debug_token?input_token={token}&access_token={Uri.EscapeDataString(s_appToken)}"));
        JsonElement data = debug.RootElement.GetProperty("data");

        Assert.True(installed.RootElement.GetProperty("success").GetBoolean());
        Assert.Single(generated.RootElement.EnumerateObject());
        Assert.Equal("SYSTEM_USER", data.GetProperty("type").GetString());
        Assert.Equal(SystemUser, data.GetProperty("user_id").GetString());
        Assert.True(data.GetProperty("is_valid").GetBoolean());
        Assert.InRange(data.GetProperty("expires_at").GetInt64() - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), (60 * 86400) - 60, 60 * 86400);
        Assert.Equal(0, data.GetProperty("data_access_expires_at").GetInt64());
        Assert.Equal(emulator.State.Options.WhatsAppBusinessAccountId, data.GetProperty("granular_scopes")[0].GetProperty("target_ids")[0].GetString());
    }

    [Fact]
    public async Task Generate_WithoutInstall_OrBadScope_OrNoProof_IsRefusedAsFacebookDoes()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string admin = AdminToken(emulator);
        (string, string)[] Generate(string scope, string? proof) =>
            new[] { ("business_app", EmulatorOptions.DefaultAppId), ("scope", scope), ("access_token", admin) }
                .Concat(proof is null ? Array.Empty<(string, string)>() : new[] { ("appsecret_proof", proof) }).ToArray();

        using HttpResponseMessage notInstalled = await PostRawAsync(client, $"{SystemUser}/access_tokens", Generate("whatsapp_business_messaging", Proof(admin)));
        emulator.State.Business.Install(SystemUser, EmulatorOptions.DefaultAppId);
        using HttpResponseMessage badScope = await PostRawAsync(client, $"{SystemUser}/access_tokens", Generate("whatsapp_business_mgmt", Proof(admin)));
        using HttpResponseMessage noProof = await PostRawAsync(client, $"{SystemUser}/access_tokens", Generate("whatsapp_business_messaging", null));
        using HttpResponseMessage wrongProof = await PostRawAsync(client, $"{SystemUser}/access_tokens", Generate("whatsapp_business_messaging", new string('0', 64)));
        using HttpResponseMessage unknownUser = await PostRawAsync(client, "61550000000000999/access_tokens", Generate("whatsapp_business_messaging", Proof(admin)));

        Assert.Equal((HttpStatusCode.Forbidden, 200), await ErrorOf(notInstalled));
        Assert.Equal((HttpStatusCode.BadRequest, 3962), await ErrorOf(badScope));
        Assert.Equal((HttpStatusCode.BadRequest, 100), await ErrorOf(noProof));
        Assert.Equal((HttpStatusCode.BadRequest, 100), await ErrorOf(wrongProof));
        Assert.Equal((HttpStatusCode.BadRequest, 100), await ErrorOf(unknownUser));
    }

    [Fact]
    public async Task Refresh_GivesANewSixtyDayToken_FromTheMovedClock_OldStaysValid_ThenRevokeEndsIt()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        EmulatorToken old = emulator.State.MintSystemUserToken(SystemUser, lifetime: TimeSpan.FromDays(60));
        emulator.State.AdvanceClock(TimeSpan.FromDays(50));

        using JsonDocument refreshed = await PostAsync(
            client,
            "oauth/access_token",
            ("grant_type", "fb_exchange_token"),
            ("client_id", EmulatorOptions.DefaultAppId),
            ("client_secret", EmulatorOptions.DefaultAppSecret),
            ("set_token_expires_in_60_days", "true"),
            ("fb_exchange_token", old.Value));
        string fresh = refreshed.RootElement.GetProperty("access_token").GetString()!;
        EmulatorToken renewed = emulator.State.FindToken(fresh)!;
        using JsonDocument revoked = await PostAsync(
            client,
            "oauth/revoke",
            ("client_id", EmulatorOptions.DefaultAppId),
            ("client_secret", EmulatorOptions.DefaultAppSecret),
            ("revoke_token", old.Value),
            ("access_token", fresh));
        using HttpResponseMessage again = await PostRawAsync(
            client,
            "oauth/revoke",
            ("client_id", EmulatorOptions.DefaultAppId),
            ("client_secret", EmulatorOptions.DefaultAppSecret),
            ("revoke_token", old.Value),
            ("access_token", fresh));

        Assert.NotEqual(old.Value, fresh);
        Assert.Equal(TokenKind.SystemUser, renewed.Kind);
        Assert.InRange(renewed.ExpiresAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromDays(110) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(110));
        Assert.InRange(refreshed.RootElement.GetProperty("expires_in").GetInt64(), (60 * 86400) - 5, 60 * 86400);
        Assert.Equal("true", revoked.RootElement.GetProperty("success").GetString());
        Assert.True(emulator.State.FindToken(old.Value)!.IsRevoked);
        Assert.False(emulator.State.FindToken(fresh)!.IsRevoked);
        Assert.Equal((HttpStatusCode.BadRequest, 190), await ErrorOf(again));
    }

    [Fact]
    public async Task Install_ChecksAppSecretProof_AsAccessTokensDoes()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string admin = AdminToken(emulator);

        using HttpResponseMessage wrongProof = await PostRawAsync(
            client, $"{SystemUser}/applications", ("business_app", EmulatorOptions.DefaultAppId), ("appsecret_proof", new string('0', 64)), ("access_token", admin));
        bool installedAfterWrongProof = emulator.State.Business.IsInstalled(SystemUser, EmulatorOptions.DefaultAppId);
        emulator.State.FindApp(EmulatorOptions.DefaultAppId)!.RequireAppSecret = true;
        using HttpResponseMessage missingProof = await PostRawAsync(
            client, $"{SystemUser}/applications", ("business_app", EmulatorOptions.DefaultAppId), ("access_token", admin));
        using JsonDocument rightProof = await PostAsync(
            client, $"{SystemUser}/applications", ("business_app", EmulatorOptions.DefaultAppId), ("appsecret_proof", Proof(admin)), ("access_token", admin));

        Assert.Equal((HttpStatusCode.BadRequest, 100), await ErrorOf(wrongProof));
        Assert.False(installedAfterWrongProof);
        Assert.Equal((HttpStatusCode.BadRequest, 100), await ErrorOf(missingProof));
        Assert.True(rightProof.RootElement.GetProperty("success").GetBoolean());
        Assert.True(emulator.State.Business.IsInstalled(SystemUser, EmulatorOptions.DefaultAppId));
    }

    [Fact]
    public async Task Revoke_RefusesATokenOfAnotherAppThanTheClients_AndLeavesItValid()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        emulator.State.RegisterApp("2233445566778899", "0123456789abcdef0123456789abcdef", Array.Empty<string>());
        EmulatorToken token = emulator.State.MintSystemUserToken(SystemUser, lifetime: TimeSpan.FromDays(60));

        using HttpResponseMessage otherClient = await PostRawAsync(
            client,
            "oauth/revoke",
            ("client_id", "2233445566778899"),
            ("client_secret", "0123456789abcdef0123456789abcdef"),
            ("revoke_token", token.Value),
            ("access_token", token.Value));

        Assert.Equal((HttpStatusCode.BadRequest, 190), await ErrorOf(otherClient));
        Assert.False(emulator.State.FindToken(token.Value)!.IsRevoked);
    }

    private static string AdminToken(FacebookEmulatorHost emulator) =>
        emulator.State.MintSystemUserToken(BusinessDirectory.AdminSystemUserId, scopes: new[] { "business_management" }).Value;

    private static string Proof(string token) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(EmulatorOptions.DefaultAppSecret), Encoding.UTF8.GetBytes(token)));

    private static HttpClient NewClient(FacebookEmulatorHost emulator) => new() { BaseAddress = emulator.BaseUri };

    private static Task<HttpResponseMessage> PostRawAsync(HttpClient client, string path, params (string Name, string Value)[] form) =>
        client.PostAsync(
            Version + "/" + path,
            new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))));

    private static async Task<JsonDocument> PostAsync(HttpClient client, string path, params (string Name, string Value)[] form)
    {
        using HttpResponseMessage response = await PostRawAsync(client, path, form);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body);
    }

    private static async Task<(HttpStatusCode, int)> ErrorOf(HttpResponseMessage response)
    {
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }
}
