using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FacebookEmulator;
using FacebookToken.Json;
using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>
/// appsecret_proof: the proof itself against an independent HMAC, where the request puts it, how logs show it, and
/// the emulator's "Require App Secret" (per app, missing, wrong, stale by the emulator clock) met by the core client.
/// </summary>
public sealed class AppSecretProofTests : IClassFixture<EmulatorFixture>
{
    private const string Token = "EAAGtokenvalue0123456789abcdef";
    private const string SecretText = "app-secret-0123456789abcdef";
    private readonly FacebookEmulatorHost _emu;
    private readonly RecordingLog _log = new();

    public AppSecretProofTests(EmulatorFixture fixture)
    {
        _emu = fixture.Host;
        _emu.State.Reset();
    }

    private EmulatorState State => _emu.State;

    private DateTimeOffset EmulatorNow => State.Options.TimeProvider.GetUtcNow() + State.ClockOffset;

    [Theory]
    [InlineData(Token, SecretText, 1764763200L)]
    [InlineData("EAAB|pipe|in|token", "s3cr3t", 0L)]
    [InlineData("tökén-ünïcode", "sécret", 2000000000L)]
    public void ProofIsTheHexHmacSha256OfTokenBarTime(string token, string secret, long time)
    {
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        string expectedTimed = BitConverter.ToString(hmac.ComputeHash(Encoding.UTF8.GetBytes(token + "|" + time))).Replace("-", string.Empty).ToLowerInvariant();
        string expectedPlain = BitConverter.ToString(hmac.ComputeHash(Encoding.UTF8.GetBytes(token))).Replace("-", string.Empty).ToLowerInvariant();

        Assert.Equal(expectedTimed, AppSecretProof.Compute(token, secret, time));
        Assert.Equal(expectedPlain, AppSecretProof.Compute(token, secret));
    }

    [Fact]
    public void RequestCarriesProofAndTimeInTheQuery_MaskedInLogs()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1764763200);
        GraphRequest request = new GraphRequest(HttpMethod.Post, "123/messages", RetryMode.OnlyIfNotProcessed)
            .AddForm("messaging_product", "whatsapp")
            .WithBearer(Token.AsToken())
            .WithAppSecretProof(SecretText.AsAppSecret(), now);

        string proof = AppSecretProof.Compute(Token, SecretText, 1764763200);
        Assert.Contains("appsecret_proof=" + proof, request.BuildQueryString());
        Assert.Contains("appsecret_time=1764763200", request.BuildQueryString());
        Assert.DoesNotContain(request.Form, p => p.Key.StartsWith("appsecret", StringComparison.Ordinal));
        Assert.True(request.HasUserBearer);
        Assert.True(request.HasAppSecretProof);

        string shown = request.DescribeParameters();
        Assert.DoesNotContain(proof, shown);
        Assert.DoesNotContain(Token, shown);
        Assert.DoesNotContain(SecretText, shown);
        Assert.Contains(proof, request.SecretValues);
        Assert.Contains(SecretText, request.SecretValues);
    }

    [Fact]
    public void NoProofForAnAppTokenOrWithoutASecret()
    {
        GraphRequest app = new GraphRequest(HttpMethod.Get, "debug_token", RetryMode.Idempotent)
            .WithAppToken(EmulatorOptions.DefaultAppId, SecretText.AsAppSecret())
            .WithAppSecretProof(SecretText.AsAppSecret(), DateTimeOffset.UtcNow);
        GraphRequest noSecret = new GraphRequest(HttpMethod.Get, "me", RetryMode.Idempotent).WithBearer(Token.AsToken()).WithAppSecretProof(null, DateTimeOffset.UtcNow);

        Assert.DoesNotContain("appsecret", app.BuildQueryString());
        Assert.False(app.HasUserBearer);
        Assert.DoesNotContain("appsecret", noSecret.BuildQueryString());
        Assert.False(noSecret.HasAppSecretProof);
    }

    [Fact]
    public void RefreshReplacesTheProofRatherThanAddingASecond()
    {
        GraphRequest request = new GraphRequest(HttpMethod.Get, "me", RetryMode.Idempotent).WithBearer(Token.AsToken()).WithAppSecretProof(SecretText.AsAppSecret(), DateTimeOffset.FromUnixTimeSeconds(1000));

        request.RefreshAppSecretProof();

        Assert.Single(request.Query, p => p.Key == "appsecret_proof");
        Assert.Single(request.Query, p => p.Key == "appsecret_time");
        long time = long.Parse(request.Query.Single(p => p.Key == "appsecret_time").Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(AppSecretProof.Compute(Token, SecretText, time), request.Query.Single(p => p.Key == "appsecret_proof").Value);
    }

    [Fact]
    public async Task EmulatorRequireAppSecret_IsPerApp()
    {
        State.RegisterApp("555000111", "other-app-secret-0123456789", Array.Empty<string>()).RequireAppSecret = true;
        string guarded = State.MintToken("555000111", TokenKind.LongLivedUser);
        string open = State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        using HttpClient client = NewClient();

        using HttpResponseMessage refused = await client.GetAsync("v25.0/me?access_token=" + Uri.EscapeDataString(guarded));
        using HttpResponseMessage allowed = await client.GetAsync("v25.0/me?access_token=" + Uri.EscapeDataString(open));

        await AssertProofErrorAsync(refused, "API calls from the server require an appsecret_proof argument");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(299, true)]
    [InlineData(301, false)]
    public async Task EmulatorTimedProof_IsGoodForFiveMinutesByTheEmulatorClock(int agedSeconds, bool accepted)
    {
        State.FindApp(EmulatorOptions.DefaultAppId)!.RequireAppSecret = true;
        string token = State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        long time = EmulatorNow.ToUnixTimeSeconds();
        string proof = AppSecretProofCheck.Compute(EmulatorOptions.DefaultAppSecret, token + "|" + time);
        State.AdvanceClock(TimeSpan.FromSeconds(agedSeconds));
        using HttpClient client = NewClient();

        using HttpResponseMessage response = await client.GetAsync($"v25.0/me?access_token={Uri.EscapeDataString(token)}&appsecret_proof={proof}&appsecret_time={time}");

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            await AssertProofErrorAsync(response, "Invalid appsecret_proof provided in the API argument");
        }
    }

    [Fact]
    public async Task EmulatorDebugTokenSelfInspection_NeedsTheProofToo()
    {
        State.FindApp(EmulatorOptions.DefaultAppId)!.RequireAppSecret = true;
        string token = State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        State.GrantAppRole(EmulatorOptions.DefaultAppId, EmulatorOptions.DefaultUserId);

        FacebookApiException refused = await Assert.ThrowsAsync<FacebookApiException>(() =>
            Client().DebugTokenAsync(token.AsToken(), null, null, CancellationToken.None));
        FacebookTokenInfo asApp = await Client().DebugTokenAsync(token.AsToken(), EmulatorOptions.DefaultAppId, EmulatorOptions.DefaultAppSecret.AsAppSecret(), CancellationToken.None);

        Assert.Equal(100, refused.Code);
        Assert.Equal("GraphMethodException", refused.ErrorType);
        Assert.Contains("-Credential", refused.RecommendedAction);
        Assert.True(asApp.IsValid);
    }

    [Fact]
    public async Task ClientUserTokenCall_WithTheSecret_PassesRequireAppSecret()
    {
        State.FindApp(EmulatorOptions.DefaultAppId)!.RequireAppSecret = true;
        string token = State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        FacebookOAuthClient client = Client();

        JsonObject me = await client.CallAsync(client.UserTokenRequest(HttpMethod.Get, "me", RetryMode.Idempotent, token.AsToken(), EmulatorOptions.DefaultAppSecret.AsAppSecret()), CancellationToken.None);

        Assert.Equal(EmulatorOptions.DefaultUserId, me.GetString("id"));
        IReadOnlyDictionary<string, string> sent = State.Requests.Last().Query;
        Assert.True(sent.ContainsKey("appsecret_proof"));
        Assert.True(sent.ContainsKey("appsecret_time"));
        Assert.DoesNotContain(token, _log.All);
        Assert.DoesNotContain(EmulatorOptions.DefaultAppSecret, _log.All);
    }

    [Fact]
    public async Task ClientUserTokenCall_WithoutTheSecret_SaysToPassCredential()
    {
        State.FindApp(EmulatorOptions.DefaultAppId)!.RequireAppSecret = true;
        string token = State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        FacebookOAuthClient client = Client();

        FacebookApiException ex = await Assert.ThrowsAsync<FacebookApiException>(() =>
            client.CallAsync(client.UserTokenRequest(HttpMethod.Get, "me", RetryMode.Idempotent, token.AsToken(), null), CancellationToken.None));

        Assert.Equal(100, ex.Code);
        Assert.Null(ex.Subcode);
        Assert.NotNull(ex.FbTraceId);
        Assert.Equal(ErrorAdviceTable.ProofRequired, ex.RecommendedAction);
        Assert.Contains("-Credential", ex.Message);
        Assert.Contains("require an appsecret_proof", ex.FacebookMessage);
    }

    [Fact]
    public async Task ClientUserTokenCall_WithAnotherAppsSecret_SaysTheSecretDoesNotMatch()
    {
        string token = State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        FacebookOAuthClient client = Client();

        FacebookApiException ex = await Assert.ThrowsAsync<FacebookApiException>(() =>
            client.CallAsync(client.UserTokenRequest(HttpMethod.Get, "me", RetryMode.Idempotent, token.AsToken(), "not-the-app-secret-0123456789".AsAppSecret()), CancellationToken.None));

        Assert.Equal(ErrorAdviceTable.InvalidProof, ex.RecommendedAction);
        Assert.Contains("Invalid appsecret_proof", ex.FacebookMessage);
        Assert.DoesNotContain("not-the-app-secret-0123456789", ex.Message);
    }

    private FacebookOAuthClient Client() =>
        new(
            new FacebookEndpoint(graphBaseUri: _emu.BaseUri, timeout: TimeSpan.FromSeconds(20)),
            _log,
            GraphHttp.Shared,
            new RetryPolicy(2, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1), () => 0.5),
            () => EmulatorNow);

    private HttpClient NewClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _emu.BaseUri };

    private static async Task AssertProofErrorAsync(HttpResponseMessage response, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement error = body.RootElement.GetProperty("error");
        Assert.Equal(100, error.GetProperty("code").GetInt32());
        Assert.Equal("GraphMethodException", error.GetProperty("type").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.False(error.TryGetProperty("error_subcode", out _));
    }
}
