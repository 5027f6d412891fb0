using System.Net;
using System.Net.Sockets;
using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>The listener over real loopback TCP, driven by a plain HttpClient as the browser.</summary>
public class LoopbackCallbackListenerTests
{
    private static readonly HttpClient s_browser = new(new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(20) };

    private static int FreePort() => FreePort(IPAddress.Loopback);

    private static int FreePort(IPAddress address)
    {
        var l = new TcpListener(address, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static FacebookAuthRequest Request(string host = "127.0.0.1", string path = "/callback", int? port = null) =>
        FacebookAuthUrlBuilder.Build(new FacebookEndpoint(), new FacebookAuthOptions
        {
            AppId = "1234567890",
            RedirectUri = "http://" + host + ":" + (port ?? FreePort()) + path,
            Scope = new[] { "whatsapp_business_management" },
        });

    private static bool PortIsFree(int port)
    {
        try
        {
            var l = new TcpListener(IPAddress.Loopback, port);
            l.Start();
            l.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    [Fact]
    public async Task RealCallbackEndsTheWaitWithTheCodeAndAFriendlyPage()
    {
        FacebookAuthRequest request = Request();
        using var listener = LoopbackCallbackListener.Start(request);
        Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);
        using HttpResponseMessage response = await s_browser.GetAsync(request.RedirectUri + "?code=AQsecretcode123&state=" + request.State);
        string page = await response.Content.ReadAsStringAsync();
        FacebookAuthCode code = await wait;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You can close this window", page);
        Assert.DoesNotContain("AQsecretcode123", page);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("AQsecretcode123", code.Code.ToPlainText());
        Assert.Equal(request.RedirectUri, code.RedirectUri);
    }

    [Fact]
    public async Task ForgedStateIsAnswered400AndTheWaitGoesOn()
    {
        FacebookAuthRequest request = Request();
        using var listener = LoopbackCallbackListener.Start(request);
        Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);

        using HttpResponseMessage forged = await s_browser.GetAsync(request.RedirectUri + "?code=AQforged&state=not-the-state");
        using HttpResponseMessage noState = await s_browser.GetAsync(request.RedirectUri + "?code=AQforged");
        using HttpResponseMessage forgedDenial = await s_browser.GetAsync(request.RedirectUri + "?error=access_denied&error_reason=user_denied&state=x");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noState.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedDenial.StatusCode);
        Assert.False(wait.IsCompleted);

        using HttpResponseMessage real = await s_browser.GetAsync(request.RedirectUri + "?code=AQreal&state=" + request.State);
        Assert.Equal("AQreal", (await wait).Code.ToPlainText());
        Assert.Equal(3, listener.IgnoredRequests);
    }

    [Fact]
    public async Task OtherPathsAre404AndOtherMethods405()
    {
        FacebookAuthRequest request = Request();
        using var listener = LoopbackCallbackListener.Start(request);
        Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);
        string root = request.RedirectUri.Replace("/callback", string.Empty);

        using HttpResponseMessage favicon = await s_browser.GetAsync(root + "/favicon.ico");
        using HttpResponseMessage post = await s_browser.PostAsync(request.RedirectUri + "?code=AQx&state=" + request.State, new StringContent(string.Empty));
        Assert.Equal(HttpStatusCode.NotFound, favicon.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.False(wait.IsCompleted);
    }

    [Fact]
    public async Task DenialWithTheRightStateEndsTheWaitAtOnce()
    {
        FacebookAuthRequest request = Request();
        using var listener = LoopbackCallbackListener.Start(request);
        Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);
        using HttpResponseMessage response = await s_browser.GetAsync(request.RedirectUri + "?error=access_denied&error_code=200&error_description=Permissions+error.&error_reason=user_denied&state=" + request.State);
        var ex = await Assert.ThrowsAsync<FacebookLoginException>(() => wait);
        Assert.Equal(FacebookErrorKind.LoginDenied, ex.Kind);
        Assert.Contains("cancelled or the permissions were declined", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OnlyTheOwnerFreesThePort_AfterSuccessAndAfterCancellation()
    {
        FacebookAuthRequest first = Request();
        int port = new Uri(first.RedirectUri).Port;
        using (var listener = LoopbackCallbackListener.Start(first))
        {
            Assert.False(PortIsFree(port));
            Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);
            (await s_browser.GetAsync(first.RedirectUri + "?code=AQx&state=" + first.State)).Dispose();
            await wait;

            // The wait ending does not stop the listener; its one owner does.
            Assert.False(PortIsFree(port));
        }

        Assert.True(PortIsFree(port));

        FacebookAuthRequest second = Request(port: port);
        using (var again = LoopbackCallbackListener.Start(second))
        {
            using var cts = new CancellationTokenSource();
            Task<FacebookAuthCode> waiting = again.WaitAsync(cts.Token);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
            Assert.False(PortIsFree(port));
        }

        Assert.True(PortIsFree(port));
    }

    [Fact]
    public void BusyPortIsListenerUnavailable()
    {
        var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        try
        {
            int port = ((IPEndPoint)squatter.LocalEndpoint).Port;
            var ex = Assert.Throws<FacebookLoginException>(() => LoopbackCallbackListener.Start(Request(port: port)));
            Assert.Equal(FacebookErrorKind.ListenerUnavailable, ex.Kind);
            Assert.Contains(port.ToString(), ex.Message);
        }
        finally
        {
            squatter.Stop();
        }
    }

    [Fact]
    public void NonLoopbackRedirectIsRefused()
    {
        FacebookAuthRequest request = FacebookAuthUrlBuilder.Build(new FacebookEndpoint(), new FacebookAuthOptions
        {
            AppId = "1",
            RedirectUri = "https://www.facebook.com/connect/login_success.html",
        });
        var ex = Assert.Throws<FacebookLoginException>(() => LoopbackCallbackListener.Start(request));
        Assert.Equal(FacebookErrorKind.ListenerUnavailable, ex.Kind);
        Assert.Contains("-CallbackUri", ex.Message);
    }

    [Fact]
    public async Task LocalhostListensOnLoopbackOnly()
    {
        FacebookAuthRequest request = Request(host: "localhost", path: "/cb/");
        using var listener = LoopbackCallbackListener.Start(request);
        Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);
        int port = listener.Port;

        // Reachable as localhost; not on another local address.
        IPAddress? other = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (other != null)
        {
            using var probe = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(other, port));
        }

        (await s_browser.GetAsync(request.RedirectUri + "?code=AQx&state=" + request.State)).Dispose();
        Assert.Equal("AQx", (await wait).Code.ToPlainText());
    }

    [Fact]
    public async Task Ipv6LoopbackRedirectIsServedOnColonColon1()
    {
        int port = FreePort(IPAddress.IPv6Loopback);
        FacebookAuthRequest request = Request(host: "[::1]", port: port);
        Assert.True(LoopbackCallbackListener.IsLoopbackRedirect(request.RedirectUri));
        using var listener = LoopbackCallbackListener.Start(request);
        Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);

        using HttpResponseMessage response = await s_browser.GetAsync("http://[::1]:" + port + "/callback?code=AQv6code&state=" + request.State);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        FacebookAuthCode code = await wait.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal("AQv6code", code.Code.ToPlainText());
        Assert.Equal("http://[::1]:" + port + "/callback", code.RedirectUri);
    }

    [Fact]
    public async Task LocalhostAnswersOnColonColon1()
    {
        // A browser whose localhost resolves to ::1 first (most do) must reach the listener there.
        int port = FreePort(IPAddress.IPv6Loopback);
        FacebookAuthRequest request = Request(host: "localhost", port: port);
        using var listener = LoopbackCallbackListener.Start(request);
        Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);

        using HttpResponseMessage response = await s_browser.GetAsync("http://[::1]:" + port + "/callback?code=AQlocal6&state=" + request.State);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("AQlocal6", (await wait.WaitAsync(TimeSpan.FromSeconds(60))).Code.ToPlainText());
    }

    [Fact]
    public async Task SurvivesAFloodOfStrayRequestsAndStillTakesTheRealCallback()
    {
        FacebookAuthRequest request = Request();
        using var listener = LoopbackCallbackListener.Start(request);
        Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);
        string root = request.RedirectUri.Replace("/callback", string.Empty);
        var strays = Enumerable.Range(0, 200).Select(async i =>
        {
            string url = (i % 3) switch
            {
                0 => root + "/favicon.ico",
                1 => request.RedirectUri + "?code=AQforged" + i + "&state=guess" + i,
                _ => request.RedirectUri,
            };
            using HttpResponseMessage r = await s_browser.GetAsync(url);
            return (int)r.StatusCode;
        });
        int[] statuses = await Task.WhenAll(strays);
        Assert.All(statuses, s => Assert.True(s == 404 || s == 400));
        Assert.False(wait.IsCompleted);

        (await s_browser.GetAsync(request.RedirectUri + "?code=AQreal&state=" + request.State)).Dispose();
        Assert.Equal("AQreal", (await wait).Code.ToPlainText());
        Assert.Equal(200, listener.IgnoredRequests);
    }

    [Fact]
    public async Task GarbageAndSilentConnectionsDoNotEndTheWait()
    {
        FacebookAuthRequest request = Request();
        using var listener = LoopbackCallbackListener.Start(request);
        Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);
        int port = listener.Port;
        using (var silent = new TcpClient())
        {
            await silent.ConnectAsync(IPAddress.Loopback, port);
            using var garbage = new TcpClient();
            await garbage.ConnectAsync(IPAddress.Loopback, port);
            byte[] junk = System.Text.Encoding.ASCII.GetBytes("NONSENSE\r\n\r\n");
            await garbage.GetStream().WriteAsync(junk);
            var buffer = new byte[512];
            int read = await garbage.GetStream().ReadAsync(buffer);
            Assert.Contains("400", System.Text.Encoding.ASCII.GetString(buffer, 0, read));

            (await s_browser.GetAsync(request.RedirectUri + "?code=AQreal&state=" + request.State)).Dispose();
            Assert.Equal("AQreal", (await wait).Code.ToPlainText());
        }
    }

    [Fact]
    public async Task TheBrowserAlwaysGetsThePageThatEndedTheWait()
    {
        // Regression: ending the wait used to stop the listener while the success page was still being written.
        for (int i = 0; i < 100; i++)
        {
            FacebookAuthRequest request = Request();
            using var listener = LoopbackCallbackListener.Start(request);
            Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);
            using HttpResponseMessage response = await s_browser.GetAsync(request.RedirectUri + "?code=AQx&state=" + request.State);
            Assert.Contains("You can close this window", await response.Content.ReadAsStringAsync());
            await wait;
        }
    }
}
