using FacebookToken.Json;
using Xunit;

namespace FacebookToken.Tests;

public class JsonParserTests
{
    [Fact]
    public void ParsesGraphTokenAnswer()
    {
        var obj = Assert.IsType<Dictionary<string, object?>>(JsonParser.Parse("{\"access_token\":\"EAAG\\u0041b\",\"token_type\":\"bearer\",\"expires_in\":5183944,\"x\":[1,true,null,{\"y\":\"\\n\"}]}"));
        Assert.Equal("EAAGAb", obj.GetString("access_token"));
        Assert.Equal(5183944L, obj.GetInt64("expires_in"));
        var arr = obj.GetArray("x")!;
        Assert.Equal(4, arr.Count);
        Assert.Equal(true, arr[1]);
        Assert.Null(arr[2]);
    }

    [Fact]
    public void KeepsLargeIdsExact()
    {
        var obj = (Dictionary<string, object?>)JsonParser.Parse("{\"app_id\":123456789012345678901}")!;
        Assert.Equal("123456789012345678901", obj.GetString("app_id"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"access_token\":\"EAAG12")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{\"a\" 1}")]
    [InlineData("[1 2]")]
    [InlineData("{\"a\":tru}")]
    [InlineData("{\"a\":\"\\x\"}")]
    [InlineData("{\"a\":1} trailing")]
    [InlineData("{\"a\":-}")]
    [InlineData("{\"a\":\"line\nbreak\"}")]
    public void RejectsMalformedJsonWithFormatException(string text)
    {
        Assert.Throws<FormatException>(() => JsonParser.Parse(text));
    }

    [Fact]
    public void BoundsNestingDepth()
    {
        string deep = new string('[', 10000) + new string(']', 10000);
        Assert.Throws<FormatException>(() => JsonParser.Parse(deep));
    }

    [Fact]
    public void ReadsIdsGivenAsNumbersOrStrings()
    {
        var a = (Dictionary<string, object?>)JsonParser.Parse("{\"app_id\":1234,\"expires_in\":\"60\",\"ok\":\"true\"}")!;
        Assert.Equal("1234", a.GetString("app_id"));
        Assert.Equal(60L, a.GetInt64("expires_in"));
        Assert.True(a.GetBoolean("ok"));
        Assert.Null(a.GetInt64("missing"));
    }
}
