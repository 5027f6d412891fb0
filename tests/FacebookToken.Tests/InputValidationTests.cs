using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

public class InputValidationTests
{
    [Theory]
    [InlineData("v25.0", "v25.0")]
    [InlineData("V24.0", "v24.0")]
    [InlineData("21.0", "v21.0")]
    [InlineData(" v25.0 ", "v25.0")]
    public void NormalizesApiVersions(string given, string expected)
    {
        Assert.Equal(expected, InputValidation.NormalizeApiVersion(given));
    }

    [Theory]
    [InlineData("")]
    [InlineData("25")]
    [InlineData("v25")]
    [InlineData("latest")]
    [InlineData("v25.0.1")]
    [InlineData("v25.0/../x")]
    public void RefusesMalformedApiVersions(string given)
    {
        var ex = Assert.Throws<FacebookInputException>(() => InputValidation.NormalizeApiVersion(given));
        Assert.Equal("InvalidApiVersion", ex.ErrorId);
        Assert.Contains("v25.0", ex.Message);
    }

    [Theory]
    [InlineData("http://localhost:8765/callback/")]
    [InlineData("http://127.0.0.1:8765/callback")]
    [InlineData("https://www.facebook.com/connect/login_success.html")]
    [InlineData("https://example.com/cb?tenant=a&x=1")]
    public void KeepsValidRedirectUrisCharacterForCharacter(string uri)
    {
        Assert.Same(uri, InputValidation.ValidateRedirectUri(uri));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("/callback", "absolute")]
    [InlineData("localhost:8765/callback", "absolute")]
    [InlineData("ftp://example.com/cb", "absolute")]
    [InlineData("file:///etc/passwd", "absolute")]
    [InlineData("https://user:pw@example.com/cb", "user name")]
    [InlineData("https://example.com/cb#frag", "fragment")]
    [InlineData("https://example.com/c b", "spaces")]
    [InlineData("https://example.com/cb\r\nX: y", "control")]
    [InlineData(" https://example.com/cb", "spaces")]
    public void RefusesUnusableRedirectUris(string uri, string reason)
    {
        var ex = Assert.Throws<FacebookInputException>(() => InputValidation.ValidateRedirectUri(uri));
        Assert.Equal("InvalidRedirectUri", ex.ErrorId);
        Assert.Equal("RedirectUri", ex.ParamName);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void RefusesHugeRedirectUriWithoutEchoingIt()
    {
        string huge = "https://example.com/" + new string('a', 1024 * 1024);
        var ex = Assert.Throws<FacebookInputException>(() => InputValidation.ValidateRedirectUri(huge));
        Assert.True(ex.Message.Length < 400, "message should not echo a megabyte");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("my-app")]
    [InlineData("12 34")]
    [InlineData("123456789012345678901234567890123")]
    public void RefusesAppIdsThatAreNotDigits(string? appId)
    {
        var ex = Assert.Throws<FacebookInputException>(() => InputValidation.ValidateAppId(appId));
        Assert.Equal("InvalidAppIdParameter", ex.ErrorId);
        Assert.Contains("AppId", ex.Message);
    }

    [Fact]
    public void SplitsAndDeduplicatesScopes()
    {
        string[] scopes = InputValidation.NormalizeScopes(new[] { "whatsapp_business_management,whatsapp_business_messaging", " business_management ", "whatsapp_business_management", null });
        Assert.Equal(new[] { "whatsapp_business_management", "whatsapp_business_messaging", "business_management" }, scopes);
    }

    [Fact]
    public void RefusesScopeWithUrlSyntax()
    {
        var ex = Assert.Throws<FacebookInputException>(() => InputValidation.NormalizeScopes(new[] { "email&redirect_uri=http://evil" }));
        Assert.Equal("InvalidScope", ex.ErrorId);
    }

    [Fact]
    public void ShowEscapesControlCharactersAndCutsLongValues()
    {
        string shown = InputValidation.Show("a\u0001b" + new string('x', 500));
        Assert.Contains("\\u0001", shown);
        Assert.Contains("503 chars", shown);
        Assert.True(shown.Length < 120);
    }

    [Theory]
    [InlineData("http://example.com?x=1")]
    [InlineData("http://u:p@example.com")]
    [InlineData("ftp://example.com")]
    public void RefusesBadBaseUris(string uri)
    {
        var ex = Assert.Throws<FacebookInputException>(() => new FacebookEndpoint(graphBaseUri: new Uri(uri)));
        Assert.Equal("InvalidBaseUri", ex.ErrorId);
    }

    [Fact]
    public void ASecureStringKeepsEveryCharacterPastANul()
    {
        Assert.Equal("abc\0def", "abc\0def".ToSecureString().ToPlainText());
    }

    [Fact]
    public void ANulInAnAppSecretGivenAsSecureStringIsRefusedNotCutShort()
    {
        string given = "0123456789abcdef\0" + "0123456789abcdef";
        var ex = Assert.Throws<FacebookInputException>(() => InputValidation.ValidateAppSecret(given.ToSecureString().ToPlainText()));
        Assert.Equal("InvalidAppSecretParameter", ex.ErrorId);
        Assert.Contains("AppSecret contains a NUL character (U+0000)", ex.Message);
        Assert.Contains("App Dashboard", ex.Message);
        Assert.DoesNotContain("0123456789abcdef", ex.Message);
    }

    [Fact]
    public void ANulInATokenGivenAsSecureStringIsRefusedNotCutShort()
    {
        string given = "EAAGnultokenstart\0EAAGnultokenend";
        var ex = Assert.Throws<FacebookInputException>(() => InputValidation.ValidateOpaqueSecret(given.ToSecureString().ToPlainText(), "AccessToken", "InvalidAccessTokenParameter", "Give the token exactly as Facebook issued it."));
        Assert.Equal("InvalidAccessTokenParameter", ex.ErrorId);
        Assert.Contains("NUL character", ex.Message);
        Assert.DoesNotContain("EAAGnultoken", ex.Message);
    }
}
