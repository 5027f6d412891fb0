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
    private static async Task<string> RawRequestAsync(int port, string head)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(head);
        await client.GetStream().WriteAsync(bytes);
        using var reader = new StreamReader(client.GetStream());
        return await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task OnlyTheRedirectsOwnHostIsAccepted()
    {
        // DNS rebinding: evil.example resolved to 127.0.0.1 reaches the port, but with its own Host header.
        FacebookAuthRequest request = Request(host: "localhost");
        using var listener = LoopbackCallbackListener.Start(request);
        Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);
        int port = listener.Port;
        string target = "/callback?code=AQrebound&state=" + request.State;
        foreach (string host in new[] { "Host: evil.example:" + port, "Host: evil.example", "Host: localhost:" + (port + 1), "Host: localhost", "X-No-Host: 1", "Host: localhost:" + port + "\r\nHost: evil.example" })
        {
            string answer = await RawRequestAsync(port, "GET " + target + " HTTP/1.1\r\n" + host + "\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 400", answer);
            Assert.False(wait.IsCompleted, host);
        }

        Assert.Equal(6, listener.IgnoredRequests);
        foreach (string name in new[] { "LOCALHOST", "127.0.0.1" })
        {
            FacebookAuthRequest again = Request(host: "localhost");
            using var other = LoopbackCallbackListener.Start(again);
            Task<FacebookAuthCode> otherWait = other.WaitAsync(CancellationToken.None);
            string answer = await RawRequestAsync(other.Port, "GET /callback?code=AQok&state=" + again.State + " HTTP/1.1\r\nHost: " + name + ":" + other.Port + "\r\n\r\n");
            Assert.StartsWith("HTTP/1.1 200", answer);
            Assert.Equal("AQok", (await otherWait.WaitAsync(TimeSpan.FromSeconds(30))).Code.ToPlainText());
        }

        (await s_browser.GetAsync(request.RedirectUri + "?code=AQreal&state=" + request.State)).Dispose();
        Assert.Equal("AQreal", (await wait.WaitAsync(TimeSpan.FromSeconds(30))).Code.ToPlainText());
    }

    [Fact]
    public async Task AnExplicitLoopbackAddressAcceptsOnlyItself()
    {
        FacebookAuthRequest request = Request(host: "127.0.0.1");
        using var listener = LoopbackCallbackListener.Start(request);
        Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);
        string answer = await RawRequestAsync(listener.Port, "GET /callback?code=AQx&state=" + request.State + " HTTP/1.1\r\nHost: localhost:" + listener.Port + "\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 400", answer);
        Assert.False(wait.IsCompleted);
    }

    [Fact]
    public async Task ManyIdleConnectionsAreCappedClosedAndDoNotStallTheRealCallback()
    {
        FacebookAuthRequest request = Request();
        using var listener = LoopbackCallbackListener.Start(request);
        Task<FacebookAuthCode> wait = listener.WaitAsync(CancellationToken.None);
        var idle = new List<TcpClient>();
        try
        {
            for (int i = 0; i < 300; i++)
            {
                var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, listener.Port);
                idle.Add(client);
                Assert.True(listener.OpenConnections <= LoopbackCallbackListener.MaxConnections);
            }

            using var browser = new HttpClient(new HttpClientHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
            using HttpResponseMessage response = await browser.GetAsync(request.RedirectUri + "?code=AQreal&state=" + request.State);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("AQreal", (await wait.WaitAsync(TimeSpan.FromSeconds(60))).Code.ToPlainText());
            Assert.True(listener.OpenConnections <= LoopbackCallbackListener.MaxConnections);

            // The silent connections that were let in have been closed by the listener (the client reads end of stream).
            var buffer = new byte[16];
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            int read = await idle[0].GetStream().ReadAsync(buffer, bound.Token).AsTask().ContinueWith(t => t.IsCanceled ? -1 : t.IsCompletedSuccessfully ? t.Result : 0);
            Assert.Equal(0, read);
        }
        finally
        {
            foreach (TcpClient client in idle)
            {
                client.Dispose();
            }
        }
    }

    [Fact]
    public async Task AFailingAcceptBacksOffInsteadOfSpinning()
    {
        // As accept does once file descriptors run out (EMFILE): it fails at once, every time.
        int calls = 0;
        FacebookAuthRequest request = Request();
        var listener = LoopbackCallbackListener.Start(request, null, async _ =>
        {
            Interlocked.Increment(ref calls);
            await Task.Yield();
            throw new SocketException((int)SocketError.TooManyOpenSockets);
        });
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2));

            // Backing off (20 ms doubling to 1 s) makes a handful of attempts in 2 s; a spinning loop makes hundreds of thousands.
            Assert.InRange(Volatile.Read(ref calls), 1, 100);
        }
        finally
        {
            listener.Dispose();
        }
    }

    [Fact]
    public void LocalhostWithColonColon1SquattedIsAnErrorNamingThePort()
    {
        int port = FreePort();
        var squatter = new TcpListener(IPAddress.IPv6Loopback, port);
        squatter.Start();
        try
        {
            var ex = Assert.Throws<FacebookLoginException>(() => LoopbackCallbackListener.Start(Request(host: "localhost", port: port)));
            Assert.Equal(FacebookErrorKind.ListenerUnavailable, ex.Kind);
            Assert.Equal(port, ex.PortInUse);
            Assert.Contains("Port " + port + " is already in use on [::1]", ex.Message);
            Assert.True(PortIsFree(port), "nothing is left listening on 127.0.0.1");
        }
        finally
        {
            squatter.Stop();
        }
    }
}
