using System.Net.Http;
using System.Text;
using FacebookEmulator;
using FacebookToken.Json;
using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>
/// Every answer, success or error, is scrubbed of the request's secrets before it becomes an object, and paging links
/// lose access_token, appsecret_proof and appsecret_time (issue 20, point 1); the scrub is linear and cancellable (point 6).
/// </summary>
public sealed class AnswerScrubberTests : IClassFixture<EmulatorFixture>
{
    private const string Token = "EAAGechoedbearer0123456789abcdefXYZ";
    private const string Secret = "app-secret-0123456789abcdef";
    private const string Waba = "102290129340398";
    private readonly FacebookEmulatorHost _emu;

    public AnswerScrubberTests(EmulatorFixture fixture)
    {
        _emu = fixture.Host;
        _emu.State.Reset();
    }

    [Fact]
    public void ASuccessAnswerEchoingTheBearerOrProof_ComesOutScrubbed_EscapesIncluded()
    {
        GraphRequest request = new GraphRequest(HttpMethod.Get, "102290129340398", RetryMode.Idempotent)
            .WithBearer(Token.AsToken())
            .WithAppSecretProof(Secret.AsAppSecret(), DateTimeOffset.FromUnixTimeSeconds(1764763200));
        string proof = request.Query.Single(p => p.Key == "appsecret_proof").Value;
        string escaped = "\\u0045" + Token.Substring(1);
        string body = "{\"id\":\"1\",\"name\":\"" + Token + "\",\"list\":[\"x " + proof + " y\",{\"deep\":\"" + escaped + "\"}],\"" + Token + "\":1,\"s\":\"" + Secret + "\"}";

        JsonObject answer = GraphResponseReader.Read(new GraphResponse(200, "OK", "application/json", body, null, null, null, null), "n", request);

        string written = JsonText.Write(answer);
        Assert.DoesNotContain(Token, written);
        Assert.DoesNotContain(proof, written);
        Assert.DoesNotContain(Secret, written);
        Assert.Equal("***(" + Token.Length + " chars)", answer.GetString("name"));
        Assert.Equal("1", answer.GetString("id"));
    }

    [Fact]
    public void AnErrorAnswer_IsScrubbedBeforeItBecomesAnException()
    {
        GraphRequest request = new GraphRequest(HttpMethod.Get, "me", RetryMode.Idempotent).WithBearer(Token.AsToken());
        string body = "{\"error\":{\"message\":\"bad " + Token + "\",\"code\":190,\"error_data\":{\"details\":\"" + Token + "\"},\"fbtrace_id\":\"T" + Token + "\"}}";

        var ex = Assert.IsType<FacebookApiException>(Record.Exception(() => GraphResponseReader.Read(new GraphResponse(400, "Bad Request", "application/json", body, null, null, null, null), "n", request)));

        Assert.DoesNotContain(Token, ex.Message + ex.FacebookMessage + ex.Details + ex.FbTraceId);
        Assert.Equal(190, ex.Code);
    }

    [Theory]
    [InlineData("next")]
    [InlineData("previous")]
    public void PagingLinks_LoseTheTokenTheProofAndItsTime_KeepingEverythingElse(string member)
    {
        GraphRequest request = new GraphRequest(HttpMethod.Get, Waba + "/message_templates", RetryMode.Idempotent).WithBearer(Token.AsToken());
        string link = "https://graph.facebook.com/v25.0/" + Waba + "/message_templates?fields=name&access_token=OTHERTOKEN0123456789&limit=2&appsecret_proof=abc123&Appsecret_Time=99&after=QVFI";
        string body = "{\"data\":[],\"paging\":{\"cursors\":{\"after\":\"QVFI\"},\"" + member + "\":\"" + link + "\"}}";

        JsonObject answer = GraphResponseReader.Read(new GraphResponse(200, "OK", "application/json", body, null, null, null, null), "n", request);

        Assert.Equal(
            "https://graph.facebook.com/v25.0/" + Waba + "/message_templates?fields=name&limit=2&after=QVFI",
            answer.GetObject("paging")!.GetString(member));
    }

    [Fact]
    public void AToken_EndpointsOwnAccessToken_IsKept_WhenItIssuesOne_EvenIfItEqualsTheTokenSent()
    {
        GraphRequest issuing = new GraphRequest(HttpMethod.Post, "oauth/access_token", RetryMode.Idempotent)
            .IssuingToken()
            .AddForm("fb_exchange_token", Token, SecretHandling.Mask);
        GraphRequest plain = new GraphRequest(HttpMethod.Get, "me", RetryMode.Idempotent).WithBearer(Token.AsToken());
        string body = "{\"access_token\":\"" + Token + "\",\"token_type\":\"bearer\",\"note\":\"" + Token + "\"}";

        JsonObject kept = GraphResponseReader.Read(new GraphResponse(200, "OK", "application/json", body, null, null, null, null), "n", issuing);
        JsonObject scrubbed = GraphResponseReader.Read(new GraphResponse(200, "OK", "application/json", body, null, null, null, null), "n", plain);

        Assert.Equal(Token, kept.GetString("access_token"));
        Assert.DoesNotContain(Token, kept.GetString("note"));
        Assert.DoesNotContain(Token, JsonText.Write(scrubbed));
    }

    [Fact]
    public async Task TheEmulatorsPagingLink_OverRealHttp_ReachesNoObjectWithTheTokenOrProof()
    {
        string token = _emu.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        var endpoint = new FacebookEndpoint(graphBaseUri: _emu.BaseUri);
        var client = new FacebookGraphClient(endpoint, new RecordingLog());
        GraphUri first = GraphUri.Parse(Waba + "/message_templates?limit=2", endpoint.GraphBaseUri);
        var call = new GraphCall("GET", first, token.AsToken()) { AppSecret = EmulatorOptions.DefaultAppSecret.AsAppSecret() };

        GraphAnswer page1 = await client.SendAsync(call, first, CancellationToken.None);
        GraphUri next = client.NextPage(page1.Body)!;
        GraphAnswer page2 = await client.SendAsync(call, next, CancellationToken.None);

        string link = page1.Body.GetObject("paging")!.GetString("next")!;
        Assert.StartsWith(_emu.BaseUri.GetLeftPart(UriPartial.Authority), link);
        Assert.DoesNotContain("access_token", link);
        Assert.DoesNotContain("appsecret_proof", link);
        Assert.DoesNotContain("appsecret_time", link);
        Assert.Contains("after=", link);
        Assert.DoesNotContain(token, JsonText.Write(page1.Body) + JsonText.Write(page2.Body));
        Assert.Equal(2, page1.Body.GetArray("data")!.Count);
        Assert.NotEmpty(page2.Body.GetArray("data")!);
    }

    [Fact]
    public void Scrub_IsExact_ForATextRepeatingTheSecretManyTimes()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++)
        {
            sb.Append("<p>").Append(Token).Append("</p>");
        }

        string scrubbed = SecretMask.Scrub(sb.ToString(), Token, Token.Substring(0, 20));

        Assert.DoesNotContain(Token.Substring(0, 20), scrubbed);
        Assert.Equal(20_000 * ("<p>".Length + SecretMask.Hide(Token).Length + "</p>".Length), scrubbed.Length);
    }

    [Fact]
    public void Scrub_EndsWhenCancelled()
    {
        string text = string.Concat(Enumerable.Repeat(Token + " ", 5_000));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => SecretMask.Scrub(text, cancelled.Token, Token));
    }

    [Fact]
    public void Scrub_HidesTheLongerSecretWhole_WhenAShorterOneIsPartOfIt()
    {
        string scrubbed = SecretMask.Scrub("x " + Token + " y", Token.Substring(0, 10), Token);

        Assert.Equal("x " + SecretMask.Hide(Token) + " y", scrubbed);
    }

    [Fact]
    public void ControlAndFormattingCharactersFromGraph_NeverReachAMessage()
    {
        GraphRequest request = new GraphRequest(HttpMethod.Get, "me", RetryMode.Idempotent).WithBearer(Token.AsToken());
        string body = "{\"error\":{\"message\":\"bad\\r\\nVERBOSE: forged\\u001b[31m red \\u202Edesrever\",\"type\":\"OAuth\\nException\",\"code\":190,\"error_user_msg\":\"x\\u0007y\",\"fbtrace_id\":\"T\\r1\"}}";

        var ex = Assert.IsType<FacebookApiException>(Record.Exception(() => GraphResponseReader.Read(new GraphResponse(400, "Bad Request", "application/json", body, null, null, null, null), "n", request)));

        string all = ex.Message + ex.FacebookMessage + ex.ErrorType + ex.UserMessage + ex.FbTraceId + ex.RecommendedAction;
        Assert.DoesNotContain(all, c => char.IsControl(c) || c == '\u202E');
        Assert.Contains("bad  VERBOSE: forged", ex.FacebookMessage);
    }

    [Fact]
    public void ARefusedUri_QuotesNoTokenEvenCut()
    {
        string uri = "https://evil.example/v25.0/me?x=1&access_token=" + Token + "&appsecret_proof=abcdef0123456789abcdef";

        var ex = Assert.IsType<FacebookInputException>(Record.Exception(() => GraphUri.Parse(uri, new Uri("https://graph.facebook.com"))));

        Assert.DoesNotContain(Token.Substring(0, 8), ex.Message);
        Assert.DoesNotContain("abcdef0123", ex.Message);
        Assert.Equal("https://evil.example/v25.0/me", GraphUri.WithoutQuery(uri));
    }
}
