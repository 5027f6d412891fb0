using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace FacebookToken.Tests;

/// <summary>
/// A real, tiny HTTP proxy on 127.0.0.1 that proxies nothing: it records each request line it is sent (the proof a
/// client used it) and answers 502. Enough to see whether a client goes through the proxy it was given.
/// </summary>
internal sealed class RecordingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public RecordingProxy()
    {
        _listener.Start();
        Uri = new Uri("http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/");
        _ = AcceptLoopAsync();
    }

    public Uri Uri { get; }

    /// <summary>The first line of every request the proxy was sent (e.g. <c>CONNECT graph.example:443 HTTP/1.1</c>).</summary>
    public ConcurrentQueue<string> RequestLines { get; } = new();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            _ = AnswerAsync(client);
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                var line = new StringBuilder();
                var one = new byte[1];
                while (line.Length < 8192 && await stream.ReadAsync(one, 0, 1) == 1 && one[0] != '\n')
                {
                    line.Append((char)one[0]);
                }

                RequestLines.Enqueue(line.ToString().TrimEnd('\r'));
                byte[] answer = Encoding.ASCII.GetBytes("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(answer, 0, answer.Length);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>A proxy setting that sends everything to one proxy and bypasses nothing, as HTTP_PROXY/ALL_PROXY without NO_PROXY does.</summary>
internal sealed class EverythingThroughProxy : IWebProxy
{
    private readonly Uri _proxy;

    public EverythingThroughProxy(Uri proxy)
    {
        _proxy = proxy;
    }

    public ICredentials? Credentials { get; set; }

    public Uri GetProxy(Uri destination) => _proxy;

    public bool IsBypassed(Uri host) => false;
}
