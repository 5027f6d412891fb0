using System;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Diagnostics;
using FacebookToken.Json;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>Runs a Graph request to completion: the time budget and retries with back-off; <see cref="GraphResponseReader"/> reads each answer.</summary>
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

    public async Task<JsonObject> CallAsync(GraphRequest request, CancellationToken cancellationToken) =>
        (await CallForAnswerAsync(request, cancellationToken).ConfigureAwait(false)).Body;

    /// <summary>As <see cref="CallAsync"/>, keeping the answer's status and headers (scrubbed of the request's secrets) next to its JSON.</summary>
    public async Task<GraphAnswer> CallForAnswerAsync(GraphRequest request, CancellationToken cancellationToken)
    {
        string url = _endpoint.GraphUrl(request.ApiVersion, request.Path);
        string name = GraphHttp.EndpointName(url);
        TimeSpan budget = _endpoint.Timeout;
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);

        _log.Verbose(request.Method.Method + " " + url + " (" + request.DescribeParameters() + ")");
        for (int attempt = 1; ; attempt++)
        {
            FacebookException failure;
            if (attempt > 1)
            {
                // A back-off may outlast the 5 minutes Facebook accepts an appsecret_time for.
                request.RefreshAppSecretProof();
            }

            try
            {
                var attemptClock = Stopwatch.StartNew();
                // Scrubbed before the Debug line: a server (or proxy) may echo a secret in any header it likes.
                GraphResponse response = (await _http.SendAsync(url, request, deadline.Token).ConfigureAwait(false)).Scrubbed(request.SecretValues);
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
                return new GraphAnswer(GraphResponseReader.Read(response, name, request, deadline.Token), response, attempt);
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
                    "Could not reach " + name + ": " + SecretMask.Scrub(Innermost(ex).Message, request.SecretValues) + ". Check the network, DNS, proxy (HTTPS_PROXY) and -GraphBaseUri.",
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
}
