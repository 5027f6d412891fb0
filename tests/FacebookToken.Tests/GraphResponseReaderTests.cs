using System.Net.Http;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>How raw answers become data or typed errors, without a server.</summary>
public class GraphResponseReaderTests
{
    private const string Secret = "app-secret-value-0123456789";

    private static GraphRequest Request() =>
        new GraphRequest(HttpMethod.Post, "oauth/access_token", RetryMode.Idempotent).AddForm("client_secret", Secret, SecretHandling.Hide);

    private static Exception Interpret(int status, string? contentType, string body, string? location = null) =>
        Record.Exception(() => GraphResponseReader.Read(new GraphResponse(status, "Reason", contentType, body, location, null, null, null), "graph.example/v25.0/oauth/access_token", Request()))!;

    [Fact]
    public void Html502NamesTheStatusNotAParser()
    {
        var ex = Assert.IsType<FacebookResponseException>(Interpret(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>x</body></html>"));
        Assert.Contains("HTTP 502", ex.Message);
        Assert.Contains("text/html", ex.Message);
        Assert.Contains("502 Bad Gateway", ex.Message);
        Assert.True(ex.IsTransient);
        Assert.Equal(FacebookErrorKind.UnexpectedResponse, ex.Kind);
    }

    [Theory]
    [InlineData(200, "")]
    [InlineData(200, "   ")]
    [InlineData(500, "")]
    public void EmptyBodyNamesTheStatus(int status, string body)
    {
        var ex = Assert.IsType<FacebookResponseException>(Interpret(status, "application/json", body));
        Assert.Contains("HTTP " + status, ex.Message);
        Assert.Contains("empty", ex.Message);
    }

    [Fact]
    public void TruncatedJsonIsReportedAsSuch()
    {
        var ex = Assert.IsType<FacebookResponseException>(Interpret(200, "application/json", "{\"access_token\":\"EAAG12"));
        Assert.Contains("truncated", ex.Message);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public void RedirectIsNotFollowedAndNamesOnlyTheHost()
    {
        var ex = Assert.IsType<FacebookResponseException>(Interpret(302, null, string.Empty, "http://evil.example:81/steal?x=1"));
        Assert.Contains("HTTP 302", ex.Message);
        Assert.Contains("evil.example:81", ex.Message);
        Assert.DoesNotContain("steal", ex.Message);
    }

    [Fact]
    public void PlainTextIsNotJson()
    {
        var ex = Assert.IsType<FacebookResponseException>(Interpret(200, "text/plain", "OK"));
        Assert.Contains("text/plain", ex.Message);
    }

    [Fact]
    public void FacebookErrorKeepsEveryField()
    {
        var ex = Assert.IsType<FacebookApiException>(Interpret(400, "application/json",
            "{\"error\":{\"message\":\"This authorization code has been used.\",\"type\":\"OAuthException\",\"code\":100,\"error_subcode\":36009,\"error_user_title\":\"t\",\"error_user_msg\":\"u\",\"fbtrace_id\":\"AbCdEf12345\",\"is_transient\":false}}"));
        Assert.Equal(100, ex.Code);
        Assert.Equal(36009, ex.Subcode);
        Assert.Equal("OAuthException", ex.ErrorType);
        Assert.Equal("AbCdEf12345", ex.FbTraceId);
        Assert.Equal("This authorization code has been used.", ex.FacebookMessage);
        Assert.Equal("t", ex.UserTitle);
        Assert.Equal("u", ex.UserMessage);
        Assert.Equal(400, ex.HttpStatus);
        Assert.Equal(FacebookErrorKind.CodeAlreadyUsed, ex.Kind);
        Assert.False(ex.IsTransient);
        Assert.Contains("This authorization code has been used.", ex.Message);
        Assert.Contains("36009", ex.Message);
        Assert.Contains("AbCdEf12345", ex.Message);
    }

    [Fact]
    public void EchoedSecretIsScrubbedFromFacebooksMessage()
    {
        var ex = Assert.IsType<FacebookApiException>(Interpret(400, "application/json",
            "{\"error\":{\"message\":\"Bad secret " + Secret + "\",\"type\":\"OAuthException\",\"code\":1}}"));
        Assert.DoesNotContain(Secret, ex.Message);
        Assert.DoesNotContain(Secret, ex.FacebookMessage);
    }

    [Fact]
    public void TransientFlagAndStringCodesAreRead()
    {
        var ex = Assert.IsType<FacebookApiException>(Interpret(500, "text/javascript",
            "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"type\":\"OAuthException\",\"code\":\"2\",\"is_transient\":true}}"));
        Assert.Equal(2, ex.Code);
        Assert.True(ex.IsTransientFlag);
        Assert.True(ex.IsTransient);
        Assert.Equal(FacebookErrorKind.ServiceError, ex.Kind);
    }

    [Fact]
    public void NonSuccessJsonWithoutErrorObjectIsUnexpected()
    {
        Assert.IsType<FacebookResponseException>(Interpret(503, "application/json", "{\"status\":\"down\"}"));
    }

    [Fact]
    public void SuccessReturnsTheObject()
    {
        var obj = GraphResponseReader.Read(new GraphResponse(200, "OK", "application/json", "{\"access_token\":\"x\"}", null, null, null, null), "n", Request());
        Assert.Equal("x", obj.GetString("access_token"));
    }

    [Fact]
    public void WhatsAppErrorDetailsSurviveScrubbed()
    {
        var ex = Assert.IsType<FacebookApiException>(Interpret(400, "application/json",
            "{\"error\":{\"message\":\"(#100) Invalid parameter\",\"type\":\"OAuthException\",\"code\":100,\"error_data\":{\"messaging_product\":\"whatsapp\",\"details\":\"Bad value " + Secret + " for to\"}}}"));
        Assert.Equal("Bad value ***(" + Secret.Length + " chars) for to", ex.Details);
    }

    [Fact]
    public void ByteOrderMarkBeforeJsonIsIgnored()
    {
        var obj = GraphResponseReader.Read(new GraphResponse(200, "OK", "application/json", "\uFEFF{\"access_token\":\"x\"}", null, null, null, null), "n", Request());
        Assert.Equal("x", obj.GetString("access_token"));
    }

    [Theory]
    [InlineData("{\"access_token\":\"a\",\"access_token\":\"b\"}", "twice")]
    [InlineData("{\"expires_in\":01}", "broken syntax")]
    public void AmbiguousJsonIsRefusedNotGuessed(string body, string reason)
    {
        var ex = Assert.IsType<FacebookResponseException>(Interpret(200, "application/json", body));
        Assert.Contains(reason, ex.Message);
        Assert.IsType<FormatException>(ex.InnerException);
    }
}
