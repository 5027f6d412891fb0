using System;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Diagnostics;
using FacebookToken.Json;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>
/// Meta's system-user token calls ("Install Apps, Generate, Refresh, and Revoke Tokens"): install the app for a system
/// user, generate its token, refresh a 60-day token, revoke one; and revoking a user's grant (DELETE /me/permissions).
/// </summary>
/// <remarks>Thread safe; holds no secret between calls. No call here is repeated unless Facebook surely did not act.</remarks>
internal sealed class SystemUserTokenClient : GraphClientBase
{
    private readonly FacebookOAuthClient _oauth;

    public SystemUserTokenClient(FacebookEndpoint endpoint, IFacebookLog? log = null)
        : base(endpoint, log)
    {
        _oauth = new FacebookOAuthClient(Endpoint, Log, Http, Retry, Clock);
    }

    /// <summary>POST /{system-user-id}/applications: lets the app act for the system user. Installing twice is harmless.</summary>
    public async Task InstallAppAsync(string systemUserId, string appId, CheckedSecret appSecret, CheckedSecret accessToken, CancellationToken cancellationToken)
    {
        string userId = ValidateSystemUserId(systemUserId);
        InputValidation.ValidateAppId(appId);
        var request = new GraphRequest(HttpMethod.Post, userId + "/applications", RetryMode.OnlyIfNotProcessed)
            .AddForm("business_app", appId)
            .WithBearer(accessToken)
            .WithAppSecretProof(appSecret, Clock());
        try
        {
            JsonObject answer = await Caller.CallAsync(request, cancellationToken).ConfigureAwait(false);
            if (answer.GetBoolean("success") == false)
            {
                throw new FacebookResponseException(
                    GraphHttp.EndpointName(Endpoint.GraphUrl(request.Path)) + " answered success: false: the app " + appId + " was not installed for system user " + userId + ".",
                    GraphHttp.EndpointName(Endpoint.GraphUrl(request.Path)),
                    200,
                    "application/json");
            }
        }
        catch (FacebookApiException ex) when (ex.Kind == FacebookErrorKind.PermissionDenied)
        {
            throw ApiErrorAdvice.With(ex, ex.Kind, "Installing needs the token of an admin, an admin system user or a system user of the business that owns both the system user and app " + appId + ".");
        }

        Log.Verbose("Installed app " + appId + " for system user " + userId + ".");
    }

    /// <summary>
    /// POST /{system-user-id}/access_tokens with business_app, scope, appsecret_proof and, when asked,
    /// set_token_expires_in_60_days=true. The token is a SystemUser token; its expiry is not in the answer.
    /// </summary>
    public async Task<FacebookAccessToken> CreateTokenAsync(
        string systemUserId,
        string appId,
        CheckedSecret appSecret,
        CheckedSecret accessToken,
        string[] scopes,
        bool expiresIn60Days,
        CancellationToken cancellationToken)
    {
        string userId = ValidateSystemUserId(systemUserId);
        InputValidation.ValidateAppId(appId);
        string[] scope = InputValidation.NormalizeScopes(scopes);
        if (scope.Length == 0)
        {
            throw new FacebookInputException("MissingScope", "Scope", "Give at least one permission in -Scope, e.g. whatsapp_business_management, whatsapp_business_messaging.");
        }

        var request = new GraphRequest(HttpMethod.Post, userId + "/access_tokens", RetryMode.OnlyIfNotProcessed)
            .IssuingToken()
            .AddForm("business_app", appId)
            .AddForm("scope", string.Join(",", scope));
        if (expiresIn60Days)
        {
            request.AddForm("set_token_expires_in_60_days", "true");
        }

        request.WithBearer(accessToken).WithAppSecretProof(appSecret, Clock());
        JsonObject answer;
        try
        {
            answer = await Caller.CallAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (FacebookApiException ex) when (ex.Kind == FacebookErrorKind.PermissionDenied)
        {
            throw ApiErrorAdvice.With(ex, ex.Kind, "The system user must have installed app " + appId + " (run again with -InstallApp), and -AccessToken must be of an admin or system user of the same business.");
        }
        catch (FacebookApiException ex) when (ex.Code == 3962)
        {
            throw ApiErrorAdvice.With(ex, FacebookErrorKind.InvalidParameter, "Check the permission names in -Scope (e.g. whatsapp_business_management, whatsapp_business_messaging, business_management).");
        }

        FacebookAccessToken token = _oauth.ReadToken(answer, FacebookTokenKind.SystemUser, appId, request);
        token.UserId = userId;
        token.Scopes = scope;
        return token;
    }

    /// <summary>
    /// The refresh of a 60-day system-user token: oauth/access_token with grant_type=fb_exchange_token and
    /// set_token_expires_in_60_days=true. The answer is a new token; the old one is not touched.
    /// </summary>
    public async Task<FacebookAccessToken> RefreshAsync(string appId, CheckedSecret appSecret, CheckedSecret accessToken, CancellationToken cancellationToken)
    {
        InputValidation.ValidateAppId(appId);
        var request = new GraphRequest(HttpMethod.Post, "oauth/access_token", RetryMode.OnlyIfNotProcessed)
            .IssuingToken()
            .AddForm("grant_type", "fb_exchange_token")
            .AddForm("client_id", appId)
            .AddForm("client_secret", appSecret, SecretHandling.Hide)
            .AddForm("set_token_expires_in_60_days", "true")
            .AddForm("fb_exchange_token", accessToken, SecretHandling.Mask);
        JsonObject answer;
        try
        {
            answer = await Caller.CallAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (FacebookApiException ex) when (ex.Kind is FacebookErrorKind.TokenExpired or FacebookErrorKind.TokenRevoked or FacebookErrorKind.InvalidToken)
        {
            throw ApiErrorAdvice.With(ex, ex.Kind, "An expired or revoked system-user token cannot be refreshed: make a new one with New-FacebookSystemUserToken (-ExpiresIn60Days) and save it under the same name (-CacheName).");
        }

        return _oauth.ReadToken(answer, FacebookTokenKind.SystemUser, appId, request);
    }

    /// <summary>
    /// oauth/revoke with client_id, client_secret, revoke_token and the token itself as access_token, all in the POST body
    /// (Meta's documented parameters; secrets never in a URL). The answer's success may be true or "true".
    /// </summary>
    public async Task RevokeSystemUserTokenAsync(string appId, CheckedSecret appSecret, CheckedSecret accessToken, CancellationToken cancellationToken)
    {
        InputValidation.ValidateAppId(appId);
        var request = new GraphRequest(HttpMethod.Post, "oauth/revoke", RetryMode.OnlyIfNotProcessed)
            .AddForm("client_id", appId)
            .AddForm("client_secret", appSecret, SecretHandling.Hide)
            .AddForm("revoke_token", accessToken, SecretHandling.Mask)
            .AddForm("access_token", accessToken, SecretHandling.Mask);
        JsonObject answer = await Caller.CallAsync(request, cancellationToken).ConfigureAwait(false);
        CheckSuccess(answer, request);
    }

    /// <summary>DELETE /me/permissions with the user's token: removes the app's whole grant, which ends every token of it.</summary>
    public async Task RevokeUserGrantAsync(CheckedSecret accessToken, CheckedSecret? appSecret, CancellationToken cancellationToken)
    {
        var request = new GraphRequest(HttpMethod.Delete, "me/permissions", RetryMode.OnlyIfNotProcessed)
            .WithBearer(accessToken)
            .WithAppSecretProof(appSecret, Clock());
        JsonObject answer = await Caller.CallAsync(request, cancellationToken).ConfigureAwait(false);
        CheckSuccess(answer, request);
    }

    private void CheckSuccess(JsonObject answer, GraphRequest request)
    {
        if (answer.GetBoolean("success") != true)
        {
            string name = GraphHttp.EndpointName(Endpoint.GraphUrl(request.Path));
            throw new FacebookResponseException(name + " answered HTTP 200 without success: true, so the token may still work. Check it with Get-FacebookTokenInfo.", name, 200, "application/json");
        }
    }

    private static string ValidateSystemUserId(string? systemUserId)
    {
        if (string.IsNullOrEmpty(systemUserId) || systemUserId!.Length > 32 || !IsDigits(systemUserId))
        {
            throw new FacebookInputException(
                "InvalidSystemUserId",
                "SystemUserId",
                "SystemUserId " + InputValidation.Show(systemUserId) + " is not a system user id. Give the numeric id shown in Business Settings > Users > System users.");
        }

        return systemUserId;
    }

    private static bool IsDigits(string value)
    {
        foreach (char c in value)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }

    internal static string Describe(DateTimeOffset? expiresOn) =>
        expiresOn.HasValue ? "expiring " + expiresOn.Value.ToString("u", CultureInfo.InvariantCulture) : "never expiring";
}
