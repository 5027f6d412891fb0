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

/// <summary>The token endpoint and debug_token: code exchange, long-lived exchange, inspection.</summary>
/// <remarks>Thread safe; holds no secret between calls. Secrets come checked (<see cref="CheckedSecret"/>) and become text only in the GraphRequest that sends them.</remarks>
internal sealed class FacebookOAuthClient : GraphClientBase
{
    public FacebookOAuthClient(FacebookEndpoint endpoint, IFacebookLog? log = null)
        : base(endpoint, log)
    {
    }

    /// <summary>Test seam: a chosen transport, retry policy and clock.</summary>
    internal FacebookOAuthClient(FacebookEndpoint endpoint, IFacebookLog log, GraphHttp http, RetryPolicy retry, Func<DateTimeOffset> clock)
        : base(endpoint, log, http, retry, clock)
    {
    }

    /// <summary>
    /// Exchanges an authorization code for a token: a user token for a dialog code (with its exact redirect_uri), a
    /// business integration system-user token for an Embedded Signup / JavaScript SDK code (no redirect_uri: pass null).
    /// </summary>
    /// <remarks>Not repeated after a failure that may have consumed the code (see <see cref="RetryMode.OnlyIfNotProcessed"/>).</remarks>
    public async Task<FacebookAccessToken> ExchangeCodeAsync(
        string appId,
        CheckedSecret appSecret,
        string? redirectUri,
        CheckedSecret code,
        CheckedSecret? codeVerifier,
        CancellationToken cancellationToken)
    {
        InputValidation.ValidateAppId(appId);
        bool withRedirect = !string.IsNullOrEmpty(redirectUri);
        if (withRedirect)
        {
            InputValidation.ValidateRedirectUri(redirectUri);
        }

        var request = new GraphRequest(HttpMethod.Post, "oauth/access_token", RetryMode.OnlyIfNotProcessed)
            .IssuingToken()
            .AddForm("client_id", appId)
            .AddForm("client_secret", appSecret, SecretHandling.Hide);
        if (withRedirect)
        {
            request.AddForm("redirect_uri", redirectUri!);
        }
        else
        {
            Log.Verbose("No redirect URI: exchanging the code as an Embedded Signup or JavaScript SDK code, with no redirect_uri.");
        }

        request.AddForm("code", code, SecretHandling.Mask);
        if (codeVerifier != null)
        {
            request.AddForm("code_verifier", codeVerifier, SecretHandling.Hide);
        }

        JsonObject answer;
        try
        {
            answer = await Caller.CallAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (FacebookApiException ex) when (ex.Kind == FacebookErrorKind.CodeAlreadyUsed && ex.Attempts > 1)
        {
            throw ApiErrorAdvice.CodeConsumedByRetry(ex);
        }

        FacebookAccessToken token = ReadToken(answer, TokenLifetime.FromExpiresIn(answer.GetInt64("expires_in")) ?? FacebookTokenKind.ShortLivedUser, appId, request);

        // A code exchanged without a redirect (Embedded Signup, Facebook Login for Business, the JavaScript SDK) may give
        // a business token, never-expiring or 60-day, and expires_in cannot tell a 60-day business token from a
        // long-lived user token: debug_token says which, always. A dialog code's answer is trusted when it has expires_in.
        return token.ExpiresOn.HasValue && withRedirect ? token : await ExchangedTokenKind.SettleAsync(this, token, appId, appSecret, Clock, Log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns a short-lived (or long-lived) user token into a long-lived one (about 60 days).</summary>
    public async Task<FacebookAccessToken> ExchangeForLongLivedAsync(string appId, CheckedSecret appSecret, CheckedSecret accessToken, CancellationToken cancellationToken)
    {
        InputValidation.ValidateAppId(appId);
        var request = new GraphRequest(HttpMethod.Post, "oauth/access_token", RetryMode.Idempotent)
            .IssuingToken()
            .AddForm("grant_type", "fb_exchange_token")
            .AddForm("client_id", appId)
            .AddForm("client_secret", appSecret, SecretHandling.Hide)
            .AddForm("fb_exchange_token", accessToken, SecretHandling.Mask);
        JsonObject answer = await Caller.CallAsync(request, cancellationToken).ConfigureAwait(false);
        return ReadToken(answer, FacebookTokenKind.LongLivedUser, appId, request);
    }

    /// <summary>Inspects a token with debug_token.</summary>
    /// <remarks>With <paramref name="appSecret"/>, the app token <c>APPID|SECRET</c> inspects it; without, the token inspects itself.</remarks>
    public async Task<FacebookTokenInfo> DebugTokenAsync(CheckedSecret inputToken, string? appId, CheckedSecret? appSecret, CancellationToken cancellationToken)
    {
        // input_token must be in the query (debug_token is a GET); the inspecting token goes in the Authorization header.
        var request = new GraphRequest(HttpMethod.Get, "debug_token", RetryMode.Idempotent)
            .AddQuery("input_token", inputToken, SecretHandling.Mask);
        if (appSecret is null)
        {
            Log.Verbose("No app credentials given: the token inspects itself. Pass -AppId/-AppSecret or -Credential to inspect it as the app.");
            request.WithBearer(inputToken);
        }
        else
        {
            request.WithAppToken(InputValidation.ValidateAppId(appId), appSecret);
        }

        JsonObject answer;
        try
        {
            answer = await Caller.CallAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (FacebookApiException ex) when (appSecret is null && ex.Code == 100)
        {
            throw ApiErrorAdvice.SelfInspectionRefused(ex);
        }

        JsonObject? data = answer.GetObject("data");
        if (data is null)
        {
            throw new FacebookResponseException(
                GraphHttp.EndpointName(Endpoint.GraphUrl(request.Path)) + " answered without a 'data' object, so there is nothing to report about the token.",
                GraphHttp.EndpointName(Endpoint.GraphUrl(request.Path)),
                200,
                "application/json");
        }

        return ReadTokenInfo(data, inputToken.Masked, request.SecretValues);
    }

    /// <summary>
    /// A Graph request made with a user, page or system-user token: the token as bearer and, when the app secret is at
    /// hand, <c>appsecret_proof</c> with <c>appsecret_time</c> (apps with Require App Secret refuse calls without).
    /// Every Graph call the module makes with such a token starts here.
    /// </summary>
    internal GraphRequest UserTokenRequest(HttpMethod method, string path, RetryMode retryMode, CheckedSecret token, CheckedSecret? appSecret) =>
        new GraphRequest(method, path, retryMode).WithBearer(token).WithAppSecretProof(appSecret, Clock());

    /// <summary>Sends a request built by <see cref="UserTokenRequest"/> (or any other) through the time budget and retries.</summary>
    internal Task<JsonObject> CallAsync(GraphRequest request, CancellationToken cancellationToken) => Caller.CallAsync(request, cancellationToken);

    internal FacebookAccessToken ReadToken(JsonObject answer, FacebookTokenKind kind, string appId, GraphRequest request)
    {
        string? token = answer.GetString("access_token");
        string name = GraphHttp.EndpointName(Endpoint.GraphUrl(request.Path));
        if (string.IsNullOrEmpty(token))
        {
            throw new FacebookResponseException(
                name + " answered HTTP 200 without an access_token. Check -GraphBaseUri points at Facebook's Graph API.",
                name,
                200,
                "application/json");
        }

        if (token!.Length > 4096 || InputValidation.HasControlOrSpace(token))
        {
            throw new FacebookResponseException(
                string.Format(CultureInfo.InvariantCulture, "{0} answered HTTP 200 with an access_token of {1} characters that is not a Facebook token. Check -GraphBaseUri points at Facebook's Graph API.", name, token.Length),
                name,
                200,
                "application/json");
        }

        string? tokenType = answer.GetString("token_type") is string type ? SecretMask.Scrub(type, request.SecretValues) : null;
        long? expiresIn = answer.GetInt64("expires_in");
        var result = new FacebookAccessToken(CheckedSecret.Issued(token), kind, appId)
        {
            TokenType = tokenType is null || string.Equals(tokenType, "bearer", StringComparison.OrdinalIgnoreCase) ? "Bearer" : tokenType,
            ExpiresOn = expiresIn > 0 ? Clock().AddSeconds(expiresIn.Value) : null,
        };
        Log.Verbose(string.Format(
            CultureInfo.InvariantCulture,
            "Received a {0} token {1}, {2}.",
            kind,
            result.MaskedToken,
            result.ExpiresOn.HasValue ? "expiring " + result.ExpiresOn.Value.ToString("u", CultureInfo.InvariantCulture) : "with no expiry given"));
        return result;
    }

    /// <summary>debug_token's <c>data</c> as a FacebookTokenInfo, every text in it scrubbed of the request's secrets.</summary>
    /// <remarks>
    /// Facebook's <c>data.error.message</c> may quote the inspecting app token <c>APPID|SECRET</c>. <paramref name="secrets"/>
    /// are the request's (<see cref="GraphRequest.SecretValues"/>: the inspected token, the app secret).
    /// </remarks>
    internal static FacebookTokenInfo ReadTokenInfo(JsonObject data, string maskedToken, string[] secrets)
    {
        string[] all = secrets;
        string? Text(JsonObject o, string name) => o.GetString(name) is string value ? ServerText.Clean(SecretMask.Scrub(value, all)) : null;
        string[] Texts(JsonObject o, string name) => Array.ConvertAll(o.GetStringArray(name), value => SecretMask.Scrub(value, all));

        var info = new FacebookTokenInfo
        {
            IsValid = data.GetBoolean("is_valid") ?? false,
            Type = Text(data, "type"),
            AppId = Text(data, "app_id"),
            Application = Text(data, "application"),
            UserId = Text(data, "user_id"),
            Scopes = Texts(data, "scopes"),
            ExpiresOn = FromUnix(data.GetInt64("expires_at")),
            DataAccessExpiresOn = FromUnix(data.GetInt64("data_access_expires_at")),
            IssuedOn = FromUnix(data.GetInt64("issued_at")),
            MaskedToken = maskedToken,
        };

        var granular = new List<FacebookGranularScope>();
        foreach (object? item in data.GetArray("granular_scopes") ?? new List<object?>())
        {
            if (item is JsonObject g && Text(g, "scope") is string scope)
            {
                granular.Add(new FacebookGranularScope(scope, Texts(g, "target_ids")));
            }
        }

        info.GranularScopes = granular.ToArray();
        if (data.GetObject("error") is JsonObject error)
        {
            long? code = error.GetInt64("code");
            long? subcode = error.GetInt64("subcode") ?? error.GetInt64("error_subcode");
            info.Error = new FacebookTokenError(
                code.HasValue ? (int?)code.Value : null,
                subcode.HasValue ? (int?)subcode.Value : null,
                Text(error, "message"));
        }

        return info;
    }

    /// <summary>Unix seconds to UTC; 0 or absent means never / unknown.</summary>
    internal static DateTimeOffset? FromUnix(long? seconds) =>
        seconds.HasValue && seconds.Value > 0 && seconds.Value < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds.Value) : null;

}
