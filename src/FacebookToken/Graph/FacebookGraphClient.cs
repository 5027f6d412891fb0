using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Diagnostics;
using FacebookToken.Json;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>
/// General Graph calls for Invoke-FacebookGraphRequest: the token in the Authorization header only, appsecret_proof when
/// the app secret is at hand, a JSON body, one page at a time (the cmdlet writes each page's items before asking for the next).
/// </summary>
/// <remarks>
/// GET and DELETE retry every transient answer within -TimeoutSec; POST only when Facebook surely did not act
/// (<see cref="RetryMode.NotAfterSending"/>), so a WhatsApp message never goes out twice. Thread safe; holds no secret between calls.
/// </remarks>
internal sealed class FacebookGraphClient : GraphClientBase
{
    public FacebookGraphClient(FacebookEndpoint endpoint, IFacebookLog? log = null)
        : base(endpoint, log)
    {
    }

    /// <summary>Test seam: a chosen transport, retry policy and clock.</summary>
    internal FacebookGraphClient(FacebookEndpoint endpoint, IFacebookLog log, GraphHttp http, RetryPolicy retry, Func<DateTimeOffset> clock)
        : base(endpoint, log, http, retry, clock)
    {
    }

    /// <summary>The next page's address (<c>paging.next</c>, on -GraphBaseUri, without the token Facebook puts in it), or null on the last page.</summary>
    public GraphUri? NextPage(JsonObject answer) =>
        answer.GetObject("paging")?.GetString("next") is string next && next.Length > 0
            ? GraphUri.ParseNext(next, Endpoint.GraphBaseUri)
            : null;

    /// <summary>Sends <paramref name="call"/> to <paramref name="target"/> (its first page, or a <see cref="NextPage"/>).</summary>
    public async Task<GraphAnswer> SendAsync(GraphCall call, GraphUri target, CancellationToken cancellationToken)
    {
        RetryMode mode = call.Method == HttpMethod.Post ? RetryMode.NotAfterSending : RetryMode.Idempotent;
        var request = new GraphRequest(call.Method, target.Path, mode) { ApiVersion = target.ApiVersion };
        foreach (KeyValuePair<string, string> p in target.Query)
        {
            request.AddQuery(p.Key, p.Value, HandlingOf(p.Key));
        }

        // The next page's link already carries -Query (Facebook copies the parameters into it).
        if (ReferenceEquals(target, call.Target))
        {
            foreach (KeyValuePair<string, string> p in call.Query)
            {
                request.AddQuery(p.Key, p.Value, HandlingOf(p.Key));
            }

            if (call.HasBody)
            {
                request.WithJsonBody(JsonText.Write(call.Body), DescribeBody(call.Body));
            }
        }

        // An app token APPID|SECRET takes no proof: WithAppSecretProof is a no-op for it.
        request.WithGivenToken(call.Token).WithAppSecretProof(call.AppSecret, Clock());

        var caller = new GraphCaller(Endpoint, Log, Http, Retry.WithMaxRetries(call.MaximumRetryCount));
        GraphAnswer answer;
        try
        {
            answer = await caller.CallForAnswerAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (FacebookApiException ex)
        {
            throw WhatsAppErrorAdvice.Apply(ex, WhatsAppErrorAdvice.NodeOf(target.Path));
        }

        GraphResponse response = answer.Response;
        string? usage = UsageHeaders.Describe(response.AppUsage, response.BusinessUseCaseUsage);
        Log.Verbose(string.Format(
            CultureInfo.InvariantCulture,
            "HTTP {0} {1}{2}",
            response.Status,
            response.ReasonPhrase,
            usage is null ? string.Empty : "; " + usage));
        return answer;
    }

    /// <summary>Query names whose values logs mask: anything that looks like a token, secret or password.</summary>
    private static SecretHandling HandlingOf(string name)
    {
        string lower = name.ToLowerInvariant();
        return lower.Contains("token") || lower.Contains("secret") || lower.Contains("password") || lower.Contains("proof")
            ? SecretHandling.Mask
            : SecretHandling.None;
    }

    /// <summary>The body as Verbose may show it: its kind, top-level member names and size, never a value (a body may hold a PIN or a customer's text).</summary>
    private static string DescribeBody(object? body)
    {
        string size = JsonText.Write(body).Length.ToString(CultureInfo.InvariantCulture) + " chars";
        if (body is JsonObject obj)
        {
            var names = new List<string>();
            foreach (KeyValuePair<string, object?> member in obj)
            {
                names.Add(member.Key);
            }

            return "JSON object {" + string.Join(", ", names) + "} (" + size + ")";
        }

        return body is List<object?> list
            ? "JSON array of " + list.Count.ToString(CultureInfo.InvariantCulture) + " (" + size + ")"
            : "JSON value (" + size + ")";
    }
}
