using System.Net.Http;
using System.Text;
using FacebookEmulator;
using FacebookToken.Cache;
using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>
/// Embedded Signup codes and their business integration system-user tokens, the advice for 190 subcodes and 100/33,
/// and GranularScopes in the cache (old files still read).
/// </summary>
public sealed class BusinessTokenTests : IClassFixture<EmulatorFixture>
{
    private const string Redirect = "http://localhost:8765/callback/";
    private readonly FacebookEmulatorHost _emu;
    private readonly RecordingLog _log = new();

    public BusinessTokenTests(EmulatorFixture fixture)
    {
        _emu = fixture.Host;
        _emu.State.Reset();
    }

    private EmulatorState State => _emu.State;

    private static FacebookToken.Secrets.CheckedSecret Secret => EmulatorOptions.DefaultAppSecret.AsAppSecret();

    [Fact]
    public async Task EmbeddedSignupCode_WithoutRedirectUri_GivesANeverExpiringSystemUserToken()
    {
        string code = State.MintEmbeddedSignupCode(EmulatorOptions.DefaultAppId, targetIds: new[] { "102290129340398", "102290129340399" });

        FacebookAccessToken token = await Client().ExchangeCodeAsync(EmulatorOptions.DefaultAppId, Secret, null, code.AsCode(), null, CancellationToken.None);

        Assert.Equal(FacebookTokenKind.SystemUser, token.Kind);
        Assert.Null(token.ExpiresOn);
        Assert.StartsWith("61550000000001", token.UserId);
        Assert.Equal(new[] { "whatsapp_business_management", "whatsapp_business_messaging" }, token.Scopes);
        FacebookGranularScope management = Assert.Single(token.GranularScopes, g => g.Scope == "whatsapp_business_management");
        Assert.Equal(new[] { "102290129340398", "102290129340399" }, management.TargetIds);
        Assert.True(token.Inspected);

        RecordedRequest exchange = State.Requests.First(r => r.Endpoint.EndsWith("oauth/access_token", StringComparison.Ordinal));
        Assert.False(exchange.Form.ContainsKey("redirect_uri"));
        Assert.DoesNotContain(code, _log.All);
    }

    [Fact]
    public async Task EmbeddedSignupCode_OfASixtyDayConfiguration_IsASystemUserToken_EvenThoughTheAnswerHasExpiresIn()
    {
        string code = State.MintEmbeddedSignupCode(EmulatorOptions.DefaultAppId, sixtyDayToken: true);

        FacebookAccessToken token = await Client().ExchangeCodeAsync(EmulatorOptions.DefaultAppId, Secret, null, code.AsCode(), null, CancellationToken.None);

        Assert.Equal(FacebookTokenKind.SystemUser, token.Kind);
        Assert.NotNull(token.ExpiresOn);
        Assert.InRange(token.ExpiresOn!.Value - (State.Options.TimeProvider.GetUtcNow() + State.ClockOffset), TimeSpan.FromDays(60) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(60));
        Assert.StartsWith("61550000000001", token.UserId);
        Assert.True(token.Inspected);
        RecordedRequest exchange = State.Requests.First(r => r.Endpoint.EndsWith("oauth/access_token", StringComparison.Ordinal));
        Assert.Single(State.Requests, r => r.Endpoint.EndsWith("debug_token", StringComparison.Ordinal));
        Assert.Equal(TokenKind.SystemUser, State.FindToken(token.AccessToken.ToPlainText())!.Kind);
        Assert.False(exchange.Form.ContainsKey("redirect_uri"));
    }

    [Fact]
    public async Task EmbeddedSignupCode_WithARedirectUri_IsRefusedAsAMismatch()
    {
        string code = State.MintEmbeddedSignupCode(EmulatorOptions.DefaultAppId);

        FacebookApiException ex = await Assert.ThrowsAsync<FacebookApiException>(() =>
            Client().ExchangeCodeAsync(EmulatorOptions.DefaultAppId, Secret, Redirect, code.AsCode(), null, CancellationToken.None));

        Assert.Equal(FacebookErrorKind.RedirectUriMismatch, ex.Kind);
        Assert.Contains("Embedded Signup", ex.RecommendedAction);
    }

    [Fact]
    public async Task DialogCode_WithoutRedirectUri_IsRefusedWithAdviceToPassIt()
    {
        string code = State.MintCode(EmulatorOptions.DefaultAppId, Redirect);

        FacebookApiException ex = await Assert.ThrowsAsync<FacebookApiException>(() =>
            Client().ExchangeCodeAsync(EmulatorOptions.DefaultAppId, Secret, null, code.AsCode(), null, CancellationToken.None));

        Assert.Equal(191, ex.Code);
        Assert.Contains("-RedirectUri", ex.RecommendedAction);
    }

    [Fact]
    public async Task EmbeddedSignupCode_LivesThirtySecondsOnTheEmulatorClock()
    {
        string code = State.MintEmbeddedSignupCode(EmulatorOptions.DefaultAppId);
        State.AdvanceClock(TimeSpan.FromSeconds(31));

        FacebookApiException ex = await Assert.ThrowsAsync<FacebookApiException>(() =>
            Client().ExchangeCodeAsync(EmulatorOptions.DefaultAppId, Secret, null, code.AsCode(), null, CancellationToken.None));

        Assert.Equal(FacebookErrorKind.CodeExpired, ex.Kind);
        Assert.Equal(36007, ex.Subcode);
    }

    [Theory]
    [InlineData(458, "Invoke-FacebookLogin")]
    [InlineData(459, "www.facebook.com")]
    [InlineData(460, "password")]
    [InlineData(463, "Update-FacebookToken")]
    [InlineData(464, "confirm")]
    [InlineData(467, "New-FacebookSystemUserToken")]
    [InlineData(492, "role")]
    public void SessionSubcodesCarryTheirOwnAdvice(int subcode, string named)
    {
        var request = new GraphRequest(HttpMethod.Get, "me", RetryMode.Idempotent).WithBearer("EAAGuser0123456789".AsToken());
        string? advice = ErrorAdviceTable.For(190, subcode, "OAuthException", request);

        Assert.NotNull(advice);
        Assert.Contains(named, advice);
    }

    [Fact]
    public async Task ObjectNotReachable_100_33_NamesTestFacebookToken()
    {
        string token = State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        FacebookOAuthClient client = Client();

        FacebookApiException ex = await Assert.ThrowsAsync<FacebookApiException>(() =>
            client.CallAsync(client.UserTokenRequest(HttpMethod.Get, "102290129340399", RetryMode.Idempotent, token.AsToken(), null), CancellationToken.None));

        Assert.Equal(100, ex.Code);
        Assert.Equal(33, ex.Subcode);
        Assert.Contains("Test-FacebookToken -WhatsAppBusinessAccountId", ex.RecommendedAction);
        Assert.Contains("Test-FacebookToken -WhatsAppBusinessAccountId", ex.Message);
    }

    [Fact]
    public void CacheKeepsGranularScopes_AndReadsEntriesWithout()
    {
        var token = new FacebookAccessToken("EAAGbusiness0123456789".ToSecureString(), FacebookTokenKind.SystemUser, "1234567890")
        {
            GranularScopes = new[] { new FacebookGranularScope("whatsapp_business_management", new[] { "102290129340398" }) },
        };
        var doc = new CacheDocument();
        doc.Tokens["biz"] = CachedToken.From(token, "biz", DateTimeOffset.UnixEpoch);
        const string old = "{\"format\":\"FacebookToken.Cache\",\"version\":1,\"tokens\":[{\"name\":\"old\",\"accessToken\":\"EAAGold\",\"tokenType\":\"Bearer\",\"kind\":\"LongLivedUser\",\"appId\":\"1\",\"userId\":null,\"scopes\":[],\"expiresOn\":null,\"dataAccessExpiresOn\":null,\"savedOn\":\"2029-11-03T03:04:05.0000000+00:00\"}]}";

        FacebookAccessToken back = CacheDocument.Deserialize(doc.Serialize()).Tokens["biz"].ToAccessToken();
        FacebookAccessToken fromOld = CacheDocument.Deserialize(Encoding.UTF8.GetBytes(old)).Tokens["old"].ToAccessToken();

        FacebookGranularScope kept = Assert.Single(back.GranularScopes);
        Assert.Equal("whatsapp_business_management", kept.Scope);
        Assert.Equal(new[] { "102290129340398" }, kept.TargetIds);
        Assert.Empty(fromOld.GranularScopes);
    }

    private FacebookOAuthClient Client() =>
        new(
            new FacebookEndpoint(graphBaseUri: _emu.BaseUri, timeout: TimeSpan.FromSeconds(20)),
            _log,
            GraphHttp.Shared,
            new RetryPolicy(2, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(1), () => 0.5),
            () => State.Options.TimeProvider.GetUtcNow() + State.ClockOffset);
}
