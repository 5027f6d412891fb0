using System.Net;
using System.Text;
using System.Text.Json;
using FacebookEmulator;
using Json.Schema;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>
/// Meta's contract as the oracle: every WhatsApp call the emulator serves, success and error, and every webhook it sends,
/// validated against the schemas of Meta's OpenAPI file (tests/assets/meta-openapi). Where a real answer on record
/// contradicts the file, the real answer wins: <see cref="MetaContract.Overrides"/> lists each case with its source.
/// </summary>
public sealed class WhatsAppContractTests
{
    private const string Waba = "102290129340398";
    private const string Phone = "106540352242922";
    private const string Business = "1980000000000001";
    private const string Customer = "15550100002";

    public static TheoryData<string> Calls => new()
    {
        "send a template",
        "send a text outside the 24-hour window (accepted, fails by webhook)",
        "send a text to an undeliverable number (accepted, fails by webhook)",
        "send a text inside the window",
        "send with a template that does not exist (404, 132001)",
        "send from a number that is not registered (133010)",
        "send to a phone number the token does not reach (100/33)",
        "mark a customer's message read",
        "mark a message read that the number does not know (100)",
        "list templates",
        "list templates with components",
        "list templates by name",
        "list templates, a middle page (previous and next)",
        "list subscribed apps",
        "subscribe the app",
        "unsubscribe the app",
        "subscribed apps of a WABA the token does not reach (100/33)",
        "register a number",
        "register with a bad PIN",
        "set the two-step PIN",
        "list phone numbers",
        "list phone numbers of a WABA the token does not reach (100/33)",
        "read a WABA",
        "read a phone number",
        "list a business's owned WABAs",
        "list a business's client WABAs",
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task EveryWhatsAppCall_AnswersAsMetasFileDescribes(string call)
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = emulator.BaseUri };
        string token = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        string other = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.App);

        (string path, string method, HttpResponseMessage answer) = call switch
        {
            "send a template" => await Send(Phone, Template("hello_world")),
            "send a text outside the 24-hour window (accepted, fails by webhook)" => await Send(Phone, Text(Customer)),
            "send a text to an undeliverable number (accepted, fails by webhook)" => await Send(Phone, Text(WhatsAppMessaging.UndeliverableRecipient)),
            "send a text inside the window" => await SendInWindow(),
            "send with a template that does not exist (404, 132001)" => await Send(Phone, Template("no_such_template")),
            "send from a number that is not registered (133010)" => await SendUnregistered(),
            "send to a phone number the token does not reach (100/33)" => await Send("106540352242923", Template("hello_world"), other),
            "mark a customer's message read" => await Send(Phone, Read(emulator.State.WhatsAppMessaging.ReceiveMessage(Phone, Customer, DateTimeOffset.UtcNow))),
            "mark a message read that the number does not know (100)" => await Send(Phone, Read("wamid.HBgLbm90LWEtbWVzc2FnZQ")),
            "list templates" => await Get("/{WABA-ID}/message_templates", Waba + "/message_templates"),
            "list templates by name" => await Get("/{WABA-ID}/message_templates", Waba + "/message_templates?name=order_update"),
            "list templates, a middle page (previous and next)" => await Get("/{WABA-ID}/message_templates", Waba + "/message_templates?limit=1&after=ZW11bGF0b3I6MA"),
            "list templates with components" => await Get("/{WABA-ID}/message_templates", Waba + "/message_templates?fields=name,language,status,category,components"),
            "list subscribed apps" => await Get("/{WABA-ID}/subscribed_apps", Waba + "/subscribed_apps"),
            "subscribe the app" => await Post("/{WABA-ID}/subscribed_apps", Waba + "/subscribed_apps", "{}"),
            "unsubscribe the app" => ("/{WABA-ID}/subscribed_apps", "delete", await Call(HttpMethod.Delete, Waba + "/subscribed_apps", null, token)),
            "subscribed apps of a WABA the token does not reach (100/33)" => await Get("/{WABA-ID}/subscribed_apps", "102290129340399/subscribed_apps", other),
            "register a number" => await Post("/{Phone-Number-ID}/register", Phone + "/register", "{\"messaging_product\":\"whatsapp\",\"pin\":\"123456\"}"),
            "register with a bad PIN" => await Post("/{Phone-Number-ID}/register", Phone + "/register", "{\"messaging_product\":\"whatsapp\",\"pin\":\"12\"}"),
            "set the two-step PIN" => await Post("/{Phone-Number-ID}", Phone, "{\"pin\":\"654321\"}"),
            "list phone numbers" => await Get("/{WABA-ID}/phone_numbers", Waba + "/phone_numbers"),
            "list phone numbers of a WABA the token does not reach (100/33)" => await Get("/{WABA-ID}/phone_numbers", "102290129340399/phone_numbers", other),
            "read a WABA" => await Get("/{WABA-ID}", Waba),
            "read a phone number" => await Get("/{Phone-Number-ID}", Phone),
            "list a business's owned WABAs" => await Get("/{Business-ID}/owned_whatsapp_business_accounts", Business + "/owned_whatsapp_business_accounts", BusinessAdmin()),
            "list a business's client WABAs" => await Get("/{Business-ID}/client_whatsapp_business_accounts", Business + "/client_whatsapp_business_accounts", BusinessAdmin()),
            _ => throw new ArgumentOutOfRangeException(nameof(call)),
        };

        using (answer)
        {
            string body = await answer.Content.ReadAsStringAsync();
            string fullPath = "/{Version}" + path;
            Assert.True(MetaContract.HasOperation(fullPath, method), $"Meta's file has no {method} {fullPath}");
            int status = (int)answer.StatusCode;
            JsonSchema schema = MetaContract.Response(fullPath, method, status.ToString(System.Globalization.CultureInfo.InvariantCulture))
                ?? (status >= 400
                    // Meta's file gives the messages edge no error schema; every other edge answers errors as GraphAPIError.
                    ? MetaContract.Component("GraphAPIError")
                    : throw new Xunit.Sdk.XunitException($"Meta's file has no schema for {method} {fullPath} {status}: {body}"));
            IReadOnlyList<string> errors = MetaContract.Errors(schema, body);
            Assert.True(errors.Count == 0, $"{method.ToUpperInvariant()} {path} answered {status} {body}\nwhich Meta's schema refuses:\n" + string.Join("\n", errors));
        }

        async Task<(string, string, HttpResponseMessage)> Send(string phone, string json, string? bearer = null) =>
            ("/{Phone-Number-ID}/messages", "post", await Call(HttpMethod.Post, phone + "/messages", json, bearer ?? token));

        async Task<(string, string, HttpResponseMessage)> SendInWindow()
        {
            emulator.State.WhatsAppMessaging.ReceiveMessage(Phone, Customer, DateTimeOffset.UtcNow);
            return await Send(Phone, Text(Customer));
        }

        async Task<(string, string, HttpResponseMessage)> SendUnregistered()
        {
            emulator.State.WhatsAppMessaging.SetRegistered(Phone, registered: false);
            return await Send(Phone, Template("hello_world"));
        }

        async Task<(string, string, HttpResponseMessage)> Get(string path, string relative, string? bearer = null) =>
            (path, "get", await Call(HttpMethod.Get, relative, null, bearer ?? token));

        async Task<(string, string, HttpResponseMessage)> Post(string path, string relative, string json) =>
            (path, "post", await Call(HttpMethod.Post, relative, json, token));

        string BusinessAdmin() => emulator.State.MintSystemUserToken("61550000000000001").Value;

        async Task<HttpResponseMessage> Call(HttpMethod verb, string relative, string? json, string bearer)
        {
            using var request = new HttpRequestMessage(verb, "v23.0/" + relative);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            return await client.SendAsync(request);
        }
    }

    [Fact]
    public async Task Templates_ListTheirComponents_WithoutBeingAsked_AsTheFilesExampleShows()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = new() { BaseAddress = emulator.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "v23.0/" + Waba + "/message_templates");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser));

        using HttpResponseMessage answer = await client.SendAsync(request);
        using JsonDocument list = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());

        foreach (JsonElement template in list.RootElement.GetProperty("data").EnumerateArray())
        {
            Assert.Equal(JsonValueKind.Array, template.GetProperty("components").ValueKind);
        }
    }

    [Fact]
    public void EachOverride_IsNeeded_AndTakesTheRealAnswer()
    {
        Assert.Equal(2, MetaContract.Overrides.Count);
        foreach (MetaContract.Override change in MetaContract.Overrides)
        {
            string real = change.RealAnswer();
            Assert.False(string.IsNullOrWhiteSpace(change.Source));
            Assert.True(MetaContract.Errors(MetaContract.UnpatchedComponent(change.Component), real).Count > 0, "the file as published already takes " + real);
            IReadOnlyList<string> errors = MetaContract.Errors(MetaContract.Component(change.Component), real);
            Assert.True(errors.Count == 0, "the override does not take " + real + "\n" + string.Join("\n", errors));
        }
    }

    [Fact]
    public async Task EveryWebhook_IsAWebhookPayload_SignedWithTheAppSecret()
    {
        using var listener = new HttpListener();
        int port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/hook/");
        listener.Start();
        var options = new EmulatorOptions { WebhookUrl = new Uri($"http://127.0.0.1:{port}/hook/") };
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync(options);
        using HttpClient client = new() { BaseAddress = emulator.BaseUri };
        string token = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);

        string outside = await SendAsync(Text(Customer));                                   // failed 131047
        string undeliverable = await SendAsync(Template("hello_world", WhatsAppMessaging.UndeliverableRecipient)); // failed 131026
        string template = await SendAsync(Template("hello_world"));                        // sent, delivered
        using (HttpResponseMessage inbound = await client.PostAsync("_emulator/whatsapp/inbound", Json("{\"from\":\"" + Customer + "\",\"name\":\"Sheena Nelson\",\"text\":\"Hi\"}")))
        {
            inbound.EnsureSuccessStatusCode();
        }

        using (HttpResponseMessage read = await client.PostAsync("_emulator/whatsapp/read", Json("{\"messageId\":\"" + template + "\"}")))
        {
            read.EnsureSuccessStatusCode();
        }

        JsonSchema payload = MetaContract.Component("WebhookPayload");
        var seen = new List<string>();
        for (int i = 0; i < 6; i++)
        {
            Task<HttpListenerContext> next = listener.GetContextAsync();
            Assert.True(await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(10))) == next, "webhook " + (i + 1) + " of 6 did not arrive");
            HttpListenerContext context = await next;
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            string body = Encoding.UTF8.GetString(buffer.ToArray());
            string signature = context.Request.Headers["X-Hub-Signature-256"] ?? string.Empty;
            context.Response.StatusCode = 200;
            context.Response.Close();

            string expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(EmulatorOptions.DefaultAppSecret), buffer.ToArray()));
            Assert.Equal(expected, signature);
            IReadOnlyList<string> errors = MetaContract.Errors(payload, body);
            Assert.True(errors.Count == 0, "webhook " + body + "\nwhich Meta's WebhookPayload refuses:\n" + string.Join("\n", errors));
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement value = document.RootElement.GetProperty("entry")[0].GetProperty("changes")[0].GetProperty("value");
            seen.Add(value.TryGetProperty("statuses", out JsonElement statuses)
                ? statuses[0].GetProperty("status").GetString() + (statuses[0].TryGetProperty("errors", out JsonElement e) ? " " + e[0].GetProperty("code").GetInt32() : string.Empty)
                : "message " + value.GetProperty("messages")[0].GetProperty("type").GetString());
        }

        Assert.Equal(new[] { "failed 131047", "failed 131026", "sent", "delivered", "message text", "read" }, seen);
        Assert.NotEqual(outside, undeliverable);

        async Task<string> SendAsync(string json)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v23.0/" + Phone + "/messages") { Content = Json(json) };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using HttpResponseMessage answer = await client.SendAsync(request);
            string body = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.OK, body);
            using JsonDocument document = JsonDocument.Parse(body);
            return document.RootElement.GetProperty("messages")[0].GetProperty("id").GetString()!;
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Template(string name, string to = Customer) =>
        "{\"messaging_product\":\"whatsapp\",\"to\":\"" + to + "\",\"type\":\"template\",\"template\":{\"name\":\"" + name + "\",\"language\":{\"code\":\"en_US\"}}}";

    private static string Text(string to) =>
        "{\"messaging_product\":\"whatsapp\",\"to\":\"" + to + "\",\"type\":\"text\",\"text\":{\"body\":\"Your order shipped\"}}";

    /// <summary>Meta's file, example "Send typing indicator and read receipt" (business-messaging-api_v23.0.yaml 13556-13562).</summary>
    private static string Read(string messageId) =>
        "{\"messaging_product\":\"whatsapp\",\"status\":\"read\",\"message_id\":\"" + messageId + "\",\"typing_indicator\":{\"type\":\"text\"}}";

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
