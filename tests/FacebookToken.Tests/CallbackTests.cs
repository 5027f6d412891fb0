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
}
