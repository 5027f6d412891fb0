using System.Web;
using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

public class FacebookAuthUrlBuilderTests
{
    private static FacebookAuthRequest Build(Action<FacebookAuthOptions>? change = null, FacebookEndpoint? endpoint = null)
    {
        var options = new FacebookAuthOptions
        {
            AppId = "1234567890",
            RedirectUri = "http://localhost:8765/callback/?tenant=a&b=c",
            Scope = new[] { "whatsapp_business_management", "whatsapp_business_messaging" },
        };
        change?.Invoke(options);
        return FacebookAuthUrlBuilder.Build(endpoint ?? new FacebookEndpoint(), options);
    }

    [Fact]
    public void BuildsVersionedDialogUrlWithDocumentedParameters()
    {
        var req = Build(o => o.RedirectUri = "http://localhost:8765/callback/");
        var uri = new Uri(req.Uri);
        Assert.Equal("https://www.facebook.com/v25.0/dialog/oauth", uri.GetLeftPart(UriPartial.Path));
        var q = HttpUtility.ParseQueryString(uri.Query);
        Assert.Equal("1234567890", q["client_id"]);
        Assert.Equal("http://localhost:8765/callback/", q["redirect_uri"]);
        Assert.Equal("code", q["response_type"]);
        Assert.Equal("whatsapp_business_management,whatsapp_business_messaging", q["scope"]);
        Assert.Equal(req.State, q["state"]);
        Assert.Null(q["client_secret"]);
        Assert.Null(q["code_challenge"]);
        Assert.Null(req.CodeVerifier);
        Assert.Equal("v25.0", req.ApiVersion);
    }

    [Fact]
    public void GeneratesAtLeast128BitsOfStateEachTime()
    {
        var states = Enumerable.Range(0, 50).Select(_ => Build().State).ToList();
        Assert.Equal(50, states.Distinct().Count());
        Assert.All(states, s => Assert.True(s.Length >= 22, "22 base64url chars = 132 bits"));
    }

    [Fact]
    public void KeepsGivenStateAndExactRedirectUri()
    {
        var req = Build(o => o.State = "my-state-123");
        Assert.Equal("my-state-123", req.State);
        Assert.Equal("http://localhost:8765/callback/?tenant=a&b=c", req.RedirectUri);
    }

    [Fact]
    public void PkceChallengeIsS256OfVerifier()
    {
        var req = Build(o => { o.UsePkce = true; o.RedirectUri = "http://localhost:8765/callback/"; });
        var q = HttpUtility.ParseQueryString(new Uri(req.Uri).Query);
        string verifier = req.CodeVerifier!.ToPlainText();
        Assert.InRange(verifier.Length, 43, 128);
        Assert.Matches("^[A-Za-z0-9._~-]+$", verifier);
        Assert.Equal("S256", q["code_challenge_method"]);
        Assert.Equal(RandomValues.CodeChallengeS256(verifier), q["code_challenge"]);
        Assert.DoesNotContain(verifier, req.Uri);
    }

    [Fact]
    public void KnownPkceVectorFromRfc7636()
    {
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", RandomValues.CodeChallengeS256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    [Fact]
    public void HonoursVersionLoginBaseAndOptionalParameters()
    {
        var req = Build(
            o =>
            {
                o.RedirectUri = "http://localhost:8765/callback/";
                o.AuthType = "rerequest";
                o.ConfigId = "987654";
                o.Display = "popup";
                o.ResponseType = "code granted_scopes";
            },
            new FacebookEndpoint("24.0", loginBaseUri: new Uri("http://127.0.0.1:5000/")));
        var uri = new Uri(req.Uri);
        Assert.Equal("http://127.0.0.1:5000/v24.0/dialog/oauth", uri.GetLeftPart(UriPartial.Path));
        var q = HttpUtility.ParseQueryString(uri.Query);
        Assert.Equal("rerequest", q["auth_type"]);
        Assert.Equal("987654", q["config_id"]);
        Assert.Equal("popup", q["display"]);
        Assert.Equal("code granted_scopes", q["response_type"]);
    }

    [Fact]
    public void RefusesNonNumericConfigId()
    {
        var ex = Assert.Throws<FacebookInputException>(() => Build(o => o.ConfigId = "abc"));
        Assert.Equal("InvalidConfigId", ex.ErrorId);
    }
}
