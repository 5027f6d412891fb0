using System.Text;
using FacebookToken.Cache;
using Xunit;

namespace FacebookToken.Tests;

public class CacheDocumentTests
{
    // Written by the hand-written JsonWriter of 0.x builds, byte for byte; such documents must stay readable.
    private const string WrittenByEarlierBuild =
        "{\"format\":\"FacebookToken.Cache\",\"version\":1,\"tokens\":[{\"name\":\"work\",\"accessToken\":\"EAAGtoken\\u0001\\\"x\",\"tokenType\":\"Bearer\",\"kind\":\"LongLivedUser\",\"appId\":\"1234567890\",\"userId\":null,\"scopes\":[\"whatsapp_business_management\",\"whatsapp_business_messaging\"],\"expiresOn\":\"2030-01-02T03:04:05.0000000+00:00\",\"dataAccessExpiresOn\":null,\"savedOn\":\"2029-11-03T03:04:05.0000000+00:00\"}]}";

    [Fact]
    public void ReadsADocumentWrittenByAnEarlierBuild()
    {
        CachedToken t = CacheDocument.Deserialize(Encoding.UTF8.GetBytes(WrittenByEarlierBuild)).Tokens["WORK"];
        Assert.Equal("EAAGtoken\u0001\"x", t.AccessToken);
        Assert.Equal(FacebookTokenKind.LongLivedUser, t.Kind);
        Assert.Equal("1234567890", t.AppId);
        Assert.Null(t.UserId);
        Assert.Equal(new[] { "whatsapp_business_management", "whatsapp_business_messaging" }, t.Scopes);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero), t.ExpiresOn);
        Assert.Null(t.DataAccessExpiresOn);
        Assert.Equal(new DateTimeOffset(2029, 11, 3, 3, 4, 5, TimeSpan.Zero), t.SavedOn);
    }

    [Fact]
    public void WritesWhatItReadsWithTheSameMemberNames()
    {
        CacheDocument doc = CacheDocument.Deserialize(Encoding.UTF8.GetBytes(WrittenByEarlierBuild));
        byte[] written = doc.Serialize();
        Assert.Equal(Encoding.UTF8.GetString(CacheDocument.Deserialize(written).Serialize()), Encoding.UTF8.GetString(written));
        Assert.Equal(Canonical(WrittenByEarlierBuild), Canonical(Encoding.UTF8.GetString(written)));
    }

    [Theory]
    [InlineData("{\"format\":\"other\",\"version\":1,\"tokens\":[]}")]
    [InlineData("{\"format\":\"FacebookToken.Cache\",\"version\":2,\"tokens\":[]}")]
    [InlineData("{\"format\":\"FacebookToken.Cache\",\"format\":\"FacebookToken.Cache\",\"version\":1,\"tokens\":[]}")]
    [InlineData("{\"format\":\"FacebookToken.Cache\",\"version\":1,\"tokens\":[{\"name\":\"a\"}]}")]
    public void RefusesWhatIsNotACacheDocument(string text)
    {
        Assert.Throws<FormatException>(() => CacheDocument.Deserialize(Encoding.UTF8.GetBytes(text)));
    }

    private static string Canonical(string json) => System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json).RootElement);
}
