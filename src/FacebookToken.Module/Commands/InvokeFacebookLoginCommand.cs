using System;
using System.Management.Automation;
using System.Security;

namespace FacebookToken.Module.Commands;

/// <summary>The whole login in one call: URL, browser, redirect, code exchange, and a long-lived token.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "FacebookLogin", DefaultParameterSetName = AppSecretSet)]
[OutputType(typeof(FacebookAccessToken))]
public sealed class InvokeFacebookLoginCommand : FacebookLoginCmdlet
{
    private const string AppSecretSet = "AppSecret";
    private const string CredentialSet = "Credential";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = AppSecretSet)]
    [Parameter(ParameterSetName = CredentialSet)]
    [AllowEmptyString]
    public string? AppId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AppSecretSet)]
    public SecureString? AppSecret { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter(Mandatory = true)]
    [AllowEmptyString]
    public string RedirectUri { get; set; } = string.Empty;

    [Parameter]
    [ArgumentCompleter(typeof(ScopeCompleter))]
    public string[]? Scope { get; set; }

    [Parameter]
    [ValidateSet("rerequest", "reauthenticate", "reauthorize")]
    public string? AuthType { get; set; }

    [Parameter]
    public string? ConfigId { get; set; }

    [Parameter]
    public SwitchParameter UsePkce { get; set; }

    /// <summary>Stop at the short-lived token instead of exchanging it for a long-lived one.</summary>
    [Parameter]
    public SwitchParameter ShortLived { get; set; }

    /// <summary>Also save the result in the token cache under this name.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(CachedNameCompleter))]
    public string? CacheName { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CachePath { get; set; }

    [Parameter]
    public SecureString? CacheKey { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ApiVersionCompleter))]
    public string ApiVersion { get; set; } = FacebookEndpoint.DefaultApiVersion;

    [Parameter]
    [ValidateNotNull]
    public Uri GraphBaseUri { get; set; } = FacebookEndpoint.DefaultGraphBaseUri;

    [Parameter]
    [ValidateNotNull]
    public Uri LoginBaseUri { get; set; } = FacebookEndpoint.DefaultLoginBaseUri;

    /// <summary>
    /// Asks debug_token, as the app, what was granted: fills UserId, the granted Scopes and DataAccessExpiresOn, and checks
    /// the token is valid and belongs to this app. A failure here is a warning; the token is still returned.
    /// </summary>
    private void Inspect(FacebookEndpoint endpoint, string appId, SecureString secret, FacebookAccessToken token)
    {
        WriteVerbose("Checking the new token with debug_token.");
        try
        {
            FacebookTokenInfo info = Run((log, ct) => new FacebookOAuthClient(endpoint, log).DebugTokenAsync(token.AccessToken, FacebookOAuthClient.AppTokenLiteral(appId, secret), ct));
            if (!info.IsValid || (info.AppId != null && info.AppId != appId))
            {
                WriteWarning("debug_token says the new token is " + (info.IsValid ? "for app " + info.AppId + ", not " + appId : "not valid" + (info.Error is null ? string.Empty : ": " + info.Error)) + ". Do not use it.");
                return;
            }

            token.UserId = info.UserId;
            token.Scopes = info.Scopes;
            token.DataAccessExpiresOn = info.DataAccessExpiresOn;
            token.ExpiresOn ??= info.ExpiresOn;
        }
        catch (Exception ex) when (ex is FacebookException || ex is FacebookInputException)
        {
            WriteWarning("Could not check the new token with debug_token (" + ex.Message + "). It is returned unchecked; Get-FacebookTokenInfo can check it later.");
        }
    }

    protected override string PasteBackAdvice =>
        "For SSH and containers, run Get-FacebookAuthUrl, open its Uri anywhere, and pipe the request into Receive-FacebookAuthCode -CallbackUri <final URL>.";

    protected override void ProcessRecord()
    {
        try
        {
            (string appId, SecureString secret) = AppCredentials.Resolve(AppId, AppSecret, Credential);
            FacebookToken.Cache.TokenCache? cache = null;
            if (CacheName != null)
            {
                // Open the cache first: a missing key or keyring should fail before the user signs in.
                FacebookToken.Cache.TokenName.Validate(CacheName);
                cache = RunSync(log => FacebookToken.Cache.TokenCache.Open(
                    new FacebookToken.Cache.TokenCacheOptions
                    {
                        CachePath = CachePath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(CachePath),
                        CacheKey = CacheKey,
                    },
                    log));
            }

            var endpoint = new FacebookEndpoint(ApiVersion, GraphBaseUri, LoginBaseUri, null);
            FacebookAuthRequest request = FacebookAuthUrlBuilder.Build(endpoint, new FacebookAuthOptions
            {
                AppId = appId,
                RedirectUri = RedirectUri,
                Scope = Scope,
                AuthType = AuthType,
                ConfigId = ConfigId,
                UsePkce = UsePkce,
            });
            WriteVerbose("Step 1 of " + (ShortLived ? "2" : "3") + ": sign-in for app " + appId + " with redirect " + request.RedirectUri + ".");
            FacebookAuthCode code = ReceiveCode(request);

            WriteVerbose("Step 2: exchanging the code for a short-lived token.");
            FacebookAccessToken token = Run((log, ct) => new FacebookOAuthClient(endpoint, log).ExchangeCodeAsync(appId, secret, code.RedirectUri, code.Code, code.CodeVerifier, ct));
            token.Scopes = code.GrantedScopes;
            if (!ShortLived)
            {
                WriteVerbose("Step 3: exchanging it for a long-lived token.");
                string[] scopes = token.Scopes;
                FacebookAccessToken shortToken = token;
                token = Run((log, ct) => new FacebookOAuthClient(endpoint, log).ExchangeForLongLivedAsync(appId, secret, shortToken.AccessToken, ct));
                token.Scopes = scopes;
            }

            Inspect(endpoint, appId, secret, token);
            if (cache != null)
            {
                bool replaced = RunSync(_ => cache.Save(token, CacheName!));
                token.Name = CacheName;
                WriteVerbose((replaced ? "Replaced" : "Saved") + " the token as '" + CacheName + "' in " + cache.Info + ".");
            }

            WriteObject(token);
        }
        catch (Exception ex) when (ex is FacebookException || ex is FacebookInputException)
        {
            WriteFacebookError(ex, string.IsNullOrEmpty(RedirectUri) ? AppId : RedirectUri);
        }
    }
}
