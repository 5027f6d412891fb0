using System.Net.Http;
using FacebookToken.Json;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>Issue 12 in the core: plain http refused, echoed secrets masked before any cut, one check of the app secret, clean callback text.</summary>
public class SecurityTests
{
    private const string Secret = "app-secret-value-qwertyuiopasdfgh";
    private const string Code = "AQcodevaluezyxwvutsrqponmlkjihg";

    private static GraphRequest Request() =>
        new GraphRequest(HttpMethod.Post, "oauth/access_token", RetryMode.Idempotent)
            .AddForm("client_secret", Secret, SecretHandling.Hide)
            .AddForm("code", Code, SecretHandling.Mask);

    private static FacebookException Read(GraphResponse response) =>
        Assert.IsAssignableFrom<FacebookException>(Record.Exception(() => GraphResponseReader.Read(response, "graph.example/v25.0/oauth/access_token", Request())));

    private static void AssertNoPart(string? text, params string[] secrets)
    {
        foreach (string secret in secrets)
        {
            for (int i = 0; i + 8 <= secret.Length; i++)
            {
                Assert.DoesNotContain(secret.Substring(i, 8), text ?? string.Empty, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData("http://graph.example.test")]
    [InlineData("http://graph.facebook.com")]
    [InlineData("http://127.0.0.1.nip.io:5000")]
    [InlineData("http://localhost.example.test")]
    [InlineData("http://10.0.0.1:8080/")]
    [InlineData("http://[::2]:80")]
    public void PlainHttpGraphBaseUriOffThisMachineIsRefused(string uri)
    {
        var ex = Assert.Throws<FacebookInputException>(() => new FacebookEndpoint(graphBaseUri: new Uri(uri)));
        Assert.Equal("InsecureBaseUri", ex.ErrorId);
        Assert.Equal("GraphBaseUri", ex.ParamName);
        Assert.Contains("https", ex.Message);
        Assert.Contains("loopback", ex.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000")]
    [InlineData("http://127.8.9.10:5000/")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://LOCALHOST:5000")]
    [InlineData("http://[::1]:5000")]
    [InlineData("https://graph.example.test")]
    public void HttpsAndLoopbackGraphBaseUrisAreTaken(string uri)
    {
        Assert.Equal(new Uri(uri), new FacebookEndpoint(graphBaseUri: new Uri(uri)).GraphBaseUri);
    }

    [Fact]
    public void PlainHttpLoginBaseUriIsTakenWithAWarning()
    {
        Assert.Contains("LoginBaseUri", new FacebookEndpoint(loginBaseUri: new Uri("http://login.example.test")).LoginBaseUriWarning);
        Assert.Null(new FacebookEndpoint(loginBaseUri: new Uri("http://127.0.0.1:9")).LoginBaseUriWarning);
        Assert.Null(new FacebookEndpoint().LoginBaseUriWarning);
    }

    [Fact]
    public void AnHtmlPageWithASecretAcrossTheCutShowsNoPartOfIt()
    {
        // The excerpt is cut at 80 characters: the secret starts before the cut and ends after it.
        string title = new string('-', 70) + " " + Secret + " and more";
        var ex = Read(new GraphResponse(502, "Bad Gateway", "text/html", "<html><head><title>" + title + "</title></head></html>", null, null, null, null));
        AssertNoPart(ex.Message, Secret);
        Assert.Contains("***(", ex.Message);
    }

    [Fact]
    public void ErrorTypeTraceIdAndHeadersAreScrubbed()
    {
        string body = "{\"error\":{\"message\":\"m\",\"type\":\"OAuthException " + Secret + "\",\"code\":100,\"fbtrace_id\":\"A" + Code + "\"}}";
        var ex = Assert.IsType<FacebookApiException>(Read(new GraphResponse(400, "Bad " + Secret, "application/json", body, null, null, null, null)));
        AssertNoPart(ex.ErrorType, Secret);
        AssertNoPart(ex.FbTraceId, Code);
        AssertNoPart(ex.Message, Secret, Code);

        var headers = new GraphResponse(400, "Reason " + Code, "application/json", "{}", "http://" + Secret + "/", "1", "trace " + Secret, "{\"x\":\"" + Code + "\"}") { BusinessUseCaseUsage = Secret }
            .Scrubbed(Request().SecretValues);
        foreach (string? text in new[] { headers.ReasonPhrase, headers.Location, headers.FbTraceId, headers.AppUsage, headers.BusinessUseCaseUsage })
        {
            AssertNoPart(text, Secret, Code);
        }

        var fromHeader = Assert.IsType<FacebookApiException>(Read(new GraphResponse(400, "Bad", "application/json", "{\"error\":{\"message\":\"m\",\"code\":100}}", null, null, "trace " + Secret, null)));
        AssertNoPart(fromHeader.FbTraceId, Secret);
        AssertNoPart(fromHeader.Message, Secret);
    }

    [Fact]
    public void DebugTokenErrorQuotingTheAppTokenIsScrubbedEverywhere()
    {
        const string input = "EAAGinputtokenzyxwvutsrqponmlkj";
        var data = (JsonObject)JsonText.Parse(
            "{\"is_valid\":false,\"type\":\"USER\",\"application\":\"App " + Secret + "\",\"scopes\":[\"" + Secret + "\"],"
            + "\"error\":{\"code\":190,\"message\":\"Error validating 1234567890|" + Secret + " for " + input + "\"}}")!;
        GraphRequest request = new GraphRequest(HttpMethod.Get, "debug_token", RetryMode.Idempotent)
            .AddQuery("input_token", input, SecretHandling.Mask)
            .WithAppToken("1234567890", Secret.AsAppSecret());

        FacebookTokenInfo info = FacebookOAuthClient.ReadTokenInfo(data, input, request.SecretValues);

        Assert.Contains("1234567890|***(", info.Error!.Message);
        AssertNoPart(info.Error.Message, Secret, input);
        AssertNoPart(info.Error.ToString(), Secret, input);
        AssertNoPart(info.Application, Secret);
        AssertNoPart(string.Join(",", info.Scopes), Secret);
    }

    [Theory]
    [InlineData("secret\r\nX-Injected: 1")]
    [InlineData("secret with space")]
    [InlineData("")]
    public void AnAppSecretThatCannotWorkIsAnInputErrorBeforeAnyRequestIsBuilt(string secret)
    {
        var ex = Assert.Throws<FacebookInputException>(() => new GraphRequest(HttpMethod.Get, "debug_token", RetryMode.Idempotent).WithAppToken("1234567890", secret.AsAppSecret()));
        Assert.Equal("InvalidAppSecretParameter", ex.ErrorId);
        Assert.DoesNotContain("Injected", ex.Message);
    }

    [Fact]
    public void CallbackErrorTextLosesControlCharactersBeforeTheLoginDeniedMessage()
    {
        FacebookAuthRequest request = FacebookAuthUrlBuilder.Build(new FacebookEndpoint(), new FacebookAuthOptions { AppId = "1", RedirectUri = "https://x/cb", State = "state-abc-123" });
        foreach (string field in new[] { "error_description", "error_message" })
        {
            var ex = Assert.Throws<FacebookLoginException>(() => CallbackEvaluator.Evaluate(request, CallbackParameters.Parse(
                "https://x/cb?error=access_denied&error_reason=user%0D%0Adenied&" + field + "=Denied%0D%0AWARNING%3A+fake%1B%5B2K%E2%80%AE&state=state-abc-123")));
            Assert.Equal(FacebookErrorKind.LoginDenied, ex.Kind);
            Assert.Contains("DeniedWARNING: fake[2K", ex.Message);
            foreach (string? text in new[] { ex.Message, ex.ErrorDescription, ex.ErrorReason })
            {
                Assert.DoesNotMatch("[\\r\\n\\u001b\\u202e]", text ?? string.Empty);
            }
        }
    }
}
