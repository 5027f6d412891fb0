using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FacebookEmulator;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>Proves the Facebook emulator answers like Facebook (docs/shared facebook-oauth facts).</summary>
public sealed class EmulatorTests
{
    private const string Version = "v25.0";
    private const string RedirectUri = "http://localhost:8765/callback/";
    private const string Scopes = "whatsapp_business_management,whatsapp_business_messaging";

    [Fact]
    public async Task Dialog_ShowsConsentPageWithScopesAndButtons()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);

        using HttpResponseMessage response = await client.GetAsync(DialogUrl("s1<>"));
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Log in With Facebook</title>", html);
        Assert.Contains("<li>whatsapp_business_management</li>", html);
        Assert.Contains("<li>whatsapp_business_messaging</li>", html);
        Assert.Contains("<button id=\"continue\" name=\"decision\" value=\"continue\">Continue as Emulated User</button>", html);
        Assert.Contains("<button id=\"cancel\" name=\"decision\" value=\"cancel\">Cancel</button>", html);
        Assert.Contains("action=\"/v25.0/dialog/oauth/confirm\"", html);
        Assert.DoesNotContain(EmulatorOptions.DefaultAppSecret, html);
    }

    [Fact]
    public async Task Dialog_BadClientOrRedirect_AnswersHtmlErrorPageWithoutRedirect()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);

        using HttpResponseMessage unknownApp = await client.GetAsync(
            $"{Version}/dialog/oauth?client_id=999&redirect_uri={Uri.EscapeDataString(RedirectUri)}");
        using HttpResponseMessage badRedirect = await client.GetAsync(
            $"{Version}/dialog/oauth?client_id={EmulatorOptions.DefaultAppId}&redirect_uri={Uri.EscapeDataString("http://localhost:8765/callback")}");

        Assert.Equal(HttpStatusCode.OK, unknownApp.StatusCode);
        Assert.Contains("Invalid App ID", await unknownApp.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, badRedirect.StatusCode);
        Assert.Null(badRedirect.Headers.Location);
        string page = await badRedirect.Content.ReadAsStringAsync();
        Assert.Contains("Can't Load URL", page);
        Assert.Contains("191", page);
    }

    [Fact]
    public async Task Dialog_ContinueAndCancel_RedirectLikeFacebook()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);

        string approved = await AnswerDialogAsync(client, "st+1", "continue");
        string denied = await AnswerDialogAsync(client, "st+2", "cancel");

        Assert.Matches(@"^http://localhost:8765/callback/\?code=AQ[A-Za-z0-9_-]{200,}&state=st%2B1#_=_$", approved);
        Assert.Equal(
            "http://localhost:8765/callback/?error=access_denied&error_code=200&error_description=Permissions+error.&error_reason=user_denied&state=st%2B2#_=_",
            denied);
    }

    [Fact]
    public async Task AutoApprove_RedirectsAtOnceWithCodeStateAndFragment()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        emulator.State.Settings.AutoApprove = AutoApproveMode.Approve;
        using HttpClient client = NewClient(emulator);

        using HttpResponseMessage response = await client.GetAsync(DialogUrl("xyz"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        string location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(RedirectUri + "?code=", location);
        Assert.EndsWith("&state=xyz#_=_", location);
    }

    [Fact]
    public async Task CodeExchange_Succeeds_ThenReuseGives36009()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string code = emulator.State.MintCode(EmulatorOptions.DefaultAppId, RedirectUri, Scopes.Split(','));

        using HttpResponseMessage first = await ExchangeCodeAsync(client, code, RedirectUri);
        using JsonDocument body = await ReadJsonAsync(first);
        using HttpResponseMessage second = await ExchangeCodeAsync(client, code, RedirectUri);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/json", first.Content.Headers.ContentType?.MediaType);
        Assert.False(first.Headers.Contains("X-App-Usage"), "Facebook sends usage headers on some answers only; the token endpoint's carry none here.");
        Assert.Matches("^EAAG[A-Za-z0-9]{100,}$", body.RootElement.GetProperty("access_token").GetString());
        Assert.Equal("bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(7199, body.RootElement.GetProperty("expires_in").GetInt32());
        await AssertGraphErrorAsync(second, 100, 36009);
    }

    [Fact]
    public async Task CodeExchange_RedirectMismatch_GivesBare100AndStillSpendsTheCode()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string code = emulator.State.MintCode(EmulatorOptions.DefaultAppId, RedirectUri, Scopes.Split(','));

        // Registered, but not the dialog's: hoauth2#19 shows Facebook's bare 100 without a subcode.
        using HttpResponseMessage mismatch = await ExchangeCodeAsync(client, code, "http://127.0.0.1:8765/callback");
        using HttpResponseMessage retry = await ExchangeCodeAsync(client, code, RedirectUri);

        await AssertGraphErrorAsync(mismatch, 100, null);
        Assert.Contains("invalid_code", mismatch.Headers.WwwAuthenticate.ToString());
        await AssertGraphErrorAsync(retry, 100, 36009);
    }

    [Fact]
    public async Task TokenEndpoint_BadSecretGivesCode1_UnknownAppGives101()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);

        using HttpResponseMessage badSecret = await client.GetAsync(
            $"{Version}/oauth/access_token?client_id={EmulatorOptions.DefaultAppId}&client_secret=wrong&grant_type=client_credentials");
        using HttpResponseMessage unknownApp = await client.GetAsync(
            $"{Version}/oauth/access_token?client_id=42&client_secret=x&grant_type=client_credentials");

        using JsonDocument secretError = await AssertGraphErrorAsync(badSecret, 1, null);
        Assert.Equal("Error validating client secret.", secretError.RootElement.GetProperty("error").GetProperty("message").GetString());
        using JsonDocument appError = await AssertGraphErrorAsync(unknownApp, 101, null);
        Assert.Equal("OAuthException", appError.RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task CodeExchange_WithPkce_ChecksTheVerifier()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string verifier = new string('v', 43);
        string challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string good = emulator.State.MintCode(EmulatorOptions.DefaultAppId, RedirectUri, null, challenge);
        string bad = emulator.State.MintCode(EmulatorOptions.DefaultAppId, RedirectUri, null, challenge);

        using HttpResponseMessage ok = await ExchangeCodeAsync(client, good, RedirectUri, verifier);
        using HttpResponseMessage wrong = await ExchangeCodeAsync(client, bad, RedirectUri, new string('w', 43));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using JsonDocument error = await AssertGraphErrorAsync(wrong, 100, null);
        Assert.Equal("Invalid code verifier.", error.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task FbExchangeToken_GivesLongLivedToken_AndExpiredTokenGives463()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string shortLived = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.ShortLivedUser);
        string expired = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.ShortLivedUser);
        Assert.True(emulator.State.ExpireToken(expired));

        using HttpResponseMessage exchanged = await ExchangeTokenAsync(client, shortLived);
        using JsonDocument body = await ReadJsonAsync(exchanged);
        using HttpResponseMessage rejected = await ExchangeTokenAsync(client, expired);

        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        Assert.Equal(5183944, body.RootElement.GetProperty("expires_in").GetInt64());
        Assert.Equal("bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.NotEqual(shortLived, body.RootElement.GetProperty("access_token").GetString());
        using JsonDocument error = await AssertGraphErrorAsync(rejected, 190, 463);
        Assert.StartsWith(
            "Error validating access token: Session has expired on ",
            error.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task DebugToken_DescribesALongLivedUserToken()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        emulator.State.Settings.AppIdAsNumber = true;
        using HttpClient client = NewClient(emulator);
        string token = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser, scopes: Scopes.Split(','));
        string appToken = EmulatorOptions.DefaultAppId + "|" + EmulatorOptions.DefaultAppSecret;

        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Version}/debug_token?input_token={token}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", appToken);
        using HttpResponseMessage response = await client.SendAsync(request);
        using JsonDocument body = await ReadJsonAsync(response);
        using HttpResponseMessage garbage = await client.GetAsync(
            $"{Version}/debug_token?input_token=nonsense&access_token={Uri.EscapeDataString(appToken)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement data = body.RootElement.GetProperty("data");
        Assert.Equal(1234567890, data.GetProperty("app_id").GetInt64());
        Assert.Equal("USER", data.GetProperty("type").GetString());
        Assert.Equal("Emulated WhatsApp App", data.GetProperty("application").GetString());
        Assert.True(data.GetProperty("is_valid").GetBoolean());
        Assert.True(data.GetProperty("expires_at").GetInt64() > DateTimeOffset.UtcNow.AddDays(59).ToUnixTimeSeconds());
        Assert.True(data.GetProperty("data_access_expires_at").GetInt64() > 0);
        Assert.True(data.GetProperty("issued_at").GetInt64() > 0);
        Assert.Equal("10230000001", data.GetProperty("user_id").GetString());
        Assert.Equal(
            new[] { "whatsapp_business_management", "whatsapp_business_messaging" },
            data.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()).ToArray());
        JsonElement granular = data.GetProperty("granular_scopes")[0];
        Assert.Equal("whatsapp_business_management", granular.GetProperty("scope").GetString());
        Assert.Equal("102290129340398", granular.GetProperty("target_ids")[0].GetString());
        await AssertGraphErrorAsync(garbage, 190, null);
    }

    [Fact]
    public async Task Transient500Fault_HitsOnce_ThenAnswersNormally()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        emulator.State.Faults = new EmulatorFaults { Mode = FaultMode.Transient500, Count = 1, PathContains = "oauth/access_token" };
        using HttpClient client = NewClient(emulator);
        string url = $"{Version}/oauth/access_token?client_id={EmulatorOptions.DefaultAppId}"
            + $"&client_secret={EmulatorOptions.DefaultAppSecret}&grant_type=client_credentials";

        using HttpResponseMessage first = await client.GetAsync(url);
        using HttpResponseMessage second = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        using JsonDocument error = await ReadJsonAsync(first);
        Assert.Equal(2, error.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.True(error.RootElement.GetProperty("error").GetProperty("is_transient").GetBoolean());
        Assert.True(first.Headers.Contains("x-fb-trace-id"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using JsonDocument token = await ReadJsonAsync(second);
        Assert.StartsWith(EmulatorOptions.DefaultAppId + "|", token.RootElement.GetProperty("access_token").GetString());
        Assert.False(token.RootElement.TryGetProperty("expires_in", out _));
        Assert.Equal(new[] { "transient500", null }, emulator.State.Requests.Select(r => r.Fault).ToArray());
    }

    [Fact]
    public async Task ProcessMode_PrintsTheUrlLine_AndExitsWhenStdinCloses()
    {
        string dll = Path.Combine(Path.GetDirectoryName(typeof(FacebookEmulatorHost).Assembly.Location)!, "FacebookEmulator.dll");
        Assert.True(File.Exists(dll), "FacebookEmulator.dll not found at " + dll);
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        startInfo.ArgumentList.Add("--app-id");
        startInfo.ArgumentList.Add("555");
        startInfo.ArgumentList.Add("--app-secret");
        startInfo.ArgumentList.Add("s3cret");
        using Process process = Process.Start(startInfo)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            Task<string> stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            string? line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            Assert.NotNull(line);
            Match match = Regex.Match(line, @"^FACEBOOK_EMULATOR_URL=(http://127\.0\.0\.1:\d+)$");
            Assert.True(match.Success, "unexpected first line: " + line);

            using var client = new HttpClient { BaseAddress = new Uri(match.Groups[1].Value + "/") };
            using HttpResponseMessage token = await client.GetAsync(
                $"{Version}/oauth/access_token?client_id=555&client_secret=s3cret&grant_type=client_credentials", timeout.Token);
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);

            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.Equal(string.Empty, await process.StandardOutput.ReadToEndAsync(timeout.Token));
            Assert.Equal(string.Empty, await stderr);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task JsonContentType_IsTheContentTypeOfGraphAnswers()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string token = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);

        using HttpResponseMessage json = await client.GetAsync($"{Version}/me?access_token={Uri.EscapeDataString(token)}");
        emulator.State.Settings.JsonContentType = EmulatorSettings.JavaScriptContentType;
        using HttpResponseMessage javascript = await client.GetAsync($"{Version}/me?access_token={Uri.EscapeDataString(token)}");
        using JsonDocument body = await ReadJsonAsync(javascript);

        Assert.Equal("application/json; charset=UTF-8", json.Content.Headers.ContentType?.ToString());
        Assert.Equal(EmulatorSettings.JavaScriptContentType, javascript.Content.Headers.ContentType?.ToString());
        Assert.Equal(HttpStatusCode.OK, javascript.StatusCode);
        Assert.True(body.RootElement.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task RequireAppSecretProof_RefusesAMissingProofOnlyWhenOn_AndAWrongOneAlways()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string token = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        string me = $"{Version}/me?access_token={Uri.EscapeDataString(token)}";
        string proof = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(EmulatorOptions.DefaultAppSecret), Encoding.UTF8.GetBytes(token)));

        using HttpResponseMessage offWithout = await client.GetAsync(me);
        using HttpResponseMessage offWrong = await client.GetAsync(me + "&appsecret_proof=" + new string('0', 64));
        emulator.State.Settings.RequireAppSecretProof = true;
        using HttpResponseMessage onWithout = await client.GetAsync(me);
        using HttpResponseMessage onRight = await client.GetAsync(me + "&appsecret_proof=" + proof);

        Assert.Equal(HttpStatusCode.OK, offWithout.StatusCode);
        using JsonDocument wrong = await AssertGraphErrorAsync(offWrong, 100, null);
        Assert.Contains("Invalid appsecret_proof", wrong.RootElement.GetProperty("error").GetProperty("message").GetString());
        using JsonDocument missing = await AssertGraphErrorAsync(onWithout, 100, null);
        Assert.Contains("require an appsecret_proof", missing.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, onRight.StatusCode);
    }

    [Fact]
    public async Task Dialog_PartialConsent_GrantsOnlyWhatWasNotDeclined()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);

        // On the page: the user unticks one permission.
        string onPage = await AnswerDialogAsync(client, "p1", "continue", "code granted_scopes", "whatsapp_business_messaging");

        // By the switch, with auto-approve (what Pester uses).
        emulator.State.Settings.DeclinedScopes = new[] { "whatsapp_business_management" };
        emulator.State.Settings.AutoApprove = AutoApproveMode.Approve;
        using HttpResponseMessage auto = await client.GetAsync(DialogUrl("p2", "code granted_scopes"));
        string bySwitch = auto.Headers.Location!.OriginalString;

        Assert.Contains("&granted_scopes=whatsapp_business_management&denied_scopes=whatsapp_business_messaging&state=p1#_=_", onPage);
        Assert.Contains("&granted_scopes=whatsapp_business_messaging&denied_scopes=whatsapp_business_management&state=p2#_=_", bySwitch);

        // The code carries only what was granted: debug_token of its token says so.
        string code = Regex.Match(onPage, "[?&]code=([^&#]+)").Groups[1].Value;
        using HttpResponseMessage exchanged = await ExchangeCodeAsync(client, code, RedirectUri);
        using JsonDocument token = await ReadJsonAsync(exchanged);
        string appToken = EmulatorOptions.DefaultAppId + "|" + EmulatorOptions.DefaultAppSecret;
        using HttpResponseMessage debug = await client.GetAsync(
            $"{Version}/debug_token?input_token={token.RootElement.GetProperty("access_token").GetString()}&access_token={Uri.EscapeDataString(appToken)}");
        using JsonDocument info = await ReadJsonAsync(debug);
        Assert.Equal(
            new[] { "whatsapp_business_management" },
            info.RootElement.GetProperty("data").GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()).ToArray());
    }

    [Fact]
    public async Task GraphRead_InvalidTokenIs401_AndCarriesAppUsageThatGrows()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string good = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        string expired = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.ShortLivedUser);
        emulator.State.ExpireToken(expired);

        using HttpResponseMessage first = await client.GetAsync($"{Version}/me?access_token={good}");
        using HttpResponseMessage second = await client.GetAsync($"{Version}/me?access_token={good}");
        using HttpResponseMessage refused = await client.GetAsync($"{Version}/me?access_token={expired}&locale=nl_NL");
        using HttpResponseMessage exchange = await ExchangeTokenAsync(client, expired);

        Assert.Equal("{\"call_count\":1,\"total_cputime\":0,\"total_time\":0}", first.Headers.GetValues("X-App-Usage").Single());
        Assert.Equal("{\"call_count\":2,\"total_cputime\":1,\"total_time\":1}", second.Headers.GetValues("X-App-Usage").Single());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using JsonDocument body = await ReadJsonAsync(refused);
        Assert.Equal(190, body.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(463, body.RootElement.GetProperty("error").GetProperty("error_subcode").GetInt32());
        Assert.StartsWith("Fout bij het valideren", body.RootElement.GetProperty("error").GetProperty("message").GetString());

        // The token endpoint answers the same token with 400 and no usage header.
        await AssertGraphErrorAsync(exchange, 190, 463);
        Assert.False(exchange.Headers.Contains("X-App-Usage"));
    }

    [Theory]
    [InlineData(FaultMode.PermissionDenied, 10, HttpStatusCode.Forbidden, 10)]
    [InlineData(FaultMode.PermissionDenied, 200, HttpStatusCode.Forbidden, 200)]
    [InlineData(FaultMode.PermissionDenied, 4, HttpStatusCode.Forbidden, 200)]
    [InlineData(FaultMode.UnknownError500, 4, HttpStatusCode.InternalServerError, 1)]
    [InlineData(FaultMode.Transient500, 4, HttpStatusCode.InternalServerError, 2)]
    [InlineData(FaultMode.Throttle, 4, HttpStatusCode.BadRequest, 4)]
    [InlineData(FaultMode.Throttle, 130429, HttpStatusCode.BadRequest, 130429)]
    [InlineData(FaultMode.Throttle, 131056, HttpStatusCode.BadRequest, 131056)]
    public async Task Faults_UseTheHttpStatusFacebookSendsWithTheCode(FaultMode mode, int requested, HttpStatusCode status, int code)
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        emulator.State.Faults = new EmulatorFaults { Mode = mode, ThrottleCode = requested };

        using HttpResponseMessage response = await client.GetAsync($"{Version}/me?access_token=x");

        Assert.Equal(status, response.StatusCode);
        using JsonDocument body = await ReadJsonAsync(response);
        Assert.Equal(code, body.RootElement.GetProperty("error").GetProperty("code").GetInt32());
        // WhatsApp's throttles carry error_data as real answers do; the platform's code 4 does not.
        Assert.Equal(code > 100_000, body.RootElement.GetProperty("error").TryGetProperty("error_data", out JsonElement data));
        if (code > 100_000)
        {
            Assert.Equal("whatsapp", data.GetProperty("messaging_product").GetString());
            Assert.False(string.IsNullOrEmpty(data.GetProperty("details").GetString()));
        }
    }

    [Fact]
    public async Task Subcode492_CarriesTheTextRealAnswersCarry()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string token = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        emulator.State.RevokeToken(token, 492);

        using HttpResponseMessage response = await client.GetAsync($"{Version}/me?access_token=" + token);

        // Graph reads answer 190 as 401 (GraphErrors.ForGraphRead); the text is what this test is about.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using JsonDocument body = await ReadJsonAsync(response);
        JsonElement error = body.RootElement.GetProperty("error");
        Assert.Equal(492, error.GetProperty("error_subcode").GetInt32());
        Assert.Equal("OAuthException", error.GetProperty("type").GetString());
        Assert.StartsWith("The user must be an administrator, editor, or moderator of the page in order to impersonate it.", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pt_BR", "Este código de autorização já foi usado.")]
    [InlineData("nl_NL", "Deze autorisatiecode is al gebruikt.")]
    [InlineData(null, "This authorization code has been used.")]
    public async Task CodeExchange_UsedCodeIsAnsweredInTheRequestsLocale(string? locale, string message)
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string code = emulator.State.MintCode(EmulatorOptions.DefaultAppId, RedirectUri, Scopes.Split(','));
        using HttpResponseMessage first = await ExchangeCodeAsync(client, code, RedirectUri);
        using HttpResponseMessage second = await client.PostAsync(
            $"{Version}/oauth/access_token" + (locale is null ? string.Empty : "?locale=" + locale),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = EmulatorOptions.DefaultAppId,
                ["client_secret"] = EmulatorOptions.DefaultAppSecret,
                ["redirect_uri"] = RedirectUri,
                ["code"] = code,
            }));

        using JsonDocument body = await AssertGraphErrorAsync(second, 100, 36009);
        Assert.Equal(message, body.RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Clock_MovesForwardOnly_AgesTokensAndResetClearsIt()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        using HttpClient client = NewClient(emulator);
        string token = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        string appToken = EmulatorOptions.DefaultAppId + "|" + EmulatorOptions.DefaultAppSecret;
        string debug = $"{Version}/debug_token?input_token={token}&access_token={Uri.EscapeDataString(appToken)}";

        using HttpResponseMessage before = await client.GetAsync("_emulator/clock");
        long start = JsonDocument.Parse(await before.Content.ReadAsStringAsync()).RootElement.GetProperty("now").GetInt64();
        using HttpResponseMessage back = await client.PostAsync("_emulator/clock", new StringContent("{\"days\":-1}", Encoding.UTF8, "application/json"));
        using HttpResponseMessage moved = await client.PostAsync("_emulator/clock", new StringContent("{\"days\":61}", Encoding.UTF8, "application/json"));
        JsonElement clock = JsonDocument.Parse(await moved.Content.ReadAsStringAsync()).RootElement;
        using JsonDocument aged = JsonDocument.Parse(await client.GetStringAsync(debug));
        emulator.State.Reset();
        using HttpResponseMessage after = await client.GetAsync("_emulator/clock");

        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(61L * 86400, clock.GetProperty("offsetSeconds").GetInt64());
        Assert.InRange(clock.GetProperty("now").GetInt64() - start, (61L * 86400) - 5, (61L * 86400) + 60);
        Assert.False(aged.RootElement.GetProperty("data").GetProperty("is_valid").GetBoolean());
        Assert.Equal(463, aged.RootElement.GetProperty("data").GetProperty("error").GetProperty("subcode").GetInt32());
        Assert.Equal(0L, JsonDocument.Parse(await after.Content.ReadAsStringAsync()).RootElement.GetProperty("offsetSeconds").GetInt64());
    }

    private static HttpClient NewClient(FacebookEmulatorHost emulator) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = emulator.BaseUri };

    private static string DialogUrl(string state, string responseType = "code") =>
        $"{Version}/dialog/oauth?client_id={EmulatorOptions.DefaultAppId}&redirect_uri={Uri.EscapeDataString(RedirectUri)}"
        + $"&state={Uri.EscapeDataString(state)}&response_type={Uri.EscapeDataString(responseType)}&scope={Uri.EscapeDataString(Scopes)}";

    /// <summary>Opens the dialog, then posts the form as a browser would (ticking the given "Decline" boxes); returns the redirect Location.</summary>
    private static async Task<string> AnswerDialogAsync(HttpClient client, string state, string decision, string responseType = "code", params string[] decline)
    {
        string html = await client.GetStringAsync(DialogUrl(state, responseType));
        string action = Regex.Match(html, "<form method=\"post\" action=\"([^\"]+)\"").Groups[1].Value;
        string pendingId = Regex.Match(html, "name=\"pending_dialog_id\" value=\"([^\"]+)\"").Groups[1].Value;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("pending_dialog_id", pendingId),
            new("decision", decision),
        };
        foreach (string scope in decline)
        {
            Assert.Contains("name=\"decline\" value=\"" + scope + "\"", html);
            fields.Add(new("decline", scope));
        }

        using var form = new FormUrlEncodedContent(fields);
        using HttpResponseMessage response = await client.PostAsync(action.TrimStart('/'), form);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static Task<HttpResponseMessage> ExchangeCodeAsync(HttpClient client, string code, string redirectUri, string? verifier = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["client_id"] = EmulatorOptions.DefaultAppId,
            ["client_secret"] = EmulatorOptions.DefaultAppSecret,
            ["redirect_uri"] = redirectUri,
            ["code"] = code,
        };
        if (verifier is not null)
        {
            fields["code_verifier"] = verifier;
        }

        return client.PostAsync($"{Version}/oauth/access_token", new FormUrlEncodedContent(fields));
    }

    private static Task<HttpResponseMessage> ExchangeTokenAsync(HttpClient client, string token) =>
        client.GetAsync(
            $"{Version}/oauth/access_token?grant_type=fb_exchange_token&client_id={EmulatorOptions.DefaultAppId}"
            + $"&client_secret={EmulatorOptions.DefaultAppSecret}&fb_exchange_token={Uri.EscapeDataString(token)}");

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    private static async Task<JsonDocument> AssertGraphErrorAsync(HttpResponseMessage response, int code, int? subcode)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonDocument body = await ReadJsonAsync(response);
        JsonElement error = body.RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        if (subcode is null)
        {
            Assert.False(error.TryGetProperty("error_subcode", out _));
        }
        else
        {
            Assert.Equal(subcode, error.GetProperty("error_subcode").GetInt32());
        }

        Assert.Matches("^[A-Za-z0-9]{11}$", error.GetProperty("fbtrace_id").GetString());
        Assert.True(response.Headers.Contains("x-fb-trace-id"));
        return body;
    }
}
