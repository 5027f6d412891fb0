using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Diagnostics;

namespace FacebookToken;

/// <summary>
/// Waits on the redirect URI's own loopback host, port and path for the login redirect, and answers the browser.
/// </summary>
/// <remarks>
/// A raw TCP listener bound to loopback addresses only (127.0.0.1 and, for <c>localhost</c>, ::1), speaking just
/// enough HTTP/1.1 for one GET: no dependency on HttpListener's URL ACLs on Windows, and no chance of listening on
/// a public interface. Callbacks with a wrong or missing state are answered 400 and ignored; other paths get 404;
/// other methods 405. The first callback that <see cref="CallbackEvaluator"/> accepts (or a matching denial) ends
/// the wait. Whoever calls <see cref="Start"/> owns the listener: disposing it stops listening at once and frees the port.
/// </remarks>
internal sealed class LoopbackCallbackListener : IDisposable
{
    private const int MaxRequestHeadBytes = 16 * 1024;

    /// <summary>Connections served at once; more wait in the kernel's backlog, so a flood cannot exhaust file descriptors.</summary>
    internal const int MaxConnections = 64;

    private static readonly TimeSpan s_readTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a connection may stay silent before it may be closed to make room for a waiting one.</summary>
    /// <remarks>A browser sends its request within milliseconds of connecting to loopback; only preconnects and attackers are slower.</remarks>
    private static readonly TimeSpan s_idleBeforeEviction = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan s_slotPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_maxAcceptBackoff = TimeSpan.FromSeconds(1);

    private readonly FacebookAuthRequest _request;
    private readonly IFacebookLog _log;
    private readonly List<TcpListener> _listeners = new();
    private readonly TaskCompletionSource<FacebookAuthCode> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _path;
    private readonly string[] _hosts;
    private readonly SemaphoreSlim _slots = new(MaxConnections, MaxConnections);
    private readonly LinkedList<ListenerConnection> _open = new();
    private int _ignored;
    private int _claimed;
    private int _disposed;

    private LoopbackCallbackListener(FacebookAuthRequest request, IFacebookLog log, Uri redirect)
    {
        _request = request;
        _log = log;
        _path = redirect.AbsolutePath;
        _hosts = AllowedHosts(redirect);
    }

    /// <summary>How many connections are open now (for tests: the cap and the idle time-box hold).</summary>
    internal int OpenConnections
    {
        get
        {
            lock (_open)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>How many requests were answered without ending the wait (wrong state, other paths, methods).</summary>
    public int IgnoredRequests => Volatile.Read(ref _ignored);

    /// <summary>The loopback endpoints and path listened on, for messages.</summary>
    public string ListeningOn { get; private set; } = string.Empty;

    /// <summary>The port listened on.</summary>
    public int Port { get; private set; }

    /// <summary>Whether <paramref name="redirectUri"/> is http on localhost, 127.0.0.1 or [::1] with a path the listener can serve.</summary>
    public static bool IsLoopbackRedirect(string redirectUri)
    {
        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out Uri? uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }

        return uri.IsLoopback && (uri.Host == "localhost" || uri.HostNameType == UriHostNameType.IPv4 || uri.HostNameType == UriHostNameType.IPv6);
    }

    /// <summary>Starts listening for <paramref name="request"/>'s redirect. Throws <see cref="FacebookLoginException"/> (ListenerUnavailable) when it cannot.</summary>
    public static LoopbackCallbackListener Start(FacebookAuthRequest request, IFacebookLog? log = null) => Start(request, log, null);

    /// <summary>Test seam: <paramref name="accept"/> stands in for accepting a connection (to make accept fail as it does without file descriptors).</summary>
    internal static LoopbackCallbackListener Start(FacebookAuthRequest request, IFacebookLog? log, Func<TcpListener, Task<TcpClient>>? accept)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (!IsLoopbackRedirect(request.RedirectUri))
        {
            throw new FacebookLoginException(
                "RedirectUri '" + request.RedirectUri + "' is not a loopback http address (http://localhost:PORT/... or http://127.0.0.1:PORT/...), so no local listener can receive it. Paste the final URL with -CallbackUri, or register and use a loopback redirect URI.",
                FacebookErrorKind.ListenerUnavailable);
        }

        var uri = new Uri(request.RedirectUri);
        var listener = new LoopbackCallbackListener(request, log ?? NullFacebookLog.Instance, uri);
        var addresses = new List<IPAddress>();
        if (uri.Host == "localhost")
        {
            addresses.Add(IPAddress.Loopback);
            addresses.Add(IPAddress.IPv6Loopback);
        }
        else
        {
            addresses.Add(IPAddress.Parse(uri.Host.Trim('[', ']')));
        }

        SocketException? failure = null;
        IPAddress? held = null;
        foreach (IPAddress address in addresses)
        {
            var tcp = new TcpListener(address, uri.Port);
            try
            {
                tcp.Server.ExclusiveAddressUse = true;
                tcp.Start();
                listener._listeners.Add(tcp);
            }
            catch (SocketException ex)
            {
                // ::1 may be missing (IPv6 disabled); 127.0.0.1 alone still serves "localhost" for browsers.
                failure ??= ex;
                // Windows reports a port bound with exclusive use as AccessDenied, not AddressAlreadyInUse.
                if (ex.SocketErrorCode == SocketError.AddressAlreadyInUse || (ex.SocketErrorCode == SocketError.AccessDenied && RuntimeInformation.IsOSPlatform(OSPlatform.Windows)))
                {
                    held ??= address;
                }
            }
        }

        if (held != null)
        {
            // Whoever holds the port on an address the browser may use gets the redirect, code and state included:
            // no listener on the other address, and no paste-back, can make that safe.
            listener.Dispose();
            throw new FacebookLoginException(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "Port {0} is already in use on {1}, so the login redirect to {2} could reach another program instead of this one. Close whatever uses port {0} (another login still waiting?), or register and use a redirect URI with another port.",
                    uri.Port,
                    held.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + held + "]" : held.ToString(),
                    uri.Authority),
                FacebookErrorKind.ListenerUnavailable,
                inner: failure)
            {
                PortInUse = uri.Port,
            };
        }

        if (listener._listeners.Count == 0)
        {
            listener.Dispose();
            throw new FacebookLoginException(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "Cannot listen on {0}:{1} for the login redirect: {2}. Close whatever uses port {1} (another login still waiting?), or register and use a redirect URI with another port.",
                    uri.Host,
                    uri.Port,
                    failure?.Message ?? "no loopback address available"),
                FacebookErrorKind.ListenerUnavailable,
                inner: failure);
        }

        listener.Port = uri.Port;
        foreach (TcpListener tcp in listener._listeners)
        {
            _ = listener.AcceptLoopAsync(tcp, accept ?? (l => l.AcceptTcpClientAsync()));
        }

        listener.ListeningOn = string.Join(" and ", listener._listeners.ConvertAll(l => l.LocalEndpoint.ToString())) + listener._path;
        return listener;
    }

    /// <summary>Completes with the code, or faults with <see cref="FacebookLoginException"/> (LoginDenied), or is cancelled.</summary>
    /// <remarks>Does not stop listening: whoever started the listener disposes it, once, when the wait is over.</remarks>
    public async Task<FacebookAuthCode> WaitAsync(CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(() => _result.TrySetCanceled(cancellationToken)))
        {
            return await _result.Task.ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        foreach (TcpListener tcp in _listeners)
        {
            try
            {
                tcp.Stop();
            }
            catch (SocketException)
            {
            }
        }

        _result.TrySetCanceled();
    }

    private async Task AcceptLoopAsync(TcpListener tcp, Func<TcpListener, Task<TcpClient>> accept)
    {
        TimeSpan backoff = TimeSpan.Zero;
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                // At the cap, make room by closing connections that have stayed silent; the one waiting may be the browser.
                while (!await _slots.WaitAsync(s_slotPoll, _stop.Token).ConfigureAwait(false))
                {
                    EvictIdle(s_idleBeforeEviction);
                }

                try
                {
                    client = await accept(tcp).ConfigureAwait(false);
                }
                catch
                {
                    _slots.Release();
                    throw;
                }

                backoff = TimeSpan.Zero;
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // E.g. out of file descriptors (EMFILE): accept fails at once, again and again. Back off instead of
                // spinning, and free what silent connections hold.
                EvictIdle(s_idleBeforeEviction);
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(20) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, s_maxAcceptBackoff.Ticks));
                try
                {
                    await Task.Delay(backoff, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (InvalidOperationException)
            {
                return;
            }

            _ = HandleAsync(client);
        }
    }

    /// <summary>Closes the connections that have sent no complete request head for at least <paramref name="minimumIdle"/>.</summary>
    private void EvictIdle(TimeSpan minimumIdle)
    {
        var idle = new List<ListenerConnection>();
        lock (_open)
        {
            foreach (ListenerConnection connection in _open)
            {
                if (connection.IsSilent && connection.Age >= minimumIdle)
                {
                    idle.Add(connection);
                }
            }
        }

        foreach (ListenerConnection connection in idle)
        {
            connection.Close();
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        CallbackReply? reply = null;
        var connection = new ListenerConnection(client);
        LinkedListNode<ListenerConnection> node;
        lock (_open)
        {
            node = _open.AddLast(connection);
        }

        using (client)
        {
            try
            {
                client.NoDelay = true;
                NetworkStream stream = client.GetStream();

                // Reading stops with the listener; writing does not, so the browser still gets the page that ended the wait.
                // Closing the socket is what ends a pending read on every runtime (some ignore the token once a read is blocked).
                using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                readTimeout.CancelAfter(s_readTimeout);
                string? head;
                using (readTimeout.Token.Register(connection.Close))
                {
                    head = await ReadHeadAsync(stream, readTimeout.Token).ConfigureAwait(false);
                }

                if (head is null)
                {
                    Interlocked.Increment(ref _ignored);
                    return;
                }

                connection.HeadReceived = true;
                reply = Decide(head);
                using var writeTimeout = new CancellationTokenSource(s_readTimeout);
                using (writeTimeout.Token.Register(connection.Close))
                {
                    await WriteResponseAsync(stream, reply, writeTimeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is OperationCanceledException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                // A client that went away, dawdled or was closed to make room; the wait goes on.
            }
            finally
            {
                lock (_open)
                {
                    _open.Remove(node);
                }

                ReleaseSlot();

                // The wait ends only once the browser has its answer (or is gone).
                if (reply?.Code != null)
                {
                    _result.TrySetResult(reply.Code);
                }
                else if (reply?.Denial != null)
                {
                    _result.TrySetException(reply.Denial);
                }
            }
        }
    }

    private void ReleaseSlot()
    {
        try
        {
            _slots.Release();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private CallbackReply Decide(string head)
    {
        int lineEnd = head.IndexOf('\r');
        string requestLine = lineEnd < 0 ? head : head.Substring(0, lineEnd);
        string[] parts = requestLine.Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return Ignore(400, LoginPages.Message("Bad request", "This address only takes the Facebook Login redirect."));
        }

        // DNS rebinding: a page on evil.example that rebinds its name to 127.0.0.1 reaches this port with its own Host.
        string? host = HeaderValue(head, "Host");
        if (host is null || Array.IndexOf(_hosts, host.ToLowerInvariant()) < 0)
        {
            return Ignore(400, LoginPages.Message("Bad request", "This address only takes the Facebook Login redirect."));
        }

        string target = parts[1];
        int q = target.IndexOf('?');
        string path = q < 0 ? target : target.Substring(0, q);
        string query = q < 0 ? string.Empty : target.Substring(q + 1);
        if (!string.Equals(Uri.UnescapeDataString(path), Uri.UnescapeDataString(_path), StringComparison.Ordinal))
        {
            return Ignore(404, LoginPages.Message("Not found", "This address only takes the Facebook Login redirect."));
        }

        if (parts[0] != "GET")
        {
            return Ignore(405, LoginPages.Message("Method not allowed", "The Facebook Login redirect is a GET."), "GET");
        }

        if (Volatile.Read(ref _claimed) != 0)
        {
            return Ignore(409, LoginPages.Message("Already done", "This sign-in has already finished. You can close this window."));
        }

        try
        {
            FacebookAuthCode code = CallbackEvaluator.Evaluate(_request, CallbackParameters.FromQuery(query));
            if (Interlocked.Exchange(ref _claimed, 1) == 0)
            {
                _log.Verbose("Received the login redirect with a code" + (code.GrantedScopes.Length > 0 ? " (scopes " + string.Join(",", code.GrantedScopes) + ")" : string.Empty) + ".");
                return CallbackReply.Accept(code);
            }

            return Ignore(409, LoginPages.Message("Already done", "This sign-in has already finished. You can close this window."));
        }
        catch (FacebookLoginException ex) when (ex.Kind == FacebookErrorKind.LoginDenied && Interlocked.Exchange(ref _claimed, 1) == 0)
        {
            return CallbackReply.Deny(ex);
        }
        catch (FacebookLoginException ex)
        {
            _log.Verbose("Ignored a callback on the redirect path: " + ex.Message);
            return Ignore(400, LoginPages.Message("Not this sign-in", "This response does not belong to the sign-in that is waiting. Start the sign-in again from PowerShell if needed."));
        }
    }

    /// <summary>The Host values a browser sends for <paramref name="redirect"/>: its own host (and for <c>localhost</c> the two loopback addresses), with the port.</summary>
    private static string[] AllowedHosts(Uri redirect)
    {
        var hosts = new List<string>();
        string[] names = redirect.Host == "localhost" ? new[] { "localhost", "127.0.0.1", "[::1]" } : new[] { redirect.Host.ToLowerInvariant() };
        foreach (string name in names)
        {
            hosts.Add(name + ":" + redirect.Port.ToString(CultureInfo.InvariantCulture));
            if (redirect.IsDefaultPort)
            {
                hosts.Add(name);
            }
        }

        return hosts.ToArray();
    }

    /// <summary>The value of the one header <paramref name="name"/>, or null when it is missing or repeated.</summary>
    private static string? HeaderValue(string head, string name)
    {
        string? value = null;
        string[] lines = head.Split(new[] { "\r\n" }, StringSplitOptions.None);
        for (int i = 1; i < lines.Length; i++)
        {
            int colon = lines[i].IndexOf(':');
            if (colon > 0 && string.Equals(lines[i].Substring(0, colon).Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                if (value != null)
                {
                    return null;
                }

                value = lines[i].Substring(colon + 1).Trim();
            }
        }

        return value;
    }

    /// <summary>Counts a request that does not end the wait (shown in the progress) and answers it.</summary>
    private CallbackReply Ignore(int status, string body, string? allow = null)
    {
        Interlocked.Increment(ref _ignored);
        return CallbackReply.Ignore(status, body, allow);
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxRequestHeadBytes];
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer, filled, buffer.Length - filled, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            filled += read;
            for (int i = Math.Max(0, filled - read - 3); i + 3 < filled; i++)
            {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
                {
                    return Encoding.ASCII.GetString(buffer, 0, i);
                }
            }
        }

        return null;
    }

    private static async Task WriteResponseAsync(NetworkStream stream, CallbackReply reply, CancellationToken cancellationToken)
    {
        int status = reply.Status;
        byte[] content = Encoding.UTF8.GetBytes(reply.Body);
        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(status.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(Reason(status)).Append("\r\n")
            .Append("Content-Type: text/html; charset=utf-8\r\n")
            .Append("Content-Length: ").Append(content.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("Cache-Control: no-store\r\n")
            .Append("Referrer-Policy: no-referrer\r\n")
            .Append("X-Content-Type-Options: nosniff\r\n")
            .Append("Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'\r\n")
            .Append("Connection: close\r\n");
        if (reply.Allow != null)
        {
            head.Append("Allow: ").Append(reply.Allow).Append("\r\n");
        }

        head.Append("\r\n");
        byte[] headBytes = Encoding.ASCII.GetBytes(head.ToString());
        await stream.WriteAsync(headBytes, 0, headBytes.Length, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(content, 0, content.Length, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        _ => "Error",
    };
}
