using Xunit;

namespace FacebookToken.Tests;

public class RetryPolicyTests
{
    private static FacebookApiException Api(int code, int? subcode = null, bool transient = false, string message = "m", int status = 400, GraphEndpoint endpoint = GraphEndpoint.Other, int attempts = 1) =>
        new("x", FacebookErrorClassifier.Classify(code, subcode, endpoint, transient, status), "e", status, code, subcode, "OAuthException", message, "trace", transient, null, null)
        {
            Attempts = attempts,
        };

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(4, true)]
    [InlineData(17, true)]
    [InlineData(32, true)]
    [InlineData(341, true)]
    [InlineData(613, true)]
    [InlineData(80004, true)]
    [InlineData(80000, true)]
    [InlineData(80014, true)]
    [InlineData(130429, true)]
    [InlineData(80015, false)]
    [InlineData(100, false)]
    [InlineData(101, false)]
    [InlineData(190, false)]
    [InlineData(191, false)]
    [InlineData(10, false)]
    public void ClassifiesTransientCodes(int code, bool transient)
    {
        Assert.Equal(transient, Api(code).IsTransient);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(190)]
    [InlineData(191)]
    [InlineData(200)]
    [InlineData(10)]
    public void NeverRetriesTheseEvenWhenFlaggedTransient(int code)
    {
        Assert.False(RetryPolicy.Default.ShouldRetry(Api(code, transient: true, status: 500), RetryMode.Idempotent));
    }

    [Fact]
    public void WrongSecretReportedAsCode1IsNotRetried()
    {
        var ex = Api(1, message: "Error validating client secret.", endpoint: GraphEndpoint.TokenGrant);
        Assert.Equal(FacebookErrorKind.InvalidAppSecret, ex.Kind);
        Assert.False(RetryPolicy.Default.ShouldRetry(ex, RetryMode.Idempotent));
    }

    [Theory]
    [InlineData("Error validating client secret.")]
    [InlineData("Erro ao validar o segredo do cliente.")]
    [InlineData("An unknown error has occurred.")]
    public void Code1AtTheTokenEndpointIsDecidedByTheFlagNotTheText(string message)
    {
        Assert.Equal(FacebookErrorKind.InvalidAppSecret, Api(1, message: message, endpoint: GraphEndpoint.CodeExchange).Kind);
        Assert.Equal(FacebookErrorKind.ServiceError, Api(1, message: message, transient: true, endpoint: GraphEndpoint.CodeExchange).Kind);
        Assert.Equal(FacebookErrorKind.ServiceError, Api(1, message: message, endpoint: GraphEndpoint.DebugToken).Kind);
    }

    [Fact]
    public void PermanentCodeSentWithHttp500IsNotRetried()
    {
        // snarfed/bridgy#437: {"error":{"message":"Permissions error","type":"FacebookApiException","code":200}} as HTTP 500.
        var ex = Api(200, message: "Permissions error", status: 500);
        Assert.Equal(FacebookErrorKind.PermissionDenied, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.False(RetryPolicy.Default.ShouldRetry(ex, RetryMode.Idempotent));
    }

    [Theory]
    [InlineData(false, 400, FacebookErrorKind.InvalidAppId, false)]
    [InlineData(true, 400, FacebookErrorKind.ServiceError, true)]
    [InlineData(false, 500, FacebookErrorKind.ServiceError, true)]
    public void Code101IsAWrongAppIdOnlyWhenNeitherFlaggedNorA5xx(bool transient, int status, FacebookErrorKind kind, bool retried)
    {
        var ex = Api(101, transient: transient, status: status);
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(retried, RetryPolicy.Default.ShouldRetry(ex, RetryMode.Idempotent));
    }

    [Fact]
    public void CodeExchangeFlaggedTransientIsTriedOnceMore()
    {
        var policy = RetryPolicy.Default;
        Assert.True(policy.ShouldRetry(Api(2, transient: true, status: 500, endpoint: GraphEndpoint.CodeExchange), RetryMode.OnlyIfNotProcessed));
        Assert.False(policy.ShouldRetry(Api(2, transient: true, status: 500, endpoint: GraphEndpoint.CodeExchange, attempts: 2), RetryMode.OnlyIfNotProcessed));
        Assert.False(policy.ShouldRetry(Api(2, transient: false, status: 500, endpoint: GraphEndpoint.CodeExchange), RetryMode.OnlyIfNotProcessed));
    }

    [Theory]
    [InlineData(80004)]
    [InlineData(130429)]
    public void BusinessThrottlingIsRetriedEvenOnACodeExchange(int code)
    {
        var ex = Api(code, status: 429);
        Assert.Equal(FacebookErrorKind.RateLimited, ex.Kind);
        Assert.True(RetryPolicy.Default.ShouldRetry(ex, RetryMode.OnlyIfNotProcessed));
    }

    [Fact]
    public void CodeExchangeRetriesOnlyWhatSurelyWasNotProcessed()
    {
        var policy = RetryPolicy.Default;
        Assert.False(policy.ShouldRetry(Api(2, transient: false, status: 500), RetryMode.OnlyIfNotProcessed));
        Assert.False(policy.ShouldRetry(new FacebookResponseException("502", "e", 502, "text/html"), RetryMode.OnlyIfNotProcessed));
        Assert.False(policy.ShouldRetry(new FacebookConnectionException("reset", "e", beforeSending: false, null), RetryMode.OnlyIfNotProcessed));
        Assert.True(policy.ShouldRetry(new FacebookConnectionException("refused", "e", beforeSending: true, null), RetryMode.OnlyIfNotProcessed));
        Assert.True(policy.ShouldRetry(Api(613), RetryMode.OnlyIfNotProcessed));
        Assert.True(policy.ShouldRetry(Api(2, transient: true, status: 500), RetryMode.Idempotent));
        Assert.True(policy.ShouldRetry(new FacebookResponseException("502", "e", 502, "text/html"), RetryMode.Idempotent));
        Assert.False(policy.ShouldRetry(new FacebookResponseException("200", "e", 200, "text/html"), RetryMode.Idempotent));
    }

    [Fact]
    public void BackOffGrowsExponentiallyWithinJitterBounds()
    {
        var low = new RetryPolicy(3, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), () => 0.0);
        var high = new RetryPolicy(3, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), () => 0.999999);
        Assert.Equal(250, low.GetDelay(1, null).TotalMilliseconds, 1);
        Assert.Equal(500, high.GetDelay(1, null).TotalMilliseconds, 1);
        Assert.Equal(500, low.GetDelay(2, null).TotalMilliseconds, 1);
        Assert.Equal(1000, high.GetDelay(2, null).TotalMilliseconds, 1);
        Assert.Equal(10000, high.GetDelay(20, null).TotalMilliseconds, 1);
    }

    [Fact]
    public void RetryAfterWinsButIsCapped()
    {
        var policy = new RetryPolicy(3, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), () => 0.5);
        Assert.Equal(TimeSpan.FromSeconds(3), policy.GetDelay(1, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromSeconds(10), policy.GetDelay(1, TimeSpan.FromSeconds(600)));
    }

    [Theory]
    [InlineData(100, 36009, FacebookErrorKind.CodeAlreadyUsed)]
    [InlineData(100, 36007, FacebookErrorKind.CodeExpired)]
    [InlineData(100, 36008, FacebookErrorKind.RedirectUriMismatch)]
    [InlineData(100, null, FacebookErrorKind.InvalidParameter)]
    [InlineData(80004, null, FacebookErrorKind.RateLimited)]
    [InlineData(130429, null, FacebookErrorKind.RateLimited)]
    [InlineData(101, null, FacebookErrorKind.InvalidAppId)]
    [InlineData(190, 463, FacebookErrorKind.TokenExpired)]
    [InlineData(190, 458, FacebookErrorKind.TokenRevoked)]
    [InlineData(190, 460, FacebookErrorKind.TokenRevoked)]
    [InlineData(190, null, FacebookErrorKind.InvalidToken)]
    [InlineData(102, null, FacebookErrorKind.InvalidToken)]
    [InlineData(191, null, FacebookErrorKind.RedirectUriNotAllowed)]
    [InlineData(4, null, FacebookErrorKind.RateLimited)]
    [InlineData(17, null, FacebookErrorKind.RateLimited)]
    [InlineData(613, null, FacebookErrorKind.RateLimited)]
    [InlineData(2, null, FacebookErrorKind.ServiceError)]
    [InlineData(10, null, FacebookErrorKind.PermissionDenied)]
    [InlineData(200, null, FacebookErrorKind.PermissionDenied)]
    [InlineData(368, null, FacebookErrorKind.TemporarilyBlocked)]
    [InlineData(12345, null, FacebookErrorKind.FacebookApiError)]
    public void MapsCodesToKinds(int code, int? subcode, FacebookErrorKind kind)
    {
        Assert.Equal(kind, FacebookErrorClassifier.Classify(code, subcode));
    }

    [Theory]
    [InlineData(false, FacebookErrorKind.RedirectUriMismatch)]
    [InlineData(true, FacebookErrorKind.InvalidCodeVerifier)]
    public void BareCode100AtTheCodeExchangeIsAMismatchWhateverTheLanguage(bool sentVerifier, FacebookErrorKind kind)
    {
        Assert.Equal(kind, FacebookErrorClassifier.Classify(100, null, GraphEndpoint.CodeExchange, sentCodeVerifier: sentVerifier));
        Assert.Equal(FacebookErrorKind.InvalidParameter, FacebookErrorClassifier.Classify(100, null, GraphEndpoint.TokenGrant, sentCodeVerifier: sentVerifier));
        Assert.Equal(FacebookErrorKind.CodeAlreadyUsed, FacebookErrorClassifier.Classify(100, 36009, GraphEndpoint.CodeExchange, sentCodeVerifier: sentVerifier));
    }

    [Fact]
    public void BusinessUseCaseUsageGivesTheLongestRegainTimeInMinutes()
    {
        Assert.Null(BusinessUseCaseUsage.RegainAccessAfter(null));
        Assert.Null(BusinessUseCaseUsage.RegainAccessAfter("{\"123\":[{\"type\":\"whatsapp\",\"call_count\":100,\"total_cputime\":1,\"total_time\":1,\"estimated_time_to_regain_access\":0}]}"));
        Assert.Equal(
            TimeSpan.FromMinutes(7),
            BusinessUseCaseUsage.RegainAccessAfter("{\"1\":[{\"type\":\"whatsapp\",\"estimated_time_to_regain_access\":2}],\"2\":[{\"type\":\"ads_management\",\"estimated_time_to_regain_access\":7}]}"));
    }

    [Theory]
    [InlineData(3599L, FacebookTokenKind.ShortLivedUser)]
    [InlineData(7199L, FacebookTokenKind.ShortLivedUser)]
    [InlineData(86400L, FacebookTokenKind.ShortLivedUser)]
    [InlineData(86401L, FacebookTokenKind.LongLivedUser)]
    [InlineData(5183944L, FacebookTokenKind.LongLivedUser)]
    public void KindFollowsExpiresInNotTheGrant(long expiresIn, FacebookTokenKind kind)
    {
        Assert.Equal(kind, TokenLifetime.FromExpiresIn(expiresIn));
        Assert.Null(TokenLifetime.FromExpiresIn(null));
    }
}
