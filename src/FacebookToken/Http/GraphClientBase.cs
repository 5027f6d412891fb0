using System;
using FacebookToken.Diagnostics;

namespace FacebookToken;

/// <summary>
/// What every Graph client is built from: the endpoint, the log, the transport and retry policy, a
/// <see cref="GraphCaller"/> over them, and the clock (for appsecret_time and expiry times).
/// </summary>
/// <remarks>Holds no secret. The defaults are the shared keep-alive transport, the default retry policy and UTC now.</remarks>
internal abstract class GraphClientBase
{
    protected GraphClientBase(FacebookEndpoint endpoint, IFacebookLog? log, GraphHttp? http = null, RetryPolicy? retry = null, Func<DateTimeOffset>? clock = null)
    {
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        Log = log ?? NullFacebookLog.Instance;
        Http = http ?? GraphHttp.Shared;
        Retry = retry ?? RetryPolicy.Default;
        Clock = clock ?? (() => DateTimeOffset.UtcNow);
        Caller = new GraphCaller(Endpoint, Log, Http, Retry);
    }

    protected FacebookEndpoint Endpoint { get; }

    protected IFacebookLog Log { get; }

    protected GraphHttp Http { get; }

    protected RetryPolicy Retry { get; }

    protected Func<DateTimeOffset> Clock { get; }

    protected GraphCaller Caller { get; }
}
