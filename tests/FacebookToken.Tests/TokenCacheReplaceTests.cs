using FacebookToken.Cache;
using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>
/// <see cref="TokenCache.Replace"/>: a renewal replaces an entry only if it still holds the token renewed, so a
/// Save, Revoke/Remove or another renewal that ran meanwhile wins (issue 20, point 3). Two caches opened on one folder
/// stand for two processes.
/// </summary>
public sealed class TokenCacheReplaceTests : CacheFolderTest
{
    private const string Old = "EAAGoldtokenvalue0123456789abcdefOLD";
    private const string Renewed = "EAAGrenewedtokenvalue0123456789abcREN";
    private const string Saved = "EAAGsavedmeanwhile0123456789abcdefSAV";

    public TokenCacheReplaceTests()
        : base("fbt-cas-")
    {
    }

    private TokenCache Open() => OpenCache("test-key-0123456789");

    private static FacebookAccessToken Token(string raw) =>
        new(raw.ToSecureString(), FacebookTokenKind.SystemUser, "1234567890") { ExpiresOn = DateTimeOffset.UtcNow.AddDays(50) };

    private string Held(string name) => Open().ReadAll().Single(t => t.Name == name).AccessToken.ToPlainText();

    [Fact]
    public void ReplacesWhenTheEntryStillHoldsTheTokenRenewed()
    {
        Open().Save(Token(Old), "wa");

        Assert.True(Open().Replace("wa", Old.ToSecureString(), Token(Renewed)));

        Assert.Equal(Renewed, Held("wa"));
    }

    [Fact]
    public void KeepsASaveMadeWhileTheRenewalRan()
    {
        Open().Save(Token(Old), "wa");
        Open().Save(Token(Saved), "wa");

        Assert.False(Open().Replace("wa", Old.ToSecureString(), Token(Renewed)));

        Assert.Equal(Saved, Held("wa"));
    }

    [Fact]
    public void DoesNotBringBackAnEntryRemovedWhileTheRenewalRan()
    {
        Open().Save(Token(Old), "wa");
        Open().Save(Token(Saved), "other");
        Open().Remove(new[] { "wa" });

        Assert.False(Open().Replace("wa", Old.ToSecureString(), Token(Renewed)));

        Assert.Equal(new[] { "other" }, Open().ReadAll().Select(t => t.Name));
    }

    [Fact]
    public void OfTwoOverlappingRenewals_OnlyTheFirstReplaces()
    {
        Open().Save(Token(Old), "wa");

        Assert.True(Open().Replace("wa", Old.ToSecureString(), Token(Renewed)));
        Assert.False(Open().Replace("wa", Old.ToSecureString(), Token(Saved)));

        Assert.Equal(Renewed, Held("wa"));
    }
}
