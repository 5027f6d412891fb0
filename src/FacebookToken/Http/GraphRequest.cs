using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Text;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>One Graph call: path, parameters, and which parameters are secrets that logs must mask.</summary>
internal sealed class GraphRequest
{
    private readonly HashSet<string> _hidden = new(StringComparer.Ordinal);
    private readonly HashSet<string> _masked = new(StringComparer.Ordinal);
    private readonly List<string> _secretValues = new();
    private readonly Dictionary<CheckedSecret, string> _revealed = new();
    private string? _bearerShown;
    private string? _bodyShown;
    private bool _isAppToken;
    private string? _proofSecret;
    private DateTimeOffset _proofBase;
    private Stopwatch? _proofAge;

    public GraphRequest(HttpMethod method, string path, RetryMode retryMode)
    {
        Method = method;
        Path = path;
        RetryMode = retryMode;
    }

    public HttpMethod Method { get; }

    /// <summary>Path after the version, e.g. <c>oauth/access_token</c>.</summary>
    public string Path { get; }

    public RetryMode RetryMode { get; }

    public List<KeyValuePair<string, string>> Query { get; } = new();

    /// <summary>Sent as an application/x-www-form-urlencoded body, which keeps secrets out of URLs and server logs.</summary>
    public List<KeyValuePair<string, string>> Form { get; } = new();

    /// <summary>Sent as an application/json body instead of a form (general Graph calls such as WhatsApp messages).</summary>
    public string? JsonBody { get; private set; }

    /// <summary>The version this request names itself (a paging link); null: the endpoint's -ApiVersion.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>Sent as <c>Authorization: Bearer</c>, never in the URL.</summary>
    public string? BearerToken { get; private set; }

    /// <summary>
    /// True for a request whose answer's top-level <c>access_token</c> is the token it issues (oauth/access_token,
    /// {system-user}/access_tokens): that member is kept when the answer is scrubbed, since a renewal may give the
    /// token it was sent back unchanged. Everything else in the answer is scrubbed.
    /// </summary>
    public bool IssuesToken { get; private set; }

    /// <summary>Marks the request as one whose answer carries the token it issues (<see cref="IssuesToken"/>).</summary>
    public GraphRequest IssuingToken()
    {
        IssuesToken = true;
        return this;
    }

    /// <summary>Every secret value of this request, for scrubbing texts that might echo one.</summary>
    public string[] SecretValues => _secretValues.ToArray();

    public GraphRequest AddQuery(string name, string value, SecretHandling handling = SecretHandling.None)
    {
        Query.Add(new KeyValuePair<string, string>(name, value));
        Remember(name, value, handling);
        return this;
    }

    /// <summary>Adds a secret to the query (debug_token's input_token: a GET has no body); logs show it per <paramref name="handling"/>.</summary>
    public GraphRequest AddQuery(string name, CheckedSecret value, SecretHandling handling) => AddQuery(name, Reveal(value), handling);

    /// <summary>
    /// Sets the JSON body. Logs show only <paramref name="shown"/> (e.g. its member names and size), never values:
    /// a body may hold a PIN or a customer's message.
    /// </summary>
    public GraphRequest WithJsonBody(string json, string shown)
    {
        JsonBody = json;
        _bodyShown = shown;
        return this;
    }

    public GraphRequest AddForm(string name, string value, SecretHandling handling = SecretHandling.None)
    {
        Form.Add(new KeyValuePair<string, string>(name, value));
        Remember(name, value, handling);
        return this;
    }

    /// <summary>Adds a secret (client_secret, a code, a token to exchange) to the form body; logs show it per <paramref name="handling"/>.</summary>
    public GraphRequest AddForm(string name, CheckedSecret value, SecretHandling handling) => AddForm(name, Reveal(value), handling);

    /// <summary>A user, page or system-user token as the bearer; logs show it masked.</summary>
    public GraphRequest WithBearer(CheckedSecret token) => WithBearer(Reveal(token));

    /// <summary>
    /// A token as the user gave it for a general Graph call: <c>APPID|SECRET</c> is an app token (its secret part hidden in
    /// logs, never masked, and no proof), anything else a bearer.
    /// </summary>
    public GraphRequest WithGivenToken(CheckedSecret token)
    {
        string text = Reveal(token);
        int bar = text.IndexOf('|');
        return bar > 0 ? SetAppToken(text.Substring(0, bar), text.Substring(bar + 1)) : WithBearer(text);
    }

    private GraphRequest WithBearer(string token)
    {
        BearerToken = token;
        _bearerShown = SecretMask.MaskToken(token);
        _secretValues.Add(token);
        return this;
    }

    /// <summary>True when the bearer is a user, page or system-user token (not an app token): the calls Require App Secret guards.</summary>
    public bool HasUserBearer => BearerToken != null && !_isAppToken;

    /// <summary>True once <see cref="WithAppSecretProof"/> added a proof.</summary>
    public bool HasAppSecretProof => _proofSecret != null;

    /// <summary>
    /// Adds <c>appsecret_proof</c> and <c>appsecret_time</c> for the bearer token set before, keyed by the app secret,
    /// so apps with "Require App Secret" on accept the call. A no-op without a bearer or a secret, and for an app token.
    /// </summary>
    /// <remarks>
    /// The proof is the HMAC-SHA256 of <c>token|time</c> with <c>appsecret_time=time</c> (Meta's Login Security page;
    /// a proof with a time is accepted for 5 minutes). Both go in the query string, never the form: Facebook ignores
    /// a form-encoded proof on some POST endpoints. <see cref="RefreshAppSecretProof"/> renews it for a retry.
    /// </remarks>
    public GraphRequest WithAppSecretProof(CheckedSecret? appSecret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(BearerToken) || appSecret is null || appSecret.Value.Length == 0 || _isAppToken)
        {
            return this;
        }

        _proofSecret = Reveal(appSecret);
        _proofBase = now;
        _proofAge = Stopwatch.StartNew();
        SetProof(now);
        return this;
    }

    /// <summary>
    /// Recomputes the proof for the time now (the time given to <see cref="WithAppSecretProof"/> plus the time since),
    /// so a retry after a long back-off does not send a proof older than Facebook's 5 minutes. A no-op without a proof.
    /// </summary>
    public void RefreshAppSecretProof()
    {
        if (_proofSecret != null && _proofAge != null)
        {
            SetProof(_proofBase + _proofAge.Elapsed);
        }
    }

    /// <summary>The app token <c>APPID|SECRET</c> as the bearer; the secret is hidden, never masked (a mask shows its last characters).</summary>
    public GraphRequest WithAppToken(string appId, CheckedSecret appSecret) => SetAppToken(appId, Reveal(appSecret));

    private GraphRequest SetAppToken(string appId, string appSecret)
    {
        BearerToken = appId + "|" + appSecret;
        _isAppToken = true;
        _bearerShown = appId + "|" + SecretMask.Hide(appSecret);
        _secretValues.Add(appSecret);
        return this;
    }

    private void SetProof(DateTimeOffset now)
    {
        long time = now.ToUnixTimeSeconds();
        string proof = AppSecretProof.Compute(BearerToken!, _proofSecret!, time);
        Query.RemoveAll(p => p.Key == "appsecret_proof" || p.Key == "appsecret_time");
        AddQuery("appsecret_proof", proof, SecretHandling.Mask);
        AddQuery("appsecret_time", time.ToString(CultureInfo.InvariantCulture));
    }

    public string BuildQueryString()
    {
        if (Query.Count == 0)
        {
            return string.Empty;
        }

        var sb = new StringBuilder("?");
        foreach (var p in Query)
        {
            if (sb.Length > 1)
            {
                sb.Append('&');
            }

            sb.Append(Uri.EscapeDataString(p.Key)).Append('=').Append(Uri.EscapeDataString(p.Value));
        }

        return sb.ToString();
    }

    /// <summary>The parameters as a log may show them: secrets hidden or masked.</summary>
    public string DescribeParameters()
    {
        var parts = new List<string>();
        foreach (var p in Query)
        {
            parts.Add(p.Key + "=" + Display(p.Key, p.Value));
        }

        foreach (var p in Form)
        {
            parts.Add(p.Key + "=" + Display(p.Key, p.Value));
        }

        if (_bodyShown != null)
        {
            parts.Add("body=" + _bodyShown);
        }

        if (_bearerShown != null)
        {
            parts.Add("Authorization=Bearer " + _bearerShown);
        }

        return string.Join(", ", parts);
    }

    private string Display(string name, string value)
    {
        if (_hidden.Contains(name))
        {
            return SecretMask.Hide(value);
        }

        return _masked.Contains(name) ? SecretMask.MaskToken(value) : value;
    }

    /// <summary>
    /// The text of <paramref name="secret"/> for this request: made once per request (a secret sent twice in it, such as
    /// oauth/revoke's token, is one string) and registered for masking (<see cref="SecretValues"/>).
    /// </summary>
    private string Reveal(CheckedSecret secret)
    {
        if (!_revealed.TryGetValue(secret, out string? text))
        {
            text = secret.Reveal();
            _revealed.Add(secret, text);
            _secretValues.Add(text);
        }

        return text;
    }

    private void Remember(string name, string value, SecretHandling handling)
    {
        switch (handling)
        {
            case SecretHandling.Hide:
                _hidden.Add(name);
                _secretValues.Add(value);
                break;
            case SecretHandling.Mask:
                _masked.Add(name);
                _secretValues.Add(value);
                break;
        }
    }
}
