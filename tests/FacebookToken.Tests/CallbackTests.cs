using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

public class CallbackTests
{
    private static FacebookAuthRequest Request(bool pkce = false) =>
        FacebookAuthUrlBuilder.Build(new FacebookEndpoint(), new FacebookAuthOptions
        {
            AppId = "1234567890",
            RedirectUri = "https://www.facebook.com/connect/login_success.html",
            Scope = new[] { "whatsapp_business_management" },
            State = "state-abc-123",
            UsePkce = pkce,
        });

    [Theory]
    [InlineData("https://www.facebook.com/connect/login_success.html?code=AQabc&state=state-abc-123#_=_")]
    [InlineData("https://www.facebook.com/connect/login_success.html?code=AQabc&state=state-abc-123")]
    [InlineData("https://www.facebook.com/connect/login_success.html#code=AQabc&state=state-abc-123")]
    [InlineData("https://www.facebook.com/connect/login_success.html?state=state-abc-123#code=AQabc")]
    [InlineData("?code=AQabc&state=state-abc-123")]
    [InlineData("code=AQabc&state=state-abc-123")]
    [InlineData("  https://www.facebook.com/connect/login_success.html?code=AQabc&state=state%2Dabc%2D123#_=_  ")]
    public void PasteBackVariantsGiveTheCode(string pasted)
    {
        FacebookAuthCode code = CallbackEvaluator.Evaluate(Request(), CallbackParameters.Parse(pasted));
        Assert.Equal("AQabc", code.Code.ToPlainText());
        Assert.Equal("state-abc-123", code.State);
        Assert.Equal("1234567890", code.AppId);
        Assert.Equal("https://www.facebook.com/connect/login_success.html", code.RedirectUri);
        Assert.Equal(new[] { "whatsapp_business_management" }, code.GrantedScopes);
        Assert.Equal("v25.0", code.ApiVersion);
    }

    [Theory]
    [InlineData("https://x/cb?code=AQabc&state=wrong")]
    [InlineData("https://x/cb?code=AQabc")]
    [InlineData("https://x/cb?code=AQabc&state=state-abc-1234")]
    [InlineData("https://x/cb?error=access_denied&error_reason=user_denied&state=forged")]
    [InlineData("")]
    public void WrongOrMissingStateIsStateMismatch(string pasted)
    {
        var ex = Assert.Throws<FacebookLoginException>(() => CallbackEvaluator.Evaluate(Request(), CallbackParameters.Parse(pasted)));
        Assert.Equal(FacebookErrorKind.StateMismatch, ex.Kind);
        Assert.DoesNotContain("AQabc", ex.Message);
    }

    [Fact]
    public void DenialWithTheRightStateIsLoginDeniedWithItsDetails()
    {
        var ex = Assert.Throws<FacebookLoginException>(() => CallbackEvaluator.Evaluate(Request(), CallbackParameters.Parse(
            "https://x/cb?error=access_denied&error_code=200&error_description=Permissions+error.&error_reason=user_denied&state=state-abc-123#_=_")));
        Assert.Equal(FacebookErrorKind.LoginDenied, ex.Kind);
        Assert.Equal("access_denied", ex.Error);
        Assert.Equal("user_denied", ex.ErrorReason);
        Assert.Equal("Permissions error.", ex.ErrorDescription);
        Assert.Equal("200", ex.ErrorCode);
        Assert.Contains("user_denied", ex.Message);
        Assert.Contains("Permissions error", ex.Message);
    }

    [Fact]
    public void RightStateWithoutCodeIsInvalidCallback()
    {
        var ex = Assert.Throws<FacebookLoginException>(() => CallbackEvaluator.Evaluate(Request(), CallbackParameters.Parse("https://x/cb?state=state-abc-123")));
        Assert.Equal(FacebookErrorKind.InvalidCallback, ex.Kind);
    }

    [Fact]
    public void GrantedScopesAndVerifierTravel()
    {
        FacebookAuthRequest request = Request(pkce: true);
        FacebookAuthCode code = CallbackEvaluator.Evaluate(request, CallbackParameters.Parse("https://x/cb?code=AQabc&state=state-abc-123&granted_scopes=whatsapp_business_management%2Cwhatsapp_business_messaging"));
        Assert.Equal(new[] { "whatsapp_business_management", "whatsapp_business_messaging" }, code.GrantedScopes);
        Assert.Same(request.CodeVerifier, code.CodeVerifier);
        Assert.True(code.UsesPkce);
    }

    [Fact]
    public void RepeatedParameterKeepsTheFirst()
    {
        var p = CallbackParameters.Parse("https://x/cb?state=a&state=b&code=c");
        Assert.Equal("a", p.State);
    }

    [Theory]
    [InlineData("http://localhost:8765/callback/", true)]
    [InlineData("http://127.0.0.1:8765/callback", true)]
    [InlineData("http://[::1]:8765/cb", true)]
    [InlineData("https://localhost:8765/callback/", false)]
    [InlineData("http://example.com/cb", false)]
    [InlineData("https://www.facebook.com/connect/login_success.html", false)]
    [InlineData("http://localhost.evil.example/cb", false)]
    public void KnowsWhichRedirectsALocalListenerCanServe(string redirect, bool loopback)
    {
        Assert.Equal(loopback, LoopbackCallbackListener.IsLoopbackRedirect(redirect));
    }

    [Theory]
    [InlineData("https://www.facebook.com/connect/login_success.html?error_code=4201&error_message=User+canceled+the+Dialog+flow&state=state-abc-123#_=_", "4201", "User canceled the Dialog flow", "chose Cancel")]
    [InlineData("https://www.facebook.com/connect/login_success.html?error_code=1349003&error_message=Something+went+wrong&state=state-abc-123#_=_", "1349003", "Something went wrong", "Run the login again")]
    public void CancelWithOnlyErrorCodeIsLoginDeniedWithFacebooksMessage(string pasted, string code, string message, string advice)
    {
        // passport-facebook lib/strategy.js: "if (req.query && req.query.error_code && !req.query.error)" is an error.
        var ex = Assert.Throws<FacebookLoginException>(() => CallbackEvaluator.Evaluate(Request(), CallbackParameters.Parse(pasted)));
        Assert.Equal(FacebookErrorKind.LoginDenied, ex.Kind);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(message, ex.ErrorDescription);
        Assert.Contains(message, ex.Message);
        Assert.Contains("code " + code, ex.Message);
        Assert.Contains(advice, ex.Message);
        Assert.DoesNotContain("no code. Use response type", ex.Message);
    }

    [Fact]
    public void EchoedCallbackTextLosesControlAndBidiCharacters()
    {
        string pasted = "https://x/cb?error_code=4201&error_message=Bad%1B%5B2J%0D%0Aline%E2%80%AEtxt.exe%07&error_reason=x%00y&state=state-abc-123";
        var ex = Assert.Throws<FacebookLoginException>(() => CallbackEvaluator.Evaluate(Request(), CallbackParameters.Parse(pasted)));
        Assert.Equal(FacebookErrorKind.LoginDenied, ex.Kind);
        Assert.DoesNotContain(ex.Message, c => char.IsControl(c) || c == '\u202E');
        Assert.Contains("Bad[2Jlinetxt.exe", ex.Message);
        Assert.Equal("xy", ex.ErrorReason);
    }
}
