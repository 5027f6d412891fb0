using System.Net.Http;
using FacebookEmulator;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>Loopback never goes through a proxy (its plain http carries the bearer and secrets in clear); https still does (issue 20, point 2).</summary>
public sealed class ProxyTests : IClassFixture<EmulatorFixture>
{
    private readonly FacebookEmulatorHost _emu;

    public ProxyTests(EmulatorFixture fixture)
    {
        _emu = fixture.Host;
        _emu.State.Reset();
    }

    [Fact]
    public async Task TheEmulatorOnLoopback_IsReachedDirectly_ThoughAProxyIsSetForEverything()
    {
        using var proxy = new RecordingProxy();
        var http = new GraphHttp(GraphHttp.CreateClient(new EverythingThroughProxy(proxy.Uri)));
        string token = _emu.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser);
        var endpoint = new FacebookEndpoint(graphBaseUri: _emu.BaseUri);

        GraphResponse response = await http.SendAsync(endpoint.GraphUrl("me"), new GraphRequest(HttpMethod.Get, "me", RetryMode.Idempotent).WithBearer(token.AsToken()), CancellationToken.None);

        Assert.Equal(200, response.Status);
        Assert.Empty(proxy.RequestLines);
    }

    [Theory]
    [InlineData("http://localhost:{0}/v25.0/me")]
    [InlineData("http://[::1]:{0}/v25.0/me")]
    [InlineData("http://127.0.0.2:{0}/v25.0/me")]
    public void EveryLoopbackForm_IsBypassed(string url)
    {
        var bypass = new LoopbackBypassProxy(new EverythingThroughProxy(new Uri("http://proxy.example:3128/")));
        var uri = new Uri(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, 8080));

        Assert.True(bypass.IsBypassed(uri));
        Assert.Null(bypass.GetProxy(uri));
    }

    [Fact]
    public async Task Https_StillGoesThroughTheProxy()
    {
        using var proxy = new RecordingProxy();
        var http = new GraphHttp(GraphHttp.CreateClient(new EverythingThroughProxy(proxy.Uri)));

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.SendAsync("https://graph.example.invalid/v25.0/me", new GraphRequest(HttpMethod.Get, "me", RetryMode.Idempotent), CancellationToken.None));

        Assert.Equal("CONNECT graph.example.invalid:443 HTTP/1.1", Assert.Single(proxy.RequestLines));
    }
}
