using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Cache;
using FacebookToken.Diagnostics;

namespace FacebookToken.Module;

/// <summary>
/// Base of the cmdlets that use a token, and the one token selector: a piped token (a FacebookAccessToken, a SecureString or
/// plain text) or cached tokens by -Name (wildcards) with the cache parameters, and app credentials optional (for
/// debug_token as the app and for appsecret_proof). A cmdlet declares only what it adds.
/// </summary>
public abstract class FacebookTokenCmdlet : FacebookGraphCmdlet, IDynamicParameters
{
    protected const string TokenSet = "Token";
    protected const string NameSet = "Name";

    /// <summary>The token: a FacebookAccessToken from the pipeline, a SecureString, or the token as text.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = TokenSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [TokenArgumentTransformation]
    public virtual FacebookTokenArgument? AccessToken { get; set; }

    /// <summary>Cached tokens by name (wildcards allowed), as Get-FacebookToken reads them.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CachedNameCompleter))]
    [ValidateNotNullOrEmpty]
    public virtual string[]? Name { get; set; }

    /// <summary>The app id (optional): with -AppSecret or -Credential the app token asks debug_token and every call carries appsecret_proof.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowNull]
    [AllowEmptyString]
    public virtual string? AppId { get; set; }

    [Parameter]
    public virtual SecureString? AppSecret { get; set; }

    /// <summary>User name = app id, password = app secret.</summary>
    [Parameter]
    [Credential]
    public virtual PSCredential? Credential { get; set; }

    /// <summary>With -Name: the cache parameters.</summary>
    internal CacheParameterGroup Cache { get; } = new(NameSet);

    public object GetDynamicParameters() => Cache.Define();

    /// <summary>The app credentials when given (both null when not); refuses half or contradicting ones.</summary>
    protected (string? AppId, SecureString? Secret) ResolveOptionalApp() => AppCredentials.ResolveOptional(AppId, AppSecret, Credential);

    /// <summary>
    /// The per-record loop of a cmdlet that makes one core call per token: the endpoint and optional app credentials (a bad
    /// one is an error on -AppId and ends the record), then for each token <paramref name="call"/> with the endpoint, the
    /// token, its app id (-AppId, else the token's own) and the app secret, and <paramref name="write"/> with the token's
    /// name (or mask) and the result. A failed call is an error on that name or mask; the next token still runs.
    /// </summary>
    internal void ForEachToken<T>(
        Func<FacebookEndpoint, FacebookAccessToken, string?, SecureString?, IFacebookLog, CancellationToken, Task<T>> call,
        Action<string, T> write)
    {
        string? appId;
        SecureString? secret;
        FacebookEndpoint endpoint;
        try
        {
            endpoint = CreateEndpoint();
            (appId, secret) = ResolveOptionalApp();
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, AppId);
            return;
        }

        foreach (FacebookAccessToken token in ResolveTokens())
        {
            string target = token.Name ?? token.MaskedToken;
            T result;
            try
            {
                string? tokenAppId = appId ?? token.AppId;
                result = Run((log, ct) => call(endpoint, token, tokenAppId, secret, log, ct));
            }
            catch (FacebookException ex)
            {
                WriteFacebookError(ex, target);
                continue;
            }

            write(target, result);
        }
    }

    internal ITokenStore OpenCache(bool allowPlaintext = false) => Cache.Open(this, allowPlaintext);

    /// <summary>
    /// The tokens of this record: the piped or given one (a FacebookAccessToken keeps its Name, Kind, AppId and expiry), or
    /// the cached ones matching -Name (<see cref="TokenSelector"/>).
    /// </summary>
    internal IReadOnlyList<FacebookAccessToken> ResolveTokens()
    {
        if (ParameterSetName != NameSet)
        {
            return new[] { AccessToken?.ToToken(AppId) ?? new FacebookAccessToken(new SecureString(), FacebookTokenKind.Unknown, null) };
        }

        return TokenSelector.Select(this, OpenCache(), Name ?? Array.Empty<string>(), Cache.Values.CachePath);
    }
}
