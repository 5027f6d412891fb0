using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>Sends one HTTP request and reads a bounded answer. One HttpClient serves the whole process.</summary>
/// <remarks>
/// The shared client is created on first use, never at module import. It keeps connections alive between
/// calls, does not follow redirects (a token endpoint that redirects is an error, and following could send a
/// request somewhere unexpected), and has no timeout of its own: callers pass a cancellation token that
/// carries -TimeoutSec and Ctrl+C.
/// </remarks>
internal sealed class GraphHttp
{
    public const int MaxResponseBytes = 4 * 1024 * 1024;

    private static readonly Lazy<GraphHttp> s_shared = new(() => new GraphHttp(CreateClient()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly HttpClient _client;

    internal GraphHttp(HttpClient client)
    {
        _client = client;
    }

    public static GraphHttp Shared => s_shared.Value;

    public async Task<GraphResponse> SendAsync(string url, GraphRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, url + request.BuildQueryString());
        if (request.JsonBody != null)
        {
            message.Content = new StringContent(request.JsonBody, Encoding.UTF8, "application/json");
        }
        else if (request.Form.Count > 0)
        {
            message.Content = new FormUrlEncodedContent(request.Form);
        }

        if (request.BearerToken != null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", request.BearerToken);
        }

        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using HttpResponseMessage response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        string body = await ReadBoundedAsync(response, url, request.SecretValues, cancellationToken).ConfigureAwait(false);
        return new GraphResponse(
            (int)response.StatusCode,
            response.ReasonPhrase,
            response.Content?.Headers.ContentType?.MediaType,
            body,
            response.Headers.Location?.ToString(),
            FirstHeader(response, "Retry-After"),
            FirstHeader(response, "x-fb-trace-id"),
            FirstHeader(response, "X-App-Usage"))
        {
            BusinessUseCaseUsage = FirstHeader(response, "X-Business-Use-Case-Usage"),
            Headers = AllHeaders(response),
        };
    }

    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, string url, string[] secrets, CancellationToken cancellationToken)
    {
        if (response.Content is null)
        {
            return string.Empty;
        }

        long? declared = response.Content.Headers.ContentLength;
        if (declared > MaxResponseBytes)
        {
            throw TooLarge(response, url, secrets);
        }

        using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);

        // Some streams ignore the token while blocked in a read; disposing the response unblocks them.
        using CancellationTokenRegistration reg = cancellationToken.Register(() => response.Dispose());
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException)
            {
                // The status and headers came, then the connection closed (HttpIOException and kin): a Graph error like
                // any other, retried for GET; a POST is not repeated, as Facebook may have acted.
                throw new FacebookResponseException(
                    "The answer from " + EndpointName(url) + " (HTTP " + (int)response.StatusCode + ") was cut off after " + buffer.Length
                        + " bytes: the connection closed before the whole body arrived. This is usually a passing network or proxy problem: try again shortly.",
                    EndpointName(url),
                    (int)response.StatusCode,
                    response.Content.Headers.ContentType?.MediaType is string mediaType ? SecretMask.Scrub(mediaType, secrets) : null,
                    ex)
                {
                    CutOff = true,
                };
            }

            if (read == 0)
            {
                break;
            }

            if (buffer.Length + read > MaxResponseBytes)
            {
                throw TooLarge(response, url, secrets);
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static FacebookResponseException TooLarge(HttpResponseMessage response, string url, string[] secrets) =>
        new(
            "The answer from " + EndpointName(url) + " (HTTP " + (int)response.StatusCode + ") is larger than "
                + (MaxResponseBytes / (1024 * 1024)) + " MB, which no Graph token answer is. Check -GraphBaseUri and any proxy in between.",
            EndpointName(url),
            (int)response.StatusCode,
            response.Content?.Headers.ContentType?.MediaType is string mediaType ? SecretMask.Scrub(mediaType, secrets) : null);

    internal static string EndpointName(string url)
    {
        var uri = new Uri(url);
        return uri.Authority + uri.AbsolutePath;
    }

    private static KeyValuePair<string, string[]>[] AllHeaders(HttpResponseMessage response)
    {
        var all = new List<KeyValuePair<string, string[]>>();
        foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers)
        {
            all.Add(new KeyValuePair<string, string[]>(header.Key, header.Value.ToArray()));
        }

        if (response.Content != null)
        {
            foreach (KeyValuePair<string, IEnumerable<string>> header in response.Content.Headers)
            {
                all.Add(new KeyValuePair<string, string[]>(header.Key, header.Value.ToArray()));
            }
        }

        return all.ToArray();
    }

    private static string? FirstHeader(HttpResponseMessage response, string name)
    {
        if (response.Headers.TryGetValues(name, out var values))
        {
            return values.FirstOrDefault();
        }

        return null;
    }

    private static HttpClient CreateClient() => CreateClient(LoopbackBypassProxy.SystemProxy());

    /// <summary>The client as the module makes it, with <paramref name="systemProxy"/> standing for the system's proxy (a test seam).</summary>
    internal static HttpClient CreateClient(IWebProxy? systemProxy)
    {
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,

            // Loopback (the emulator, over plain http) never through a proxy; https to Facebook through the one set.
            Proxy = new LoopbackBypassProxy(systemProxy),
            UseProxy = true,
        };
        var client = new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        string version = typeof(GraphHttp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";
        client.DefaultRequestHeaders.UserAgent.ParseAdd("FacebookToken/" + version);
        return client;
    }
}
