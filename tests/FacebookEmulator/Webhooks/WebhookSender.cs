using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace FacebookEmulator;

/// <summary>
/// Sends the emulator's webhooks: each POST signed with X-Hub-Signature-256 (the app secret's HMAC-SHA256 of the raw body),
/// one at a time in the order queued, within a second of the event, retried after 0.25, 0.5, 1 and 2 s when the receiver
/// fails (no answer or a non-2xx status), as Facebook retries a failing callback (over hours there). Nothing is sent
/// while no webhook URL is set. Every delivery is kept for the log.
/// </summary>
public sealed class WebhookSender : IAsyncDisposable
{
    private const int MaxDeliveries = 10_000;

    /// <summary>The waits before the 2nd, 3rd, ... attempt.</summary>
    internal static readonly TimeSpan[] RetryDelays =
    {
        TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
    };

    private readonly object _gate = new();
    private readonly List<WebhookDelivery> _deliveries = new();
    private readonly Channel<WebhookDelivery> _queue = Channel.CreateUnbounded<WebhookDelivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    private readonly Task _worker;
    private long _sequence;
    private Uri? _url;

    internal WebhookSender(Uri? url)
    {
        _url = url;
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("facebookexternalua");
        _worker = Task.Run(RunAsync);
    }

    /// <summary>Where webhooks go (--webhook-url, or POST /_emulator/whatsapp/webhook); null: none are sent.</summary>
    public Uri? Url
    {
        get
        {
            lock (_gate)
            {
                return _url;
            }
        }

        set
        {
            lock (_gate)
            {
                _url = value;
            }
        }
    }

    /// <summary>A snapshot of the deliveries, oldest first.</summary>
    public IReadOnlyList<WebhookDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return _deliveries.ToArray();
            }
        }
    }

    /// <summary>Queues one webhook signed with <paramref name="appSecret"/>; returns null when no URL is set.</summary>
    public WebhookDelivery? Enqueue(JsonObject payload, string appSecret, string kind, string? messageId, string? status, DateTimeOffset now)
    {
        Uri? url = Url;
        if (url is null)
        {
            return null;
        }

        string body = payload.ToJsonString();
        string signature = WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), appSecret);
        WebhookDelivery delivery;
        lock (_gate)
        {
            delivery = new WebhookDelivery(++_sequence, url, body, signature, kind, messageId, status, now);
            if (_deliveries.Count >= MaxDeliveries)
            {
                _deliveries.RemoveAt(0);
            }

            _deliveries.Add(delivery);
        }

        _queue.Writer.TryWrite(delivery);
        return delivery;
    }

    /// <summary>Forgets the deliveries made (those queued still go out).</summary>
    public void ClearLog()
    {
        lock (_gate)
        {
            _deliveries.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _http.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        CancellationToken stopping = _stopping.Token;
        await foreach (WebhookDelivery delivery in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
        {
            for (int attempt = 0; ; attempt++)
            {
                WebhookAttempt result = await PostAsync(delivery, stopping).ConfigureAwait(false);
                delivery.Record(result);
                if (delivery.Delivered || attempt >= RetryDelays.Length)
                {
                    break;
                }

                await Task.Delay(RetryDelays[attempt], stopping).ConfigureAwait(false);
            }

            delivery.Finish();
        }
    }

    private async Task<WebhookAttempt> PostAsync(WebhookDelivery delivery, CancellationToken stopping)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(delivery.Body)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, delivery.Signature);
            using HttpResponseMessage response = await _http.SendAsync(request, stopping).ConfigureAwait(false);
            int status = (int)response.StatusCode;
            return new WebhookAttempt(DateTimeOffset.UtcNow, status, status is >= 200 and < 300 ? null : "the receiver answered HTTP " + status);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stopping.IsCancellationRequested)
        {
            return new WebhookAttempt(DateTimeOffset.UtcNow, null, ex.Message);
        }
    }
}
