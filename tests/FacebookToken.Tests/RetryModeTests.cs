using System;
using Xunit;

namespace FacebookToken.Tests;

/// <summary><see cref="RetryMode.NotAfterSending"/>: a POST that acts is repeated only when Facebook surely did not act.</summary>
public class RetryModeTests
{
    private static FacebookApiException Api(int code, bool transient = false, int status = 400) =>
        new("x", FacebookErrorClassifier.Classify(code, null, GraphEndpoint.Other, transient, status), "e", status, code, null, "OAuthException", "m", "trace", transient, null, null);

    [Theory]
    [InlineData(4)]
    [InlineData(17)]
    [InlineData(32)]
    [InlineData(613)]
    [InlineData(80000)]
    [InlineData(80004)]
    [InlineData(80014)]
    [InlineData(130429)]
    public void RepeatsAPostThrottledBeforeItActed(int code)
    {
        Assert.True(RetryPolicy.Default.ShouldRetry(Api(code, transient: true), RetryMode.NotAfterSending));
    }

    [Theory]
    [InlineData(2, 500)]
    [InlineData(1, 500)]
    [InlineData(131000, 500)]
    [InlineData(341, 400)]
    [InlineData(131026, 400)]
    public void NeverRepeatsAPostThatMayHaveActed(int code, int status)
    {
        Assert.False(RetryPolicy.Default.ShouldRetry(Api(code, transient: true, status: status), RetryMode.NotAfterSending));
        Assert.False(RetryPolicy.Default.ShouldRetry(new FacebookConnectionException("dropped", "e", beforeSending: false, null), RetryMode.NotAfterSending));
    }

    [Fact]
    public void RepeatsAPostWhoseConnectionWasRefusedBeforeSending()
    {
        Assert.True(RetryPolicy.Default.ShouldRetry(new FacebookConnectionException("refused", "e", beforeSending: true, null), RetryMode.NotAfterSending));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 3)]
    [InlineData(10, 11)]
    public void MaximumRetryCountCapsTheAttempts(int retries, int attempts)
    {
        Assert.Equal(attempts, RetryPolicy.Default.WithMaxRetries(retries).MaxAttempts);
    }

    [Fact]
    public void SaysHowUsageHeadersStand()
    {
        string? line = UsageHeaders.Describe(
            "{\"call_count\":12,\"total_cputime\":3,\"total_time\":4}",
            "{\"102290129340398\":[{\"type\":\"whatsapp_business_management\",\"call_count\":95,\"total_cputime\":10,\"total_time\":20,\"estimated_time_to_regain_access\":7}]}");
        Assert.Equal(
            "X-App-Usage call_count 12%, total_cputime 3%, total_time 4%; X-Business-Use-Case-Usage 102290129340398 whatsapp_business_management: call_count 95%, total_cputime 10%, total_time 20%, access returns in about 7 min",
            line);
        Assert.Null(UsageHeaders.Describe(null, null));
        Assert.Equal("X-App-Usage (unreadable)", UsageHeaders.Describe("not json", null));
    }
}
