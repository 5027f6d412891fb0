using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

public class SecretMaskTests
{
    [Fact]
    public void MaskShowsOnlyEnds()
    {
        Assert.Equal("EAAG…x9Q", SecretMask.MaskToken("EAAGabcdefghijklmnopqrstuvwxyzx9Q"));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("fifteen-chars!!")]
    public void ShortValuesShowNoCharacter(string value)
    {
        string masked = SecretMask.MaskToken(value);
        Assert.DoesNotContain(value.Substring(0, 3), masked);
    }

    [Fact]
    public void HideShowsNothing()
    {
        Assert.Equal("***(32 chars)", SecretMask.Hide(new string('s', 32)));
    }

    [Fact]
    public void ScrubRemovesEveryOccurrence()
    {
        string text = SecretMask.Scrub("token abcdefgh used; again abcdefgh.", "abcdefgh");
        Assert.DoesNotContain("abcdefgh", text);
    }

    [Fact]
    public void ConstantTimeEquality()
    {
        Assert.True(ConstantTime.EqualsOrdinal("abc", "abc"));
        Assert.False(ConstantTime.EqualsOrdinal("abc", "abd"));
        Assert.False(ConstantTime.EqualsOrdinal("abc", "abcd"));
        Assert.False(ConstantTime.EqualsOrdinal(null, "abc"));
    }

    [Fact]
    public void TokenObjectNeverPrintsItsToken()
    {
        const string raw = "EAAGsecretsecretsecretsecretXYZ";
        var token = new FacebookAccessToken(raw.ToSecureString(), FacebookTokenKind.LongLivedUser, "1");
        Assert.DoesNotContain(raw, token.ToString());
        Assert.Equal("EAAG…XYZ", token.MaskedToken);
        Assert.Equal(raw, token.AccessToken.ToPlainText());
    }
}
