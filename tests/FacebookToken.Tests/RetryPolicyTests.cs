using Xunit;

namespace FacebookToken.Tests;

public class RetryPolicyTests
{
    private static FacebookApiException Api(int code, int? subcode = null, bool transient = false, string message = "m", int status = 400) =>
        new("x", FacebookErrorClassifier.Classify(code, subcode, message), "e", status, code, subcode, "OAuthException", message, "trace", transient, null, null);

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(4, true)]
    [InlineData(17, true)]
    [InlineData(32, true)]
    [InlineData(341, true)]
    [InlineData(613, true)]
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
    [InlineData(101)]
    [InlineData(190)]
    [InlineData(191)]
    public void NeverRetriesTheseEvenWhenFlaggedTransient(int code)
    {
        Assert.False(RetryPolicy.Default.ShouldRetry(Api(code, transient: true, status: 500), RetryMode.Idempotent));
    }

    [Fact]
    public void WrongSecretReportedAsCode1IsNotRetried()
    {
        var ex = Api(1, message: "Error validating client secret.");
        Assert.Equal(FacebookErrorKind.InvalidAppSecret, ex.Kind);
        Assert.False(RetryPolicy.Default.ShouldRetry(ex, RetryMode.Idempotent));
    }

    [Fact]
    public void CodeExchangeRetriesOnlyWhatSurelyWasNotProcessed()
    {
        var policy = RetryPolicy.Default;
        Assert.False(policy.ShouldRetry(Api(2, transient: true, status: 500), RetryMode.OnlyIfNotProcessed));
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
        Assert.Equal(kind, FacebookErrorClassifier.Classify(code, subcode, "message"));
    }
}
