using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Diagnostics;
using FacebookToken.Json;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>Runs a Graph request to completion: the time budget, retries with back-off, and turning answers into data or typed errors.</summary>
internal sealed class GraphCaller
{
    private readonly FacebookEndpoint _endpoint;
    private readonly IFacebookLog _log;
    private readonly GraphHttp _http;
    private readonly RetryPolicy _retry;

    public GraphCaller(FacebookEndpoint endpoint, IFacebookLog log, GraphHttp http, RetryPolicy retry)
    {
        _endpoint = endpoint;
        _log = log;
        _http = http;
        _retry = retry;
    }

    public async Task<Dictionary<string, object?>> CallAsync(GraphRequest request, CancellationToken cancellationToken)
    {
        string url = _endpoint.GraphUrl(request.Path);
        string name = GraphHttp.EndpointName(url);
        TimeSpan budget = _endpoint.Timeout;
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);

        _log.Verbose(request.Method.Method + " " + url + " (" + request.DescribeParameters() + ")");
        for (int attempt = 1; ; attempt++)
        {
            FacebookException failure;
            try
            {
                var attemptClock = Stopwatch.StartNew();
                GraphResponse response = await _http.SendAsync(url, request, deadline.Token).ConfigureAwait(false);
                _log.Debug(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} answered HTTP {1} {2} in {3} ms (attempt {4}{5}{6})",
                    name,
                    response.Status,
                    response.ContentType ?? "(no content type)",
                    attemptClock.ElapsedMilliseconds,
                    attempt,
                    response.FbTraceId is null ? string.Empty : ", x-fb-trace-id " + response.FbTraceId,
                    response.AppUsage is null ? string.Empty : ", X-App-Usage " + response.AppUsage));
                return Interpret(response, name, request);
            }
            catch (FacebookException ex)
            {
                failure = ex;
            }
            catch (Exception ex) when (ex is OperationCanceledException || (ex is HttpRequestException && deadline.IsCancellationRequested))
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw TimedOut(name, budget, attempt, ex);
            }
            catch (HttpRequestException ex)
            {
                bool beforeSending = IsConnectFailure(ex);
                failure = new FacebookConnectionException(
                    "Could not reach " + name + ": " + SecretMask.Scrub(Innermost(ex).Message, Secrets(request)) + ". Check the network, DNS, proxy (HTTPS_PROXY) and -GraphBaseUri.",
                    name,
                    beforeSending,
                    ex);
            }

            failure.Attempts = attempt;
            if (attempt >= _retry.MaxAttempts || !_retry.ShouldRetry(failure, request.RetryMode))
            {
                if (attempt > 1)
                {
                    _log.Verbose("Giving up on " + name + " after " + attempt + " attempts.");
                }

                throw failure;
            }

            TimeSpan delay = ThrottleWait.Delay(_retry, attempt, failure);
            if (clock.Elapsed + delay >= budget)
            {
                _log.Verbose("Not retrying " + name + ": the next try would not fit in -TimeoutSec " + budget.TotalSeconds.ToString(CultureInfo.InvariantCulture) + ".");
                throw ThrottleWait.BeyondBudget(failure, budget);
            }

            _log.Verbose(string.Format(
                CultureInfo.InvariantCulture,
                "{0} failed with a transient error ({1}); retrying in {2:0.0} s (attempt {3} of {4}).",
                name,
                failure is FacebookApiException api ? "code " + api.Code : failure.Kind.ToString(),
                delay.TotalSeconds,
                attempt + 1,
                _retry.MaxAttempts));
            try
            {
                await Task.Delay(delay, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex)
            {
                cancellationToken.ThrowIfCancellationRequested();
                throw TimedOut(name, budget, attempt, ex);
            }
        }
    }

    internal static Dictionary<string, object?> Interpret(GraphResponse response, string name, GraphRequest request)
    {
        try
        {
            return InterpretCore(response, name, request);
        }
        catch (FacebookException ex)
        {
            if (int.TryParse(response.RetryAfter, NumberStyles.None, CultureInfo.InvariantCulture, out int seconds))
            {
                ex.RetryAfter = TimeSpan.FromSeconds(seconds);
            }

            if (ex is FacebookApiException { Kind: FacebookErrorKind.RateLimited } throttled)
            {
                throttled.RegainAccessAfter = BusinessUseCaseUsage.RegainAccessAfter(response.BusinessUseCaseUsage);
            }

            throw;
        }
    }

    private static Dictionary<string, object?> InterpretCore(GraphResponse response, string name, GraphRequest request)
    {
        string[] secrets = Secrets(request);
        string trimmed = response.Body.Trim();
        if (response.Status >= 300 && response.Status < 400)
        {
            string target = response.Location is null ? "nowhere" : SafeHost(response.Location);
            throw new FacebookResponseException(
                string.Format(CultureInfo.InvariantCulture, "{0} answered HTTP {1} (a redirect to {2}) instead of JSON. Redirects are not followed for token requests; check -GraphBaseUri.", name, response.Status, target),
                name,
                response.Status,
                response.ContentType);
        }

        if (trimmed.Length == 0)
        {
            throw new FacebookResponseException(
                string.Format(CultureInfo.InvariantCulture, "{0} answered HTTP {1} {2} with an empty body instead of JSON.{3}", name, response.Status, response.ReasonPhrase, RetryHint(response.Status)),
                name,
                response.Status,
                response.ContentType);
        }

        if (trimmed[0] != '{' && trimmed[0] != '[')
        {
            throw new FacebookResponseException(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "{0} answered HTTP {1} {2} with {3} instead of JSON{4}.{5}",
                    name,
                    response.Status,
                    response.ReasonPhrase,
                    response.ContentType ?? "an untyped body",
                    Excerpt(trimmed, secrets),
                    RetryHint(response.Status)),
                name,
                response.Status,
                response.ContentType);
        }

        object? parsed;
        try
        {
            parsed = JsonParser.Parse(trimmed);
        }
        catch (FormatException ex)
        {
            throw new FacebookResponseException(
                string.Format(CultureInfo.InvariantCulture, "{0} answered HTTP {1} with malformed or truncated JSON ({2}).{3}", name, response.Status, ex.Message.TrimEnd('.'), RetryHint(response.Status)),
                name,
                response.Status,
                response.ContentType,
                ex);
        }

        if (parsed is not Dictionary<string, object?> obj)
        {
            throw new FacebookResponseException(
                string.Format(CultureInfo.InvariantCulture, "{0} answered HTTP {1} with JSON that is not an object.", name, response.Status),
                name,
                response.Status,
                response.ContentType);
        }

        Dictionary<string, object?>? error = obj.GetObject("error");
        if (error != null)
        {
            throw ToApiException(error, response, name, secrets, request);
        }

        if (response.Status < 200 || response.Status >= 300)
        {
            throw new FacebookResponseException(
                string.Format(CultureInfo.InvariantCulture, "{0} answered HTTP {1} {2} with JSON that holds no error object.{3}", name, response.Status, response.ReasonPhrase, RetryHint(response.Status)),
                name,
                response.Status,
                response.ContentType);
        }

        return obj;
    }

    private static FacebookApiException ToApiException(Dictionary<string, object?> error, GraphResponse response, string name, string[] secrets, GraphRequest request)
    {
        int? code = ToInt(error.GetInt64("code"));
        int? subcode = ToInt(error.GetInt64("error_subcode"));
        string? fbMessage = Scrub(error.GetString("message"), secrets);
        string? trace = error.GetString("fbtrace_id") ?? response.FbTraceId;
        FacebookErrorKind kind = FacebookErrorClassifier.Classify(code, subcode, GraphErrorTable.EndpointOf(request), error.GetBoolean("is_transient") ?? false, response.Status, GraphErrorTable.SentCodeVerifier(request));
        return new FacebookApiException(
            FacebookErrorClassifier.Describe(name, fbMessage, code, subcode, trace, kind),
            kind,
            name,
            response.Status,
            code,
            subcode,
            error.GetString("type"),
            fbMessage,
            trace,
            error.GetBoolean("is_transient") ?? false,
            Scrub(error.GetString("error_user_title"), secrets),
            Scrub(error.GetString("error_user_msg"), secrets));
    }

    private static string? Scrub(string? text, string[] secrets) => text is null ? null : SecretMask.Scrub(text, secrets);

    private static int? ToInt(long? value) => value.HasValue && value.Value >= int.MinValue && value.Value <= int.MaxValue ? (int)value.Value : null;

    private static string RetryHint(int status) =>
        status >= 500 ? " This is usually a passing problem at Facebook or a proxy: try again shortly." : " Check -GraphBaseUri and any proxy in between.";

    private static string Excerpt(string body, string[] secrets)
    {
        Match title = Regex.Match(body, "<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline);
        string text = title.Success ? title.Groups[1].Value : body;
        text = Regex.Replace(text, @"\s+", " ").Trim();
        if (text.Length > 80)
        {
            text = text.Substring(0, 80) + "…";
        }

        text = SecretMask.Scrub(text, secrets);
        return text.Length == 0 ? string.Empty : ": \"" + InputValidation.Show(text).Trim('\'') + "\"";
    }

    private static string SafeHost(string location) =>
        Uri.TryCreate(location, UriKind.Absolute, out Uri? uri) ? uri.Authority : "a relative location";

    private static FacebookTimeoutException TimedOut(string name, TimeSpan budget, int attempt, Exception inner) =>
        new(
            string.Format(
                CultureInfo.InvariantCulture,
                "No complete answer from {0} within {1} s (-TimeoutSec), after {2} attempt{3}. Check the network or proxy, or raise -TimeoutSec.",
                name,
                budget.TotalSeconds,
                attempt,
                attempt == 1 ? string.Empty : "s"),
            name,
            budget,
            inner)
        {
            Attempts = attempt,
        };

    private static bool IsConnectFailure(Exception ex)
    {
        for (Exception? e = ex; e != null; e = e.InnerException)
        {
            if (e is SocketException se)
            {
                switch (se.SocketErrorCode)
                {
                    case SocketError.ConnectionRefused:
                    case SocketError.HostNotFound:
                    case SocketError.HostUnreachable:
                    case SocketError.NetworkUnreachable:
                    case SocketError.TryAgain:
                    case SocketError.NoData:
                    case SocketError.AddressNotAvailable:
                        return true;
                }
            }
        }

        return false;
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException != null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }

    private static string[] Secrets(GraphRequest request)
    {
        var list = new string[request.SecretValues.Count];
        for (int i = 0; i < list.Length; i++)
        {
            list[i] = request.SecretValues[i];
        }

        return list;
    }
}
