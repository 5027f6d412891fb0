using System;
using System.Linq;
using Xunit;

namespace FacebookToken.Tests;

public class GraphUriTests
{
    private static readonly Uri s_base = new("https://graph.facebook.com");

    [Theory]
    [InlineData("me", null, "me")]
    [InlineData("/me", null, "me")]
    [InlineData("106540352242922/messages", null, "106540352242922/messages")]
    [InlineData("v24.0/me", "v24.0", "me")]
    [InlineData("https://graph.facebook.com/v23.0/102290129340398/message_templates?limit=5", "v23.0", "102290129340398/message_templates")]
    public void TakesPathsAndUrlsOnTheGraphBase(string uri, string? version, string path)
    {
        GraphUri parsed = GraphUri.Parse(uri, s_base);
        Assert.Equal(version, parsed.ApiVersion);
        Assert.Equal(path, parsed.Path);
    }

    [Fact]
    public void KeepsTheQueryUnescapedAndInOrder()
    {
        GraphUri parsed = GraphUri.Parse("102290129340398/message_templates?fields=name%2Cstatus&limit=100", s_base);
        Assert.Equal(new[] { "fields=name,status", "limit=100" }, parsed.Query.Select(p => p.Key + "=" + p.Value));
    }

    [Theory]
    [InlineData("https://evil.example.com/v25.0/me")]
    [InlineData("http://graph.facebook.com/v25.0/me")]
    [InlineData("https://graph.facebook.com:8443/v25.0/me")]
    [InlineData("https://graph.facebook.com.evil.example/v25.0/me")]
    [InlineData("//evil.example.com/v25.0/me")]
    [InlineData("https://user:pass@graph.facebook.com/v25.0/me")]
    [InlineData("https://graph.facebook.com/me")]
    [InlineData("me/../../oauth/access_token")]
    [InlineData("me/%2e%2e/x")]
    [InlineData("me#fragment")]
    [InlineData("me me")]
    [InlineData("")]
    [InlineData("?fields=id")]
    public void RefusesEverythingElse(string uri)
    {
        var ex = Assert.Throws<FacebookInputException>(() => GraphUri.Parse(uri, s_base));
        Assert.Equal("InvalidGraphUri", ex.ErrorId);
        Assert.Equal("Uri", ex.ParamName);
    }

    [Theory]
    [InlineData("me?access_token=EAAGabc")]
    [InlineData("me?appsecret_proof=abc")]
    [InlineData("https://graph.facebook.com/v25.0/me?ACCESS_TOKEN=EAAGabc")]
    public void RefusesATokenInTheUsersUri(string uri)
    {
        var ex = Assert.Throws<FacebookInputException>(() => GraphUri.Parse(uri, s_base));
        Assert.Equal("TokenInGraphUri", ex.ErrorId);
        Assert.DoesNotContain("EAAGabc", ex.Message);
    }

    [Fact]
    public void DropsTheTokenAndProofFacebookPutsInAPagingLink()
    {
        GraphUri next = GraphUri.ParseNext("https://graph.facebook.com/v25.0/102290129340398/message_templates?fields=name&access_token=EAAGsecret&appsecret_proof=p&appsecret_time=1&limit=100&after=QVFI", s_base);
        Assert.Equal("v25.0", next.ApiVersion);
        Assert.Equal(new[] { "fields", "limit", "after" }, next.Query.Select(p => p.Key));
    }

    [Fact]
    public void RefusesAPagingLinkOffTheGraphBase()
    {
        Assert.Throws<FacebookInputException>(() => GraphUri.ParseNext("https://evil.example.com/v25.0/x?after=1", s_base));
    }
}
