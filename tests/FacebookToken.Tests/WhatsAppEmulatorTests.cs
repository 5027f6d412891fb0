using System.Net;
using System.Text;
using System.Text.Json;
using FacebookEmulator;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>The emulator's WhatsApp world answers like Facebook: WABAs, phone numbers, business edges, reach (100/33).</summary>
public sealed class WhatsAppEmulatorTests
{
    private const string Version = "v25.0";
    private const string Waba = "102290129340398";
    private const string ClientWaba = "102290129340399";
    private const string Phone = "106540352242922";
    private const string ClientPhone = "106540352242923";
    private const string Business = "1980000000000001";
    private const string UnreachableMessage =
        "Unsupported get request. Object with ID '{0}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api";

    [Fact]
    public async Task WabaAndPhoneNumber_AreReadWithTheirFields_AndListedInFacebooksShape()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string token = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);

        using JsonDocument waba = await GetJsonAsync(client, $"{Waba}?fields=name", token);
        using JsonDocument phone = await GetJsonAsync(client, $"{Phone}?fields=display_phone_number,quality_rating", token);
        using JsonDocument list = await GetJsonAsync(client, $"{Waba}/phone_numbers?fields=id,display_phone_number,verified_name,quality_rating", token);

        Assert.Equal("Emulated WhatsApp Business Account", waba.RootElement.GetProperty("name").GetString());
        Assert.Equal(Waba, waba.RootElement.GetProperty("id").GetString());
        Assert.Equal("+1 555-010-0001", phone.RootElement.GetProperty("display_phone_number").GetString());
        Assert.Equal("GREEN", phone.RootElement.GetProperty("quality_rating").GetString());
        Assert.False(phone.RootElement.TryGetProperty("verified_name", out _));
        JsonElement item = Assert.Single(list.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(Phone, item.GetProperty("id").GetString());
        Assert.Equal("Emulated Business", item.GetProperty("verified_name").GetString());
        JsonElement cursors = list.RootElement.GetProperty("paging").GetProperty("cursors");
        Assert.False(string.IsNullOrEmpty(cursors.GetProperty("before").GetString()));
        Assert.False(string.IsNullOrEmpty(cursors.GetProperty("after").GetString()));
        Assert.False(list.RootElement.GetProperty("paging").TryGetProperty("next", out _));
    }

    [Theory]
    [InlineData(ClientWaba)]
    [InlineData(ClientPhone)]
    [InlineData(ClientWaba + "/phone_numbers")]
    [InlineData("999999999999999")]
    public async Task AnIdTheTokenDoesNotReach_Is400Code100Subcode33(string path)
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string token = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);

        using HttpResponseMessage response = await GetAsync(client, path, token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement error = body.RootElement.GetProperty("error");
        Assert.Equal(100, error.GetProperty("code").GetInt32());
        Assert.Equal(33, error.GetProperty("error_subcode").GetInt32());
        Assert.Equal("GraphMethodException", error.GetProperty("type").GetString());
        Assert.Equal(string.Format(UnreachableMessage, path.Split('/')[0]), error.GetProperty("message").GetString());
        Assert.StartsWith("OAuth \"Facebook Platform\" \"invalid_request\"", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task TargetIds_DecideTheReach_AndBusinessEdgesListOwnedAndClientWabas()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        using HttpResponseMessage minted = await client.PostAsync(
            "_emulator/tokens",
            new StringContent("{\"kind\":\"long\",\"scopes\":[\"whatsapp_business_management\"],\"targetIds\":[\"" + ClientWaba + "\"]}", Encoding.UTF8, "application/json"));
        using JsonDocument mintedBody = JsonDocument.Parse(await minted.Content.ReadAsStringAsync());
        string token = mintedBody.RootElement.GetProperty("access_token").GetString()!;
        string appToken = EmulatorOptions.DefaultAppId + "|" + EmulatorOptions.DefaultAppSecret;

        using HttpResponseMessage own = await GetAsync(client, Waba, token);
        using JsonDocument clientPhone = await GetJsonAsync(client, ClientPhone + "?fields=verified_name,quality_rating", token);
        using JsonDocument owned = await GetJsonAsync(client, Business + "/owned_whatsapp_business_accounts", token);
        using JsonDocument clients = await GetJsonAsync(client, Business + "/client_whatsapp_business_accounts?fields=id,name", token);
        using JsonDocument debug = await GetJsonAsync(client, "debug_token?input_token=" + token, appToken);

        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Equal("YELLOW", clientPhone.RootElement.GetProperty("quality_rating").GetString());
        JsonElement ownedWaba = Assert.Single(owned.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(Waba, ownedWaba.GetProperty("id").GetString());
        Assert.Equal("USD", ownedWaba.GetProperty("currency").GetString());
        Assert.Equal("emulated_" + Waba, ownedWaba.GetProperty("message_template_namespace").GetString());
        JsonElement shared = Assert.Single(clients.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal("Client WhatsApp Business Account", shared.GetProperty("name").GetString());
        JsonElement granular = Assert.Single(debug.RootElement.GetProperty("data").GetProperty("granular_scopes").EnumerateArray());
        Assert.Equal(ClientWaba, Assert.Single(granular.GetProperty("target_ids").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task PhoneNumbers_PageWithLimit_AndNextIsAnAbsoluteUrlThatWorksAsItIs()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        emulator.State.WhatsApp.AddPhoneNumber(new WhatsAppPhoneNumber("106540352242999", Waba, "+1 555-010-0099", "Emulated Business", "RED"));
        string token = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);

        using JsonDocument first = await GetJsonAsync(client, $"{Waba}/phone_numbers?fields=id&limit=1", token);
        string next = first.RootElement.GetProperty("paging").GetProperty("next").GetString()!;
        using HttpResponseMessage secondResponse = await client.GetAsync(next);
        using JsonDocument second = JsonDocument.Parse(await secondResponse.Content.ReadAsStringAsync());

        Assert.StartsWith(emulator.BaseUri + Version + "/" + Waba + "/phone_numbers?", next);
        // Graph writes the caller's token into the link even when it came in the Authorization header.
        Assert.Contains("access_token=" + Uri.EscapeDataString(token), next);
        Assert.Equal(Phone, Assert.Single(first.RootElement.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal("106540352242999", Assert.Single(second.RootElement.GetProperty("data").EnumerateArray()).GetProperty("id").GetString());
        Assert.False(second.RootElement.GetProperty("paging").TryGetProperty("next", out _));
    }

    [Fact]
    public async Task ScopeDrift_GranularScopesLackManagement_WhileTheReadWorks_AndResetRestoresTheSeed()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string token = emulator.State.MintToken(
            EmulatorOptions.DefaultAppId,
            TokenKind.LongLivedUser,
            scopes: new[] { "whatsapp_business_management", "whatsapp_business_messaging" });
        string appToken = EmulatorOptions.DefaultAppId + "|" + EmulatorOptions.DefaultAppSecret;
        using HttpResponseMessage set = await client.PostAsync(
            "_emulator/settings",
            new StringContent("{\"granularOmitsWhatsAppManagement\":true}", Encoding.UTF8, "application/json"));
        using HttpResponseMessage added = await client.PostAsync(
            "_emulator/whatsapp/accounts",
            new StringContent("{\"id\":\"102290129340400\",\"name\":\"Extra\",\"phoneNumbers\":[{\"id\":\"106540352242924\"}]}", Encoding.UTF8, "application/json"));

        using JsonDocument debug = await GetJsonAsync(client, "debug_token?input_token=" + token, appToken);
        using HttpResponseMessage read = await GetAsync(client, Waba, token);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("whatsapp_business_management", debug.RootElement.GetProperty("data").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(
            new[] { "whatsapp_business_messaging" },
            debug.RootElement.GetProperty("data").GetProperty("granular_scopes").EnumerateArray().Select(g => g.GetProperty("scope").GetString()).ToArray());
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.True(emulator.State.WhatsApp.TryGetPhoneNumber("106540352242924", out _, out WhatsAppAccount extra));
        Assert.Equal(WhatsAppWorld.BusinessId, extra.OwnerBusinessId);

        emulator.State.Reset();

        Assert.False(emulator.State.WhatsApp.TryGetAccount("102290129340400", out _));
        Assert.True(emulator.State.WhatsApp.TryGetAccount(ClientWaba, out _));
        Assert.False(emulator.State.Settings.GranularOmitsWhatsAppManagement);
    }

    [Fact]
    public async Task UnknownFieldOnAWaba_IsNonexistingField_AndAnAppTokenDoesNotReachIt()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string token = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        string page = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.Page);

        using HttpResponseMessage badField = await GetAsync(client, Waba + "?fields=name,bogus", token);
        using HttpResponseMessage byPage = await GetAsync(client, Waba, page);

        using JsonDocument error = JsonDocument.Parse(await badField.Content.ReadAsStringAsync());
        Assert.Equal(
            "(#100) Tried accessing nonexisting field (bogus) on node type (WhatsAppBusinessAccount)",
            error.RootElement.GetProperty("error").GetProperty("message").GetString());
        using JsonDocument pageError = JsonDocument.Parse(await byPage.Content.ReadAsStringAsync());
        Assert.Equal(33, pageError.RootElement.GetProperty("error").GetProperty("error_subcode").GetInt32());
    }

    private static HttpClient NewClient(FacebookEmulatorHost emulator) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = emulator.BaseUri };

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Version + "/" + path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path, string token)
    {
        using HttpResponseMessage response = await GetAsync(client, path, token);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, path + ": " + text);
        return JsonDocument.Parse(text);
    }
}
