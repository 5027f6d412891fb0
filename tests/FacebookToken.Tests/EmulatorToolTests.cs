using System.Net;
using System.Text.Json;
using FacebookEmulator;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>The facebook-emulator tool's start-up options (issue 16): command line, --apps file, and what reset keeps.</summary>
public sealed class EmulatorToolTests
{
    [Theory]
    [InlineData("30", 30 * 86_400)]
    [InlineData("30d", 30 * 86_400)]
    [InlineData("-1.5", -129_600)]
    [InlineData("02:00:00", 7_200)]
    [InlineData("-00:05:00", -300)]
    [InlineData("3.00:00:00", 3 * 86_400)]
    public void ClockOffset_TakesDaysOrATimeSpan(string text, long seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), EmulatorCommandLine.ClockOffset(text));

    [Theory]
    [InlineData("soon")]
    [InlineData("1e9")]
    [InlineData("")]
    public void ClockOffset_RefusesOtherText(string text)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => EmulatorCommandLine.ClockOffset(text));
        Assert.Contains("--clock-offset", error.Message);
    }

    [Fact]
    public void CommandLine_SetsEveryOption()
    {
        EmulatorCommandLine line = EmulatorCommandLine.Parse(new[]
        {
            "--port", "45678", "--require-appsecret-proof", "--clock-offset", "2", "--throttle", "3", "--throttle-code", "613",
            "--retry-after", "7", "--latency", "15", "--fault-path", "oauth/access_token", "--auto-approve", "approve", "--ignore-stdin",
        });

        Assert.Equal(45678, line.Options.Port);
        Assert.True(line.Options.RequireAppSecretProof);
        Assert.Equal(TimeSpan.FromDays(2), line.Options.InitialClockOffset);
        Assert.Equal(AutoApproveMode.Approve, line.Options.AutoApprove);
        Assert.False(line.WatchStdin);
        EmulatorFaults faults = line.Options.InitialFaults;
        Assert.Equal(FaultMode.Throttle, faults.Mode);
        Assert.Equal(3, faults.Count);
        Assert.Equal(613, faults.ThrottleCode);
        Assert.Equal(7, faults.RetryAfterSeconds);
        Assert.Equal(15, faults.LatencyMs);
        Assert.Equal("oauth/access_token", faults.PathContains);
    }

    [Fact]
    public void CommandLine_FailAfterSendRecordsTheMessagesThenAnswers500()
    {
        EmulatorFaults faults = EmulatorCommandLine.Parse(new[] { "--fail-after-send", "2" }).Options.InitialFaults;
        Assert.Equal(FaultMode.Error500AfterProcessing, faults.Mode);
        Assert.Equal(2, faults.Count);
        Assert.Equal("/messages", faults.PathContains);
    }

    [Theory]
    [InlineData("unknown argument '--bogus'", "--bogus")]
    [InlineData("--port takes a whole number from 0 to 65535, not '70000'", "--port", "70000")]
    [InlineData("--port needs a value", "--port")]
    [InlineData("one fault switch", "--throttle", "1", "--transient-errors", "1")]
    [InlineData("one fault switch", "--throttle", "1", "--fail-after-send", "1")]
    [InlineData("--apps names the apps", "--apps", "x.json", "--app-id", "1")]
    public void CommandLine_RefusesWithAMessageNamingTheArgument(string expected, params string[] args)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse(args));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void AppsFile_TheDefaultAppReplacesTheBuiltInOne_AndTheOthersAreRegisteredBesideIt()
    {
        var options = new EmulatorOptions();
        EmulatorAppsFile.Apply(
            """
            {
              "$schema": "ignored",
              "apps": [
                { "appId": "111", "appSecret": "first-secret", "redirectUris": ["http://localhost:9000/cb"] },
                { "appId": "222", "appSecret": "second-secret", "name": "Runbook App", "redirectUris": ["http://localhost:9001/cb"], "default": true }
              ],
              "businesses": [], "systemUsers": [], "whatsAppAccounts": [], "phoneNumbers": [], "templates": []
            }
            """,
            "apps.json",
            options);

        Assert.Equal("222", options.AppId);
        Assert.Equal("second-secret", options.AppSecret);
        Assert.Equal("Runbook App", options.AppName);
        Assert.Equal(new[] { "http://localhost:9001/cb" }, options.RedirectUris);
        Assert.Equal(new[] { "111" }, options.AdditionalApps.Select(a => a.AppId));
    }

    [Theory]
    [InlineData("""{"apps": [{"appId": "1", "appSecret": "s"}], "pages": []}""", "$.pages is not a section the emulator knows")]
    [InlineData("""{"apps": [{"appId": "1", "appSecret": "s"}], "templates": {"name": "hello_world"}}""", "$.templates must be an array")]
    [InlineData("""{"apps": []}""", "$.apps must be an array of at least one app")]
    [InlineData("""{"apps": [{"appId": "1"}]}""", "$.apps[0] has no \"appSecret\"")]
    [InlineData("""{"apps": [{"appId": "x1", "appSecret": "s"}]}""", "$.apps[0].appId must be digits")]
    [InlineData("""{"apps": [{"appId": "1", "appSecret": "s", "secret": "t"}]}""", "$.apps[0].secret is not an app property")]
    [InlineData("""{"apps": [{"appId": "1", "appSecret": "s"}, {"appId": "1", "appSecret": "t"}]}""", "$.apps[1].appId repeats app 1")]
    [InlineData("""{"apps": [{"appId": "1", "appSecret": "s", "redirectUris": ["not a uri"]}]}""", "$.apps[0].redirectUris[0] is not an absolute URI")]
    [InlineData("""{"apps": [{"appId": "1", "appSecret": "s", "default": true}, {"appId": "2", "appSecret": "t", "default": true}]}""", "marks 2 apps")]
    [InlineData("[1]", "$ must be a JSON object")]
    [InlineData("{", "$ is not valid JSON")]
    public void AppsFile_RefusesWhatItCannotApply_NamingTheFileAndThePlace(string json, string expected)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => EmulatorAppsFile.Apply(json, "apps.json", new EmulatorOptions()));
        Assert.StartsWith("--apps apps.json: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task StartOptions_SurviveReset()
    {
        var options = new EmulatorOptions
        {
            InitialClockOffset = TimeSpan.FromDays(3),
            RequireAppSecretProof = true,
            InitialFaults = new EmulatorFaults { Mode = FaultMode.Transient500, Count = 1 },
        };
        EmulatorAppsFile.Apply("""{"apps": [{"appId": "1", "appSecret": "one-secret"}, {"appId": "2", "appSecret": "two-secret"}]}""", "apps.json", options);
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync(options);
        emulator.State.AdvanceClock(TimeSpan.FromDays(1));
        emulator.State.ClearFaults();
        emulator.State.Settings.RequireAppSecretProof = false;

        emulator.State.Reset();

        Assert.Equal(TimeSpan.FromDays(3), emulator.State.ClockOffset);
        Assert.True(emulator.State.Settings.RequireAppSecretProof);
        Assert.Equal(FaultMode.Transient500, emulator.State.Faults.Mode);
        Assert.Equal(1, emulator.State.FaultsRemaining);
        Assert.Equal(new[] { "1", "2" }, emulator.State.Apps.Select(a => a.AppId).Order());
    }

    [Fact]
    public async Task Log_MasksTokensAndSecrets_AndListsTokensWithTheirKindAndRevocation()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using var client = new HttpClient { BaseAddress = emulator.BaseUri };
        string secret = EmulatorOptions.DefaultAppSecret;
        string token = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.ShortLivedUser);
        using HttpResponseMessage exchange = await client.GetAsync(
            $"v25.0/oauth/access_token?grant_type=fb_exchange_token&client_id={EmulatorOptions.DefaultAppId}&client_secret={secret}&fb_exchange_token={token}");
        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        emulator.State.RevokeToken(token);

        string text = await client.GetStringAsync("_emulator/log");

        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain(token, text);
        using JsonDocument log = JsonDocument.Parse(text);
        JsonElement request = log.RootElement.GetProperty("requests").EnumerateArray().Single();
        Assert.Equal("/oauth/access_token", request.GetProperty("endpoint").GetString());
        Assert.Equal(200, request.GetProperty("status").GetInt32());
        Assert.Equal("***(" + secret.Length + " chars)", request.GetProperty("query").GetProperty("client_secret").GetString());
        Assert.Equal(token[..4] + "\u2026" + token[^3..], request.GetProperty("query").GetProperty("fb_exchange_token").GetString());
        JsonElement[] tokens = log.RootElement.GetProperty("tokens").EnumerateArray().ToArray();
        Assert.Equal(new[] { "ShortLivedUser", "LongLivedUser" }, tokens.Select(t => t.GetProperty("kind").GetString()));
        Assert.Equal(new[] { true, false }, tokens.Select(t => t.GetProperty("revoked").GetBoolean()));
        Assert.Equal(0, log.RootElement.GetProperty("messages").GetArrayLength());
    }

    [Fact]
    public async Task Info_NamesTheDefaultAppAndTheBaseUris()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync(new EmulatorOptions { AppId = "777", AppSecret = "seven-secret" });
        using var client = new HttpClient { BaseAddress = emulator.BaseUri };

        using JsonDocument info = JsonDocument.Parse(await client.GetStringAsync("_emulator/info"));

        Assert.Equal("777", info.RootElement.GetProperty("appId").GetString());
        Assert.Equal("seven-secret", info.RootElement.GetProperty("appSecret").GetString());
        Assert.Equal(emulator.BaseUri.ToString(), info.RootElement.GetProperty("graphBaseUri").GetString());
        Assert.Equal(emulator.BaseUri.ToString(), info.RootElement.GetProperty("loginBaseUri").GetString());
    }

    // The --apps file's business sections (tests/assets/emulator-apps.json, the documented example).
    private static string ExampleAppsFile => Path.Combine(AppContext.BaseDirectory, "Fixtures", "emulator-apps.json");

    private static async Task<FacebookEmulatorHost> StartWithExampleAsync()
    {
        var options = new EmulatorOptions();
        EmulatorAppsFile.Load(ExampleAppsFile, options);
        return await FacebookEmulatorHost.StartAsync(options);
    }

    [Fact]
    public async Task AppsFile_Businesses_FeedTheWhatsAppWorldAndTheBusinessDirectory_AndOwnTheirApps()
    {
        await using FacebookEmulatorHost emulator = await StartWithExampleAsync();

        Assert.True(emulator.State.WhatsApp.TryGetBusiness("1980000000000003", out EmulatorBusiness business));
        Assert.Equal("Acme Retail", business.Name);
        Assert.Contains(emulator.State.Business.Businesses, b => b.Id == "1980000000000003" && b.Name == "Acme Retail");
        Assert.Equal("1980000000000003", emulator.State.Business.OwnerOfApp("5550001113"));
        Assert.Equal(BusinessDirectory.DefaultBusinessId, emulator.State.Business.OwnerOfApp("5550001112"));
        Assert.True(emulator.State.WhatsApp.TryGetBusiness(WhatsAppWorld.ClientBusinessId, out _), "the built-in businesses stay");
    }

    [Fact]
    public async Task AppsFile_WhatsAppAccountsAndPhoneNumbers_AreServedByGraph_ToATokenThatReachesThem()
    {
        await using FacebookEmulatorHost emulator = await StartWithExampleAsync();
        using var client = new HttpClient { BaseAddress = emulator.BaseUri };

        Assert.True(emulator.State.WhatsApp.TryGetAccount("102290129340400", out WhatsAppAccount account));
        Assert.Equal(("Acme WhatsApp", "1980000000000003", "EUR", "47"), (account.Name, account.OwnerBusinessId, account.Currency, account.TimezoneId));
        Assert.Contains(emulator.State.WhatsApp.ClientOf(BusinessDirectory.DefaultBusinessId), a => a.Id == "102290129340400");
        Assert.True(emulator.State.WhatsApp.TryGetPhoneNumber("106540352242931", out WhatsAppPhoneNumber number, out _));
        Assert.Equal(("+1 555-010-0031", "RED"), (number.DisplayPhoneNumber, number.QualityRating));
        Assert.False(emulator.State.WhatsAppMessaging.IsRegistered("106540352242931"));
        Assert.True(emulator.State.WhatsAppMessaging.IsRegistered("106540352242930"));

        string token = emulator.State.MintSystemUserToken("61550000000000010").Value;
        using JsonDocument page = JsonDocument.Parse(await client.GetStringAsync("v25.0/102290129340400/phone_numbers?access_token=" + token));
        Assert.Equal(
            new[] { "106540352242930", "106540352242931" },
            page.RootElement.GetProperty("data").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task AppsFile_SystemUsers_BelongToTheirBusiness_WithTheirWabasAndInstalledApps()
    {
        await using FacebookEmulatorHost emulator = await StartWithExampleAsync();

        EmulatorSystemUser? user = emulator.State.Business.FindSystemUser("61550000000000010");
        Assert.NotNull(user);
        Assert.Equal(("Acme Sender", "EMPLOYEE", "1980000000000003"), (user.Name, user.Role, user.BusinessId));
        Assert.Equal(new[] { "102290129340400" }, user.AssignedWabaIds);
        Assert.True(emulator.State.Business.IsInstalled("61550000000000010", "5550001113"));
        Assert.False(emulator.State.Business.IsInstalled("61550000000000010", "5550001112"));
        Assert.NotNull(emulator.State.Business.FindSystemUser(BusinessDirectory.DefaultSystemUserId));
    }

    [Fact]
    public async Task AppsFile_Templates_AreAdded_AndABuiltInOneTakesTheFilesStatus_KeepingItsId()
    {
        var plain = await FacebookEmulatorHost.StartAsync();
        string builtInId;
        await using (plain)
        {
            builtInId = plain.State.WhatsAppMessaging.FindTemplate("102290129340398", "spring_sale", "en_US")!.Id;
        }

        await using FacebookEmulatorHost emulator = await StartWithExampleAsync();
        WhatsAppMessaging messaging = emulator.State.WhatsAppMessaging;

        Assert.Equal(("APPROVED", "UTILITY"), (messaging.FindTemplate("102290129340400", "appointment_reminder", "en_US")!.Status, messaging.FindTemplate("102290129340400", "appointment_reminder", "en_US")!.Category));
        Assert.Equal("PENDING", messaging.FindTemplate("102290129340400", "appointment_reminder", "de")!.Status);
        WhatsAppTemplate springSale = messaging.FindTemplate("102290129340398", "spring_sale", "en_US")!;
        Assert.Equal(("APPROVED", builtInId), (springSale.Status, springSale.Id));
        Assert.Single(messaging.TemplatesOf("102290129340398"), t => t.Name == "spring_sale");
    }

    [Fact]
    public async Task AppsFile_Sections_AreAppliedAgainAfterReset()
    {
        await using FacebookEmulatorHost emulator = await StartWithExampleAsync();
        using var client = new HttpClient { BaseAddress = emulator.BaseUri };
        emulator.State.WhatsAppMessaging.SetRegistered("106540352242931", true);

        using HttpResponseMessage reset = await client.PostAsync("_emulator/reset", null);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.False(emulator.State.WhatsAppMessaging.IsRegistered("106540352242931"));
        Assert.True(emulator.State.WhatsApp.TryGetAccount("102290129340400", out _));
        Assert.NotNull(emulator.State.Business.FindSystemUser("61550000000000010"));
        Assert.Equal(2, emulator.State.WhatsAppMessaging.TemplatesOf("102290129340400").Count);
        Assert.Equal("1980000000000003", emulator.State.Business.OwnerOfApp("5550001113"));
    }

    [Theory]
    [InlineData("""{"businesses": [{"id": "1980000000000003"}]}""", "$.businesses[0] has no \"name\"")]
    [InlineData("""{"businesses": [{"id": "acme", "name": "Acme"}]}""", "$.businesses[0].id must be digits")]
    [InlineData("""{"businesses": [{"id": "3", "name": "A"}, {"id": "3", "name": "B"}]}""", "$.businesses[1].id repeats business 3")]
    [InlineData("""{"businesses": [{"id": "3", "name": "A", "appIds": ["999"]}]}""", "$.businesses[0].appIds[0] names 999, which is not an app")]
    [InlineData("""{"whatsAppAccounts": [{"id": "5", "name": "W", "businessId": "77"}]}""", "$.whatsAppAccounts[0].businessId names 77, which is not a business")]
    [InlineData("""{"whatsAppAccounts": [{"id": "5", "name": "W", "businessId": "1980000000000001", "owner": "x"}]}""", "$.whatsAppAccounts[0].owner is not a property here")]
    [InlineData("""{"phoneNumbers": [{"id": "6", "whatsAppAccountId": "5", "displayPhoneNumber": "+1", "verifiedName": "V"}]}""", "$.phoneNumbers[0].whatsAppAccountId names 5, which is not a WhatsApp Business Account")]
    [InlineData("""{"phoneNumbers": [{"id": "6", "whatsAppAccountId": "102290129340398", "displayPhoneNumber": "+1", "verifiedName": "V", "qualityRating": "BLUE"}]}""", "$.phoneNumbers[0].qualityRating must be one of GREEN, YELLOW, RED, UNKNOWN, not 'BLUE'")]
    [InlineData("""{"systemUsers": [{"id": "8", "name": "S", "businessId": "1980000000000001", "role": "OWNER"}]}""", "$.systemUsers[0].role must be one of EMPLOYEE, ADMIN")]
    [InlineData("""{"systemUsers": [{"id": "8", "name": "S", "businessId": "1980000000000001", "whatsAppAccountIds": ["5"]}]}""", "$.systemUsers[0].whatsAppAccountIds[0] names 5")]
    [InlineData("""{"templates": [{"whatsAppAccountId": "102290129340398", "name": "Hello World"}]}""", "$.templates[0].name must be lowercase letters, digits and underscores")]
    [InlineData("""{"templates": [{"whatsAppAccountId": "102290129340398", "name": "a", "status": "LIVE"}]}""", "$.templates[0].status must be one of APPROVED")]
    [InlineData("""{"templates": [{"whatsAppAccountId": "102290129340398", "name": "a"}, {"whatsAppAccountId": "102290129340398", "name": "a", "language": "en_US"}]}""", "$.templates[1] repeats template a (en_US)")]
    [InlineData("""{"templates": ["hello_world"]}""", "$.templates[0] must be an object")]
    public void AppsFile_RefusesABadBusinessEntry_NamingTheFileAndTheJsonPath(string json, string expected)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => EmulatorAppsFile.Apply(json, "apps.json", new EmulatorOptions()));
        Assert.StartsWith("--apps apps.json: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void AppsFile_EntriesMayNameIdsOfSectionsListedLater_AndTheFilesApps()
    {
        var options = new EmulatorOptions();
        EmulatorAppsFile.Apply(
            """
            {
              "templates": [{"whatsAppAccountId": "5", "name": "t"}],
              "whatsAppAccounts": [{"id": "5", "name": "W", "businessId": "3"}],
              "businesses": [{"id": "3", "name": "B", "appIds": ["42"]}],
              "apps": [{"appId": "42", "appSecret": "s"}]
            }
            """,
            "apps.json",
            options);

        Assert.NotNull(options.Seed);
        Assert.Equal("5", Assert.Single(options.Seed.Templates).AccountId);
    }
}
