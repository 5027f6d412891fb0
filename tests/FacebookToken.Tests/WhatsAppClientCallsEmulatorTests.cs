using System.Net;
using System.Text;
using System.Text.Json;
using FacebookEmulator;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>
/// The calls Meta's own clients make that the emulator once got wrong (issue 26): read receipts, POST /{phone-number-id}
/// (the two-step PIN), the template name filter, paging.previous, and unknown fields on every node. Each names the line
/// of Meta's OpenAPI file (../shared/meta-openapi/business-messaging-api_v23.0.yaml) it follows.
/// </summary>
public sealed class WhatsAppClientCallsEmulatorTests
{
    private const string Version = "v25.0";
    private const string Waba = "102290129340398";
    private const string Phone = "106540352242922";

    [Fact]
    public async Task ReadReceipt_ForAKnownWamid_IsSuccessTrue_AndLogged_ForAnUnknownOne_IsCode100()
    {
        // Meta's file, example "Send typing indicator and read receipt" (lines 13556-13562; answer success: true, 13951-13953).
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string token = MessagingToken(emulator);
        using JsonDocument sent = await SendJsonAsync(client, HttpMethod.Post, Phone + "/messages", token,
            "{\"messaging_product\":\"whatsapp\",\"to\":\"15550100001\",\"type\":\"template\",\"template\":{\"name\":\"hello_world\",\"language\":{\"code\":\"en_US\"}}}");
        string wamid = sent.RootElement.GetProperty("messages")[0].GetProperty("id").GetString()!;
        using HttpResponseMessage customer = await client.PostAsync(
            "_emulator/whatsapp/windows",
            new StringContent("{\"to\":\"15550100002\"}", Encoding.UTF8, "application/json"));
        using JsonDocument customerBody = JsonDocument.Parse(await customer.Content.ReadAsStringAsync());
        string inbound = customerBody.RootElement.GetProperty("messageId").GetString()!;

        using JsonDocument read = await SendJsonAsync(client, HttpMethod.Post, Phone + "/messages", token,
            "{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"" + inbound + "\",\"typing_indicator\":{\"type\":\"text\"}}");
        using JsonDocument readOwn = await SendJsonAsync(client, HttpMethod.Post, Phone + "/messages", token,
            "{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"" + wamid + "\"}");
        using HttpResponseMessage unknown = await SendAsync(client, HttpMethod.Post, Phone + "/messages", token,
            "{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"wamid.HBgLnotamessage\"}");
        using HttpResponseMessage missing = await SendAsync(client, HttpMethod.Post, Phone + "/messages", token,
            "{\"messaging_product\":\"whatsapp\",\"status\":\"read\"}");
        using JsonDocument log = JsonDocument.Parse(await client.GetStringAsync("_emulator/log"));

        Assert.Equal("{\"success\":true}", read.RootElement.GetRawText());
        Assert.True(readOwn.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        JsonElement error = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal(100, error.GetProperty("code").GetInt32());
        Assert.Contains("wamid.HBgLnotamessage", error.GetProperty("error_data").GetProperty("details").GetString());
        Assert.Equal("(#100) The parameter message_id is required.", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(
            new[] { inbound, wamid },
            log.RootElement.GetProperty("reads").EnumerateArray().Select(r => r.GetProperty("messageId").GetString()).ToArray());
        Assert.Equal(Phone, log.RootElement.GetProperty("reads")[0].GetProperty("phoneNumberId").GetString());
        Assert.Single(emulator.State.WhatsAppMessaging.SentMessages);
    }

    [Fact]
    public async Task PostToThePhoneNumber_SetsTheTwoStepPin_WhichRegisterThenChecks()
    {
        // Meta's file: POST /{Version}/{Phone-Number-ID} (line 15832, operationId updatePhoneNumberStatus line 15885), body
        // PhoneNumberStatusUpdateRequest (line 3413, pin line 3423), answer two_step_verification_set: success true (15996).
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string token = MessagingToken(emulator);

        using JsonDocument set = await SendJsonAsync(client, HttpMethod.Post, Phone, token, "{\"pin\":\"654321\"}");
        using HttpResponseMessage wrongPin = await SendAsync(client, HttpMethod.Post, Phone + "/register", token, "{\"messaging_product\":\"whatsapp\",\"pin\":\"123456\"}");
        using JsonDocument rightPin = await SendJsonAsync(client, HttpMethod.Post, Phone + "/register", token, "{\"messaging_product\":\"whatsapp\",\"pin\":\"654321\"}");
        using JsonDocument nested = await SendJsonAsync(client, HttpMethod.Post, Phone, token, "{\"whatsapp_business_api_data\":{\"pin\":\"111111\",\"show_security_notifications\":true}}");
        using HttpResponseMessage badPin = await SendAsync(client, HttpMethod.Post, Phone, token, "{\"pin\":\"12ab\"}");
        using HttpResponseMessage waba = await SendAsync(client, HttpMethod.Post, Waba, token, "{\"pin\":\"123456\"}");

        Assert.Equal("{\"success\":true}", set.RootElement.GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, wrongPin.StatusCode);
        Assert.Equal(133005, JsonDocument.Parse(await wrongPin.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.True(rightPin.RootElement.GetProperty("success").GetBoolean());
        Assert.True(nested.RootElement.GetProperty("success").GetBoolean());
        Assert.Equal(100, JsonDocument.Parse(await badPin.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(2500, JsonDocument.Parse(await waba.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task MessageTemplates_NameFilter_ReturnsOnlyThatName()
    {
        // Meta's file: "Get template by name (default fields)", GET /{WABA-ID}/message_templates?name= (lines 28230-28248).
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string token = MessagingToken(emulator);

        using JsonDocument byName = await GetJsonAsync(client, Waba + "/message_templates?name=order_update&fields=name,language", token);
        using JsonDocument none = await GetJsonAsync(client, Waba + "/message_templates?name=no_such_template", token);

        Assert.Equal(
            new[] { "order_update/en_US", "order_update/es" },
            byName.RootElement.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("name").GetString() + "/" + t.GetProperty("language").GetString()).ToArray());
        Assert.Empty(none.RootElement.GetProperty("data").EnumerateArray());
    }

    [Theory]
    [InlineData(Waba + "/message_templates?fields=name")]
    [InlineData(Waba + "/phone_numbers?fields=id")]
    public async Task Paging_WritesPreviousWhenAnEarlierPageExists_WithTheToken_AndBeforeGoesBack(string path)
    {
        // Meta's file, CursorPaging (lines 330-352): cursors before/after, previous and next URLs.
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        emulator.State.WhatsApp.AddPhoneNumber(new WhatsAppPhoneNumber("106540352242998", Waba, "+1 555-010-0098", "Emulated Business", "GREEN"));
        emulator.State.WhatsApp.AddPhoneNumber(new WhatsAppPhoneNumber("106540352242999", Waba, "+1 555-010-0099", "Emulated Business", "RED"));
        using HttpClient client = NewClient(emulator);
        string token = MessagingToken(emulator);

        using JsonDocument first = await GetJsonAsync(client, path + "&limit=1", token);
        string next = first.RootElement.GetProperty("paging").GetProperty("next").GetString()!;
        using JsonDocument second = JsonDocument.Parse(await client.GetStringAsync(next));
        JsonElement paging = second.RootElement.GetProperty("paging");
        string previous = paging.GetProperty("previous").GetString()!;
        using JsonDocument back = JsonDocument.Parse(await client.GetStringAsync(previous));
        using JsonDocument third = JsonDocument.Parse(await client.GetStringAsync(paging.GetProperty("next").GetString()!));
        string thirdBefore = third.RootElement.GetProperty("paging").GetProperty("cursors").GetProperty("before").GetString()!;
        using JsonDocument beforeThird = await GetJsonAsync(client, path + "&limit=2&before=" + Uri.EscapeDataString(thirdBefore), token);

        Assert.False(first.RootElement.GetProperty("paging").TryGetProperty("previous", out _));
        Assert.StartsWith(emulator.BaseUri + Version + "/" + path.Split('?')[0] + "?", previous);
        Assert.Contains("access_token=" + Uri.EscapeDataString(token), previous);
        Assert.Contains("access_token=" + Uri.EscapeDataString(token), next);
        Assert.Contains("before=", previous);
        Assert.Equal(first.RootElement.GetProperty("data").GetRawText(), back.RootElement.GetProperty("data").GetRawText());
        Assert.False(back.RootElement.GetProperty("paging").TryGetProperty("previous", out _));
        Assert.True(third.RootElement.GetProperty("paging").TryGetProperty("previous", out _));
        Assert.Equal(
            first.RootElement.GetProperty("data")[0].GetRawText() + second.RootElement.GetProperty("data")[0].GetRawText(),
            string.Concat(beforeThird.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetRawText())));
        Assert.False(beforeThird.RootElement.GetProperty("paging").TryGetProperty("previous", out _));
        Assert.True(beforeThird.RootElement.GetProperty("paging").TryGetProperty("next", out _));
    }

    [Theory]
    [InlineData("me?fields=id,no_such_field", "User", "no_such_field")]
    [InlineData("me/accounts?fields=name,bogus", "Page", "bogus")]
    [InlineData(Waba + "/subscribed_apps?fields=bogus", "Application", "bogus")]
    [InlineData(Waba + "/message_templates?fields=name,bogus", "WhatsAppBusinessHSM", "bogus")]
    [InlineData(Phone + "?fields=bogus", "WhatsAppBusinessPhoneNumber", "bogus")]
    public async Task AnUnknownField_IsNonexistingField_OnTheNodesType(string path, string nodeType, string field)
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string token = MessagingToken(emulator);

        using HttpResponseMessage response = await SendAsync(client, HttpMethod.Get, path, token, null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("(#100) Tried accessing nonexisting field (" + field + ") on node type (" + nodeType + ")", error.GetProperty("message").GetString());
        Assert.Equal(100, error.GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task AnUnknownField_IsRefused_OnAnEmptyListToo()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        using HttpResponseMessage added = await client.PostAsync(
            "_emulator/whatsapp/accounts",
            new StringContent("{\"id\":\"102290129340400\",\"name\":\"No numbers yet\"}", Encoding.UTF8, "application/json"));
        using HttpResponseMessage minted = await client.PostAsync(
            "_emulator/tokens",
            new StringContent("{\"kind\":\"long\",\"scopes\":[\"whatsapp_business_management\"],\"targetIds\":[\"102290129340400\"]}", Encoding.UTF8, "application/json"));
        string token = JsonDocument.Parse(await minted.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;

        using JsonDocument empty = await GetJsonAsync(client, "102290129340400/phone_numbers?fields=id,display_phone_number", token);
        using HttpResponseMessage bogus = await SendAsync(client, HttpMethod.Get, "102290129340400/phone_numbers?fields=id,bogus", token, null);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Empty(empty.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, bogus.StatusCode);
        Assert.Contains("(#100) Tried accessing nonexisting field (bogus) on node type (WhatsAppBusinessPhoneNumber)", await bogus.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KnownFields_AreServed_OnMeForAUserAndAPage_AndOnAccounts()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string token = MessagingToken(emulator);
        string page = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.Page);

        using JsonDocument me = await GetJsonAsync(client, "me?fields=id,name,first_name,last_name", token);
        using JsonDocument meDefault = await GetJsonAsync(client, "me", token);
        using JsonDocument pageMe = await GetJsonAsync(client, "me?fields=name,category", page);
        using HttpResponseMessage pageFirstName = await SendAsync(client, HttpMethod.Get, "me?fields=first_name", page, null);
        using JsonDocument accounts = await GetJsonAsync(client, "me/accounts?fields=name", token);

        Assert.Equal("Emulated", me.RootElement.GetProperty("first_name").GetString());
        Assert.Equal("User", me.RootElement.GetProperty("last_name").GetString());
        Assert.Equal(new[] { "id", "name" }, meDefault.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("Business", pageMe.RootElement.GetProperty("category").GetString());
        Assert.Contains("on node type (Page)", await pageFirstName.Content.ReadAsStringAsync());
        JsonElement account = Assert.Single(accounts.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(new[] { "name", "id" }, account.EnumerateObject().Select(p => p.Name).ToArray());
    }

    private static string MessagingToken(FacebookEmulatorHost emulator) =>
        emulator.State.MintToken(
            EmulatorOptions.DefaultAppId,
            TokenKind.LongLivedUser,
            scopes: new[] { "whatsapp_business_management", "whatsapp_business_messaging" });

    private static HttpClient NewClient(FacebookEmulatorHost emulator) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = emulator.BaseUri };

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string token, string? json)
    {
        var request = new HttpRequestMessage(method, Version + "/" + path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }

    private static async Task<JsonDocument> SendJsonAsync(HttpClient client, HttpMethod method, string path, string token, string json)
    {
        using HttpResponseMessage response = await SendAsync(client, method, path, token, json);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, path + ": " + text);
        return JsonDocument.Parse(text);
    }

    private static async Task<JsonDocument> GetJsonAsync(HttpClient client, string path, string token)
    {
        using HttpResponseMessage response = await SendAsync(client, HttpMethod.Get, path, token, null);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, path + ": " + text);
        return JsonDocument.Parse(text);
    }
}
