using System;
using Xunit;

namespace FacebookToken.Tests;

public class TokenLifetimeTests
{
    private static readonly DateTimeOffset s_now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("SYSTEM_USER", null, FacebookTokenKind.SystemUser)]
    [InlineData("system_user", null, FacebookTokenKind.SystemUser)]
    [InlineData("System_User", 3600, FacebookTokenKind.SystemUser)]
    [InlineData("USER", null, FacebookTokenKind.LongLivedUser)]
    [InlineData("user", 5_184_000, FacebookTokenKind.LongLivedUser)]
    [InlineData("User", 3600, FacebookTokenKind.ShortLivedUser)]
    [InlineData("PAGE", null, FacebookTokenKind.Page)]
    [InlineData("page", null, FacebookTokenKind.Page)]
    [InlineData("APP", null, FacebookTokenKind.App)]
    [InlineData("app", null, FacebookTokenKind.App)]
    [InlineData("WORKPLACE", null, FacebookTokenKind.Unknown)]
    [InlineData(null, null, FacebookTokenKind.Unknown)]
    [InlineData("", null, FacebookTokenKind.Unknown)]
    public void FromDebugTokenType_reads_the_type_whatever_its_case(string? type, int? expiresInSeconds, FacebookTokenKind expected)
    {
        DateTimeOffset? expiresOn = expiresInSeconds is null ? null : s_now.AddSeconds(expiresInSeconds.Value);

        Assert.Equal(expected, TokenLifetime.FromDebugTokenType(type, expiresOn, s_now));
    }
}
