using System.Net.Http;
using System.Text.Json;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>Every answer in RealAnswers.json, as Facebook really sent it, through the client's reading and classification.</summary>
public class RealAnswersTests
{
    private const string Secret = "app-secret-value-0123456789";

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement answer in Load())
        {
            data.Add(answer.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void IsReadAndClassifiedByMeaning(string name)
    {
        JsonElement answer = Load().Single(a => a.GetProperty("name").GetString() == name);
        string? made = answer.TryGetProperty("request", out JsonElement r) ? r.GetString() : null;
        var ex = Assert.IsType<FacebookApiException>(Read(answer.GetProperty("endpoint").GetString()!, answer.GetProperty("status").GetInt32(), answer.GetProperty("body").GetString()!, made));

        Assert.Equal(Enum.Parse<FacebookErrorKind>(answer.GetProperty("kind").GetString()!), ex.Kind);
        Assert.Equal(answer.GetProperty("code").GetInt32(), ex.Code);
        Assert.Equal(answer.GetProperty("subcode").ValueKind == JsonValueKind.Null ? null : answer.GetProperty("subcode").GetInt32(), ex.Subcode);
        Assert.Equal(answer.GetProperty("retried").GetBoolean(), RetryPolicy.Default.ShouldRetry(ex, RetryMode.Idempotent));

        // Facebook's own words survive, whatever the language, in the field and in the message shown.
        string text = answer.GetProperty("message").GetString()!;
        Assert.Contains(text, ex.FacebookMessage);
        Assert.Contains(text, ex.Message);
        if (answer.TryGetProperty("advice", out JsonElement advice))
        {
            // The same answer means "pass the app credentials" or "the secret is wrong", by what the request carried.
            Assert.Equal(typeof(ErrorAdviceTable).GetField(advice.GetString()!)!.GetValue(null), ex.RecommendedAction);
        }

        if (answer.TryGetProperty("trace", out JsonElement trace))
        {
            Assert.Equal(trace.GetString(), ex.FbTraceId);
        }
    }

    public static TheoryData<string> SuccessNames()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement answer in Load("successes"))
        {
            data.Add(answer.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SuccessNames))]
    public void SuccessIsReadIntoTheTokenInfo(string name)
    {
        JsonElement answer = Load("successes").Single(a => a.GetProperty("name").GetString() == name);
        var request = new GraphRequest(HttpMethod.Get, "debug_token", RetryMode.Idempotent).AddQuery("input_token", "EAAGinput0123456789", SecretHandling.Mask);
        FacebookToken.Json.JsonObject body = GraphResponseReader.Read(
            new GraphResponse(200, "OK", "application/json; charset=UTF-8", answer.GetProperty("body").GetString()!, null, null, null, null),
            "graph.facebook.com/v25.0/debug_token",
            request);

        FacebookTokenInfo info = FacebookOAuthClient.ReadTokenInfo(body.GetObject("data")!, "EAAG…789", new[] { "EAAGinput0123456789" });

        Assert.Equal(answer.GetProperty("isValid").GetBoolean(), info.IsValid);
        Assert.Equal(answer.GetProperty("userId").GetString(), info.UserId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(answer.GetProperty("expiresAt").GetInt64()), info.ExpiresOn);
        Assert.Equal(answer.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray(), info.Scopes);
    }

    [Fact]
    public void EveryAnswerNamesItsSource()
    {
        Assert.All(Load().Concat(Load("successes")), a => Assert.StartsWith("https://", a.GetProperty("source").GetString()));
        Assert.True(Load().Count >= 21);
        Assert.True(Load("successes").Count >= 2);
    }

    /// <summary>The one place the corpus meets the client: re-point here when the reading moves.</summary>
    private static Exception Read(string endpoint, int status, string body, string? made = null)
    {
        GraphRequest request = endpoint switch
        {
            "codeExchange" => new GraphRequest(HttpMethod.Post, "oauth/access_token", RetryMode.OnlyIfNotProcessed).AddForm("client_secret", Secret, SecretHandling.Hide).AddForm("code", "AQcode0123456789", SecretHandling.Mask),
            "tokenGrant" => new GraphRequest(HttpMethod.Post, "oauth/access_token", RetryMode.Idempotent).AddForm("grant_type", "fb_exchange_token").AddForm("client_secret", Secret, SecretHandling.Hide),
            "debugToken" => new GraphRequest(HttpMethod.Get, "debug_token", RetryMode.Idempotent).AddQuery("input_token", "EAAGinput0123456789", SecretHandling.Mask),
            _ => new GraphRequest(HttpMethod.Get, "me", RetryMode.Idempotent),
        };
        if (made is "userToken" or "userTokenWithProof")
        {
            request.WithBearer("EAAGuser0123456789".AsToken()).WithAppSecretProof(made == "userTokenWithProof" ? Secret.AsAppSecret() : null, DateTimeOffset.UtcNow);
        }

        return Record.Exception(() => GraphResponseReader.Read(new GraphResponse(status, "Reason", "application/json", body, null, null, null, null), "graph.facebook.com/v25.0/" + request.Path, request))!;
    }

    private static List<JsonElement> Load(string list = "answers")
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "RealAnswers.json")));
        return doc.RootElement.GetProperty(list).EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
