using FacebookEmulator;
using FacebookToken.Json;
using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>The OAuth client against the emulator over real HTTP: exchanges, inspection, every error mapping, retries, time limits.</summary>
public sealed class FacebookOAuthClientTests : IClassFixture<EmulatorFixture>
{
    private const string Redirect = "http://localhost:8765/callback/";
    private static readonly DateTimeOffset s_now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    // A liveness bound for the tests of time limits, far above the limit under test: not a timing.
    private static readonly TimeSpan s_watchdog = TimeSpan.FromSeconds(60);
    private readonly FacebookEmulatorHost _emu;
    private readonly RecordingLog _log = new();

    public FacebookOAuthClientTests(EmulatorFixture fixture)
    {
        _emu = fixture.Host;
        _emu.State.Reset();
    }

    private EmulatorState State => _emu.State;

    private static string AppId => EmulatorOptions.DefaultAppId;

    private static FacebookToken.Secrets.CheckedSecret Secret => EmulatorOptions.DefaultAppSecret.AsAppSecret();

    private FacebookOAuthClient Client(int timeoutSec = 20, TimeSpan? backoff = null, Uri? graph = null) =>
        new(
            new FacebookEndpoint(graphBaseUri: graph ?? _emu.BaseUri, timeout: TimeSpan.FromSeconds(timeoutSec)),
            _log,
            GraphHttp.Shared,
            new RetryPolicy(3, backoff ?? TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5), () => 0.5),
            () => s_now);

    private string Code(string? challenge = null, TimeSpan? lifetime = null) =>
        State.MintCode(AppId, Redirect, new[] { "whatsapp_business_management" }, challenge, lifetime);

    private int TokenEndpointCalls => State.Requests.Count(r => r.Endpoint.EndsWith("oauth/access_token", StringComparison.Ordinal));

    private Task<FacebookAccessToken> Exchange(string code, string redirect = Redirect, string? verifier = null, FacebookToken.Secrets.CheckedSecret? secret = null, string? appId = null) =>
        Client().ExchangeCodeAsync(appId ?? AppId, secret ?? Secret, redirect, code.AsCode(), FacebookToken.Secrets.CheckedSecret.CodeVerifier(verifier?.ToSecureString()), CancellationToken.None);

    [Fact]
    public async Task CodeExchangeGivesShortLivedTokenWithExpiryFromExpiresIn()
    {
        FacebookAccessToken token = await Exchange(Code());
        Assert.Equal(FacebookTokenKind.ShortLivedUser, token.Kind);
        Assert.Equal(AppId, token.AppId);
        Assert.Equal("Bearer", token.TokenType);
        Assert.NotNull(State.FindToken(token.AccessToken.ToPlainText()));
        Assert.InRange(token.ExpiresOn!.Value, s_now.AddHours(1), s_now.AddHours(2));
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("Bearer")]
    [InlineData("BEARER")]
    public async Task TokenTypeInAnyCasingIsBearer(string casing)
    {
        State.Settings.TokenTypeCasing = casing;
        FacebookAccessToken token = await Exchange(Code());
        Assert.Equal("Bearer", token.TokenType);
    }

    [Fact]
    public async Task JsonSentAsTextJavascriptIsReadLikeJson()
    {
        State.Settings.JsonContentType = EmulatorSettings.JavaScriptContentType;
        FacebookAccessToken token = await Exchange(Code());
        FacebookTokenInfo info = await Client().DebugTokenAsync(token.Checked(), AppId, Secret, CancellationToken.None);

        Assert.Equal(FacebookTokenKind.ShortLivedUser, token.Kind);
        Assert.True(info.IsValid);
    }

    [Fact]
    public async Task MissingExpiresInIsSettledByDebugTokenAsTheApp()
    {
        State.Settings.OmitExpiresIn = true;
        FacebookAccessToken token = await Exchange(Code());
        DateTimeOffset expiresAt = State.FindToken(token.AccessToken.ToPlainText())!.ExpiresAt!.Value;
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(expiresAt.ToUnixTimeSeconds()), token.ExpiresOn);
        RecordedRequest inspection = State.Requests.Single(r => r.Endpoint.EndsWith("debug_token", StringComparison.Ordinal));
        Assert.NotNull(inspection);
        Assert.DoesNotContain(EmulatorOptions.DefaultAppSecret, _log.All);
    }

    [Fact]
    public async Task CodeExchangeAnsweringSixtyDaysIsLongLived()
    {
        State.Settings.CodeExchangeGivesLongLived = true;
        FacebookAccessToken token = await Exchange(Code());
        Assert.Equal(FacebookTokenKind.LongLivedUser, token.Kind);
        Assert.True(token.ExpiresOn > s_now.AddDays(59));

        State.Settings.OmitExpiresIn = true;
        FacebookAccessToken unlabelled = await Exchange(Code());
        Assert.Equal(FacebookTokenKind.LongLivedUser, unlabelled.Kind);
        Assert.NotNull(unlabelled.ExpiresOn);
    }

    [Fact]
    public async Task SecretTravelsInTheBodyAndNeverInLogs()
    {
        string code = Code();
        FacebookAccessToken token = await Exchange(code);
        RecordedRequest request = State.Requests.Single(r => r.Endpoint.EndsWith("oauth/access_token", StringComparison.Ordinal));
        Assert.Equal("POST", request.Method);
        Assert.Equal("v25.0", request.Version);
        Assert.False(request.Query.ContainsKey("client_secret"));
        Assert.Equal(EmulatorOptions.DefaultAppSecret, request.Form["client_secret"]);
        Assert.Equal(Redirect, request.Form["redirect_uri"]);
        Assert.Contains("/v25.0/oauth/access_token", _log.All);
        Assert.DoesNotContain(EmulatorOptions.DefaultAppSecret, _log.All);
        Assert.DoesNotContain(code, _log.All);
        Assert.DoesNotContain(token.AccessToken.ToPlainText(), _log.All);
        Assert.Contains(SecretMask.MaskToken(code), _log.All);
    }

    [Fact]
    public async Task PkceVerifierIsSentAndChecked()
    {
        string verifier = RandomValues.NewCodeVerifier();
        string challenge = RandomValues.CodeChallengeS256(verifier);
        FacebookAccessToken ok = await Exchange(Code(challenge), verifier: verifier);
        Assert.Equal(FacebookTokenKind.ShortLivedUser, ok.Kind);

        var wrong = await Assert.ThrowsAsync<FacebookApiException>(() => Exchange(Code(challenge), verifier: RandomValues.NewCodeVerifier()));
        Assert.Equal(FacebookErrorKind.InvalidCodeVerifier, wrong.Kind);
        Assert.Equal(100, wrong.Code);
    }

    [Fact]
    public async Task UsedCodeIsCodeAlreadyUsedAndNotRetried()
    {
        string code = Code();
        await Exchange(code);
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Exchange(code));
        Assert.Equal(FacebookErrorKind.CodeAlreadyUsed, ex.Kind);
        Assert.Equal(36009, ex.Subcode);
        Assert.False(string.IsNullOrEmpty(ex.FbTraceId));
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(2, TokenEndpointCalls);
    }

    [Fact]
    public async Task ExpiredCodeIsCodeExpired()
    {
        string code = Code(lifetime: TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Exchange(code));
        Assert.Equal(FacebookErrorKind.CodeExpired, ex.Kind);
        Assert.Equal(36007, ex.Subcode);
    }

    [Fact]
    public async Task DifferentRedirectUriIsRedirectUriMismatch()
    {
        // Registered, but not the one the dialog used: Facebook answers a bare 100.
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Exchange(Code(), redirect: "http://127.0.0.1:8765/callback"));
        Assert.Equal(FacebookErrorKind.RedirectUriMismatch, ex.Kind);
        Assert.Null(ex.Subcode);
        Assert.Contains("exact RedirectUri", ex.Message);
    }

    [Theory]
    [InlineData("http://localhost:8765/callback")]
    [InlineData("https://unregistered.example/cb")]
    public async Task UnregisteredRedirectUriIs191AndLeavesTheCode(string redirect)
    {
        string code = Code();
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Exchange(code, redirect: redirect));
        Assert.Equal(FacebookErrorKind.RedirectUriNotAllowed, ex.Kind);
        Assert.Equal(191, ex.Code);
        Assert.Equal(FacebookTokenKind.ShortLivedUser, (await Exchange(code)).Kind);
    }

    [Fact]
    public async Task WrongSecretIsInvalidAppSecretAfterOneTry()
    {
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Exchange(Code(), secret: "not-the-secret-0123".AsAppSecret()));
        Assert.Equal(FacebookErrorKind.InvalidAppSecret, ex.Kind);
        Assert.Equal(1, ex.Code);
        Assert.Equal(1, TokenEndpointCalls);
        Assert.DoesNotContain("not-the-secret-0123", ex.Message);
    }

    [Fact]
    public async Task UnknownAppIsInvalidAppId()
    {
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Exchange(Code(), appId: "999"));
        Assert.Equal(FacebookErrorKind.InvalidAppId, ex.Kind);
        Assert.Equal(101, ex.Code);
    }

    [Fact]
    public async Task LongLivedExchangeGivesSixtyDays()
    {
        string shortToken = State.MintToken(AppId, TokenKind.ShortLivedUser);
        FacebookAccessToken token = await Client().ExchangeForLongLivedAsync(AppId, Secret, shortToken.AsToken(), CancellationToken.None);
        Assert.Equal(FacebookTokenKind.LongLivedUser, token.Kind);
        Assert.Equal(s_now.AddSeconds(5183944), token.ExpiresOn);
        RecordedRequest request = State.Requests.Last();
        Assert.Equal("fb_exchange_token", request.Form["grant_type"]);
    }

    [Fact]
    public async Task ExpiredTokenIsTokenExpired()
    {
        string shortToken = State.MintToken(AppId, TokenKind.ShortLivedUser);
        State.ExpireToken(shortToken);
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Client().ExchangeForLongLivedAsync(AppId, Secret, shortToken.AsToken(), CancellationToken.None));
        Assert.Equal(FacebookErrorKind.TokenExpired, ex.Kind);
        Assert.Equal(190, ex.Code);
        Assert.Equal(463, ex.Subcode);
        Assert.Equal(1, ex.Attempts);
    }

    [Fact]
    public async Task RevokedTokenIsTokenRevoked()
    {
        string token = State.MintToken(AppId, TokenKind.LongLivedUser);
        State.RevokeToken(token);
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Client().ExchangeForLongLivedAsync(AppId, Secret, token.AsToken(), CancellationToken.None));
        Assert.Equal(FacebookErrorKind.TokenRevoked, ex.Kind);
        Assert.Equal(458, ex.Subcode);
    }

    [Fact]
    public async Task DebugTokenReadsEveryField()
    {
        State.Settings.AppIdAsNumber = true;
        string token = State.MintToken(AppId, TokenKind.LongLivedUser, scopes: new[] { "whatsapp_business_management", "whatsapp_business_messaging" });
        FacebookTokenInfo info = await Client().DebugTokenAsync(token.AsToken(), AppId, Secret, CancellationToken.None);
        Assert.True(info.IsValid);
        Assert.Equal("USER", info.Type);
        Assert.Equal(AppId, info.AppId);
        Assert.Equal(EmulatorOptions.DefaultUserId, info.UserId);
        Assert.Contains("whatsapp_business_messaging", info.Scopes);
        Assert.Contains(info.GranularScopes, g => g.Scope == "whatsapp_business_management" && g.TargetIds.Length > 0);
        Assert.NotNull(info.ExpiresOn);
        Assert.NotNull(info.IssuedOn);
        Assert.NotNull(info.DataAccessExpiresOn);
        Assert.Null(info.Error);
        RecordedRequest request = State.Requests.Last();
        Assert.Equal("GET", request.Method);
        Assert.False(request.Query.ContainsKey("access_token"), "the inspecting token goes in the Authorization header");
        Assert.Equal("Bearer " + AppId + "|" + EmulatorOptions.DefaultAppSecret, request.Authorization);
        Assert.Contains("Authorization=Bearer " + AppId + "|***(", _log.All);
        Assert.DoesNotContain(EmulatorOptions.DefaultAppSecret, _log.All);
    }

    [Fact]
    public async Task SelfInspectionByAUserWithNoRoleIsRefusedWithAdviceToPassAppCredentials()
    {
        string token = State.MintToken(AppId, TokenKind.LongLivedUser);
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Client().DebugTokenAsync(token.AsToken(), null, null, CancellationToken.None));
        Assert.Equal(100, ex.Code);
        Assert.Equal(FacebookErrorKind.PermissionDenied, ex.Kind);
        Assert.Contains("You must provide an app access token", ex.Message);
        Assert.Contains("-Credential", ex.Message);
        Assert.Contains("-AppId and -AppSecret", ex.Message);

        State.GrantAppRole(AppId, EmulatorOptions.DefaultUserId);
        Assert.True((await Client().DebugTokenAsync(token.AsToken(), null, null, CancellationToken.None)).IsValid);
    }

    [Fact]
    public async Task GranularScopesListOnlyObjectPermissionsAndMayLackTargets()
    {
        State.Settings.GranularWithoutTargetIds = true;
        string token = State.MintToken(AppId, TokenKind.LongLivedUser, scopes: new[] { "public_profile", "whatsapp_business_management" });
        FacebookTokenInfo info = await Client().DebugTokenAsync(token.AsToken(), AppId, Secret, CancellationToken.None);
        FacebookGranularScope only = Assert.Single(info.GranularScopes);
        Assert.Equal("whatsapp_business_management", only.Scope);
        Assert.Empty(only.TargetIds);
    }

    [Fact]
    public async Task DebugTokenOfExpiredTokenIsInvalidWithError()
    {
        string token = State.MintToken(AppId, TokenKind.ShortLivedUser);
        State.ExpireToken(token);
        FacebookTokenInfo info = await Client().DebugTokenAsync(token.AsToken(), AppId, Secret, CancellationToken.None);
        Assert.False(info.IsValid);
        Assert.Equal(190, info.Error!.Code);
        Assert.Equal(463, info.Error.Subcode);
    }

    [Fact]
    public async Task PageTokenNeverExpires()
    {
        string token = State.MintToken(AppId, TokenKind.Page);
        FacebookTokenInfo info = await Client().DebugTokenAsync(token.AsToken(), AppId, Secret, CancellationToken.None);
        Assert.Equal("PAGE", info.Type);
        Assert.Null(info.ExpiresOn);
    }

    [Fact]
    public async Task TransientErrorsAreRetriedAndRecover()
    {
        string token = State.MintToken(AppId, TokenKind.ShortLivedUser);
        State.Faults = new EmulatorFaults { Mode = FaultMode.Transient500, Count = 2 };
        FacebookAccessToken result = await Client().ExchangeForLongLivedAsync(AppId, Secret, token.AsToken(), CancellationToken.None);
        Assert.Equal(FacebookTokenKind.LongLivedUser, result.Kind);
        Assert.Equal(3, TokenEndpointCalls);
        Assert.Contains("retrying", _log.All);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(17)]
    [InlineData(32)]
    [InlineData(341)]
    [InlineData(613)]
    public async Task ThrottlingIsRetriedAndRecovers(int code)
    {
        string token = State.MintToken(AppId, TokenKind.ShortLivedUser);
        State.Faults = new EmulatorFaults { Mode = FaultMode.Throttle, ThrottleCode = code, Count = 1 };
        FacebookAccessToken result = await Client().ExchangeForLongLivedAsync(AppId, Secret, token.AsToken(), CancellationToken.None);
        Assert.Equal(FacebookTokenKind.LongLivedUser, result.Kind);
        Assert.Equal(2, TokenEndpointCalls);
    }

    [Fact]
    public async Task PersistentTransientErrorGivesUpAfterThreeTries()
    {
        string token = State.MintToken(AppId, TokenKind.ShortLivedUser);
        State.Faults = new EmulatorFaults { Mode = FaultMode.Transient500, Count = -1 };
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Client().ExchangeForLongLivedAsync(AppId, Secret, token.AsToken(), CancellationToken.None));
        Assert.Equal(FacebookErrorKind.ServiceError, ex.Kind);
        Assert.True(ex.IsTransient);
        Assert.True(ex.IsTransientFlag);
        Assert.Equal(2, ex.Code);
        Assert.Equal(3, ex.Attempts);
        Assert.Equal(3, TokenEndpointCalls);
    }

    [Fact]
    public async Task RetryAfterLongerThanTheBudgetStopsRetrying()
    {
        string token = State.MintToken(AppId, TokenKind.ShortLivedUser);
        State.Faults = new EmulatorFaults { Mode = FaultMode.Throttle, ThrottleCode = 4, Count = -1, RetryAfterSeconds = 4 };
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Client(timeoutSec: 2).ExchangeForLongLivedAsync(AppId, Secret, token.AsToken(), CancellationToken.None));
        Assert.Equal(FacebookErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromSeconds(4), ex.RetryAfter);
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(1, TokenEndpointCalls);
    }

    [Fact]
    public async Task CodeExchangeIsNotRepeatedAfterAnAnswerThatMayHaveUsedTheCode()
    {
        State.Faults = new EmulatorFaults { Mode = FaultMode.Html502, Count = 1 };
        await Assert.ThrowsAsync<FacebookResponseException>(() => Exchange(Code()));
        Assert.Equal(1, TokenEndpointCalls);
    }

    [Fact]
    public async Task CodeExchangeFlaggedTransientIsTriedOnceMore()
    {
        State.Faults = new EmulatorFaults { Mode = FaultMode.Transient500, Count = 1 };
        FacebookAccessToken token = await Exchange(Code());
        Assert.Equal(FacebookTokenKind.ShortLivedUser, token.Kind);
        Assert.Equal(2, TokenEndpointCalls);
    }

    [Fact]
    public async Task TransientAnswerAfterTheCodeWasRedeemedSaysANewLoginIsNeeded()
    {
        State.Faults = new EmulatorFaults { Mode = FaultMode.TransientAfterRedeem, Count = 1 };
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Exchange(Code()));
        Assert.Equal(FacebookErrorKind.CodeAlreadyUsed, ex.Kind);
        Assert.Equal(2, ex.Attempts);
        Assert.Equal(2, TokenEndpointCalls);
        Assert.Contains("first attempt", ex.Message);
        Assert.Contains("Invoke-FacebookLogin", ex.Message);
        Assert.Contains("This authorization code has been used.", ex.Message);
    }

    [Theory]
    [InlineData(80004)]
    [InlineData(130429)]
    public async Task BusinessThrottleWaitLongerThanTheBudgetEndsAtOnceSayingHowLong(int code)
    {
        State.Faults = new EmulatorFaults { Mode = FaultMode.Throttle, ThrottleCode = code, RegainAccessMinutes = 7, Count = -1 };
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Exchange(Code()));
        Assert.Equal(FacebookErrorKind.RateLimited, ex.Kind);
        Assert.Equal(TimeSpan.FromMinutes(7), ex.RegainAccessAfter);
        Assert.Equal(1, TokenEndpointCalls);
        Assert.Contains("about 7 minutes", ex.Message);
        Assert.Contains("-TimeoutSec", ex.Message);
    }

    [Theory]
    [InlineData("pt_BR", "Erro ao validar")]
    [InlineData("nl_NL", "Fout bij het valideren")]
    public async Task LocalisedRedirectMismatchIsClassifiedAndKeepsFacebooksWords(string locale, string text)
    {
        string code = Code();
        var request = new GraphRequest(System.Net.Http.HttpMethod.Post, "oauth/access_token", RetryMode.OnlyIfNotProcessed)
            .AddQuery("locale", locale)
            .AddForm("client_id", AppId)
            .AddForm("client_secret", EmulatorOptions.DefaultAppSecret, SecretHandling.Hide)
            .AddForm("redirect_uri", "http://127.0.0.1:8765/callback")
            .AddForm("code", code, SecretHandling.Mask);
        var caller = new GraphCaller(new FacebookEndpoint(graphBaseUri: _emu.BaseUri), _log, GraphHttp.Shared, RetryPolicy.Default);
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => caller.CallAsync(request, CancellationToken.None));
        Assert.Equal(FacebookErrorKind.RedirectUriMismatch, ex.Kind);
        Assert.StartsWith(text, ex.FacebookMessage);
        Assert.Contains(text, ex.Message);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(200)]
    [InlineData(299)]
    public async Task PermissionErrorsAs403AreReadByCodeAndNotRetried(int code)
    {
        string token = State.MintToken(AppId, TokenKind.ShortLivedUser);
        State.Faults = new EmulatorFaults { Mode = FaultMode.PermissionDenied, ThrottleCode = code };
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Client().ExchangeForLongLivedAsync(AppId, Secret, token.AsToken(), CancellationToken.None));
        Assert.Equal(403, ex.HttpStatus);
        Assert.Equal(code, ex.Code);
        Assert.Equal(FacebookErrorKind.PermissionDenied, ex.Kind);
        Assert.False(string.IsNullOrEmpty(ex.FbTraceId));
        Assert.Equal(1, ex.Attempts);
        Assert.Equal(1, TokenEndpointCalls);
    }

    [Fact]
    public async Task UnknownErrorCode1As500IsAServiceErrorAndRetried()
    {
        string token = State.MintToken(AppId, TokenKind.ShortLivedUser);
        State.Faults = new EmulatorFaults { Mode = FaultMode.UnknownError500, Count = 1 };
        FacebookAccessToken result = await Client().ExchangeForLongLivedAsync(AppId, Secret, token.AsToken(), CancellationToken.None);
        Assert.Equal(FacebookTokenKind.LongLivedUser, result.Kind);
        Assert.Equal(2, TokenEndpointCalls);

        State.Faults = new EmulatorFaults { Mode = FaultMode.UnknownError500 };
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Client().ExchangeForLongLivedAsync(AppId, Secret, token.AsToken(), CancellationToken.None));
        Assert.Equal(500, ex.HttpStatus);
        Assert.Equal(1, ex.Code);
        Assert.Equal(FacebookErrorKind.ServiceError, ex.Kind);
        Assert.Equal(3, ex.Attempts);
    }

    [Fact]
    public async Task InvalidTokenAs401FromAGraphReadIsReadByCodeAndNotRetried()
    {
        string expired = State.MintToken(AppId, TokenKind.ShortLivedUser);
        State.ExpireToken(expired);
        var ex = await Assert.ThrowsAsync<FacebookApiException>(() => Caller().CallAsync(Me(expired), CancellationToken.None));
        Assert.Equal(401, ex.HttpStatus);
        Assert.Equal(FacebookErrorKind.TokenExpired, ex.Kind);
        Assert.Equal(463, ex.Subcode);
        Assert.Equal(1, ex.Attempts);
    }

    [Fact]
    public async Task UsageHeadersAreOptional_ReadWithAndWithout()
    {
        // Graph object reads carry X-App-Usage, the token endpoint does not: both answers are read the same way.
        string token = State.MintToken(AppId, TokenKind.LongLivedUser);
        JsonObject me = await Caller().CallAsync(Me(token), CancellationToken.None);
        Assert.Equal("10230000001", me.GetString("id"));
        Assert.Contains("X-App-Usage {\"call_count\":1,", _log.All);

        _log.Messages.Clear();
        FacebookAccessToken exchanged = await Exchange(Code());
        Assert.Equal(FacebookTokenKind.ShortLivedUser, exchanged.Kind);
        Assert.DoesNotContain("X-App-Usage", _log.All);
        Assert.Contains("answered HTTP 200", _log.All);
    }

    public static TheoryData<string?> Locales() => new() { null, "pt_BR", "nl_NL" };

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task UsedAndExpiredCodesAreClassifiedTheSameInAnyLanguage(string? locale)
    {
        string used = Code();
        await Exchange(used);
        var usedError = await Assert.ThrowsAsync<FacebookApiException>(() => Caller().CallAsync(CodeExchange(used, locale), CancellationToken.None));
        var expiredError = await Assert.ThrowsAsync<FacebookApiException>(() => Caller().CallAsync(CodeExchange(Code(lifetime: TimeSpan.Zero), locale), CancellationToken.None));

        Assert.Equal(FacebookErrorKind.CodeAlreadyUsed, usedError.Kind);
        Assert.Equal(FacebookErrorKind.CodeExpired, expiredError.Kind);
        Assert.Equal(locale is null, usedError.FacebookMessage!.StartsWith("This authorization code", StringComparison.Ordinal));
        Assert.Contains(usedError.FacebookMessage!, usedError.Message);
        Assert.Contains(expiredError.FacebookMessage!, expiredError.Message);
    }

    [Theory]
    [MemberData(nameof(Locales))]
    public async Task InvalidTokensAreClassifiedTheSameInAnyLanguage(string? locale)
    {
        string expired = State.MintToken(AppId, TokenKind.ShortLivedUser);
        State.ExpireToken(expired);
        string revoked = State.MintToken(AppId, TokenKind.LongLivedUser);
        State.RevokeToken(revoked);

        var expiredAtExchange = await Assert.ThrowsAsync<FacebookApiException>(() => Caller().CallAsync(LongLivedExchange(expired, locale), CancellationToken.None));
        var expiredAtRead = await Assert.ThrowsAsync<FacebookApiException>(() => Caller().CallAsync(Me(expired, locale), CancellationToken.None));
        var revokedAtRead = await Assert.ThrowsAsync<FacebookApiException>(() => Caller().CallAsync(Me(revoked, locale), CancellationToken.None));
        var unparsable = await Assert.ThrowsAsync<FacebookApiException>(() => Caller().CallAsync(Me("EAAGnotatokenatall0123456789", locale), CancellationToken.None));

        Assert.Equal(FacebookErrorKind.TokenExpired, expiredAtExchange.Kind);
        Assert.Equal(FacebookErrorKind.TokenExpired, expiredAtRead.Kind);
        Assert.Equal(FacebookErrorKind.TokenRevoked, revokedAtRead.Kind);
        Assert.Equal(FacebookErrorKind.InvalidToken, unparsable.Kind);
        Assert.Equal(locale is null, expiredAtRead.FacebookMessage!.StartsWith("Error validating access token", StringComparison.Ordinal));
        Assert.Contains(expiredAtRead.FacebookMessage!, expiredAtRead.Message);
    }

    private GraphCaller Caller() =>
        new(new FacebookEndpoint(graphBaseUri: _emu.BaseUri, timeout: TimeSpan.FromSeconds(20)), _log, GraphHttp.Shared, new RetryPolicy(3, TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5), () => 0.5));

    private static GraphRequest Me(string token, string? locale = null) =>
        WithLocale(new GraphRequest(System.Net.Http.HttpMethod.Get, "me", RetryMode.Idempotent).AddQuery("access_token", token, SecretHandling.Mask), locale);

    private static GraphRequest CodeExchange(string code, string? locale) =>
        WithLocale(
            new GraphRequest(System.Net.Http.HttpMethod.Post, "oauth/access_token", RetryMode.OnlyIfNotProcessed)
                .AddForm("client_id", AppId)
                .AddForm("client_secret", EmulatorOptions.DefaultAppSecret, SecretHandling.Hide)
                .AddForm("redirect_uri", Redirect)
                .AddForm("code", code, SecretHandling.Mask),
            locale);

    private static GraphRequest LongLivedExchange(string token, string? locale) =>
        WithLocale(
            new GraphRequest(System.Net.Http.HttpMethod.Post, "oauth/access_token", RetryMode.Idempotent)
                .AddForm("grant_type", "fb_exchange_token")
                .AddForm("client_id", AppId)
                .AddForm("client_secret", EmulatorOptions.DefaultAppSecret, SecretHandling.Hide)
                .AddForm("fb_exchange_token", token, SecretHandling.Mask),
            locale);

    private static GraphRequest WithLocale(GraphRequest request, string? locale) =>
        locale is null ? request : request.AddQuery("locale", locale);

    /// <summary>App throttling (613) and business-use-case throttling with no named wait (80004) both reject the call, so even a code exchange backs off and retries.</summary>
    [Theory]
    [InlineData(613)]
    [InlineData(80004)]
    public async Task CodeExchangeIsRetriedWhenThrottled(int throttleCode)
    {
        State.Faults = new EmulatorFaults { Mode = FaultMode.Throttle, ThrottleCode = throttleCode, Count = 1 };
        FacebookAccessToken token = await Exchange(Code());
        Assert.Equal(FacebookTokenKind.ShortLivedUser, token.Kind);
        Assert.Equal(2, TokenEndpointCalls);
    }

    [Fact]
    public async Task RefusedConnectionIsConnectionFailedAndRetried()
    {
        var ex = await Assert.ThrowsAsync<FacebookConnectionException>(() =>
            Client(graph: new Uri("http://127.0.0.1:1")).ExchangeCodeAsync(AppId, Secret, Redirect, "AQcode-0123456789".AsCode(), null, CancellationToken.None));
        Assert.True(ex.BeforeSending);
        Assert.Equal(3, ex.Attempts);
        Assert.Contains("127.0.0.1:1", ex.Message);
    }

    [Theory]
    [InlineData(FaultMode.Html502, "HTTP 502")]
    [InlineData(FaultMode.Empty, "empty body")]
    [InlineData(FaultMode.TruncatedJson, "truncated")]
    [InlineData(FaultMode.NoAccessToken, "without an access_token")]
    [InlineData(FaultMode.Redirect, "HTTP 302")]
    [InlineData(FaultMode.TextPlain, "text/plain")]
    [InlineData(FaultMode.Huge, "not a Facebook token")]
    public async Task NonGraphAnswersGiveClearErrors(FaultMode mode, string expected)
    {
        string token = State.MintToken(AppId, TokenKind.ShortLivedUser);
        State.Faults = new EmulatorFaults { Mode = mode, Count = -1 };
        var ex = await Assert.ThrowsAsync<FacebookResponseException>(() => Client().ExchangeForLongLivedAsync(AppId, Secret, token.AsToken(), CancellationToken.None));
        Assert.Contains(expected, ex.Message);
        Assert.Equal(FacebookErrorKind.UnexpectedResponse, ex.Kind);
        Assert.DoesNotContain(EmulatorOptions.DefaultAppSecret, ex.Message);
        Assert.DoesNotContain(token, ex.Message);
    }

    [Theory]
    [InlineData(FaultMode.Hang)]
    [InlineData(FaultMode.SlowDrip)]
    public async Task HangsEndAtTheTimeout(FaultMode mode)
    {
        string token = State.MintToken(AppId, TokenKind.ShortLivedUser);
        State.Faults = new EmulatorFaults { Mode = mode, Count = -1 };
        // The watchdog turns a timeout that no longer works into a failure (TimeoutException) instead of a hung run.
        var ex = await Assert.ThrowsAsync<FacebookTimeoutException>(() => Client(timeoutSec: 1).ExchangeForLongLivedAsync(AppId, Secret, token.AsToken(), CancellationToken.None).WaitAsync(s_watchdog));
        Assert.Equal(TimeSpan.FromSeconds(1), ex.Timeout);
        Assert.Contains("-TimeoutSec", ex.Message);
        Assert.Equal(FacebookErrorKind.RequestTimedOut, ex.Kind);
    }

    [Fact]
    public async Task CancellationEndsAHangAsCancellationNotTimeout()
    {
        string token = State.MintToken(AppId, TokenKind.ShortLivedUser);
        State.Faults = new EmulatorFaults { Mode = FaultMode.Hang, Count = -1 };
        using var cts = new CancellationTokenSource();
        Task<FacebookAccessToken> call = Client(timeoutSec: 600).ExchangeForLongLivedAsync(AppId, Secret, token.AsToken(), cts.Token);
        using var bound = new CancellationTokenSource(s_watchdog);
        while (TokenEndpointCalls == 0)
        {
            await Task.Delay(10, bound.Token);
        }

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(s_watchdog));
    }

    [Fact]
    public async Task AnyApiVersionIsUsedInThePath()
    {
        var client = new FacebookOAuthClient(new FacebookEndpoint("v21.0", _emu.BaseUri), _log);
        await client.DebugTokenAsync(State.MintToken(AppId, TokenKind.LongLivedUser).AsToken(), AppId, Secret, CancellationToken.None);
        Assert.Equal("v21.0", State.Requests.Last().Version);
    }

    [Fact]
    public async Task BadInputIsRefusedBeforeAnyRequest()
    {
        await Assert.ThrowsAsync<FacebookInputException>(() => Exchange(Code(), redirect: "/relative"));
        await Assert.ThrowsAsync<FacebookInputException>(() => Exchange(Code(), appId: ""));
        await Assert.ThrowsAsync<FacebookInputException>(() => Exchange(" "));
        Assert.Throws<FacebookInputException>(() => FacebookToken.Secrets.CheckedSecret.AppSecret(new System.Security.SecureString()));
        Assert.Equal(0, TokenEndpointCalls);
    }
}
