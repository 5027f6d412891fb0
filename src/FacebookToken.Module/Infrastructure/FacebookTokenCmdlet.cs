using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Cache;
using FacebookToken.Diagnostics;

namespace FacebookToken.Module;

/// <summary>
/// Base of the cmdlets that use a token: a piped token (a FacebookAccessToken, a SecureString or plain text) or cached
/// tokens by -Name (wildcards), with app credentials optional (for debug_token as the app and for appsecret_proof).
/// Parameters are declared once, <c>public virtual</c>; a cmdlet overrides only what differs.
/// </summary>
public abstract class FacebookTokenCmdlet : FacebookGraphCmdlet
{
    protected const string TokenSet = "Token";
    protected const string NameSet = "Name";

    /// <summary>The token: a FacebookAccessToken from the pipeline, a SecureString, or the token as text.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = TokenSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SecureStringTransformation("AccessToken")]
    public virtual SecureString? AccessToken { get; set; }

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

    /// <summary>With -Name: the folder holding the cache.</summary>
    [Parameter(ParameterSetName = NameSet)]
    [ValidateNotNullOrEmpty]
    public virtual string? CachePath { get; set; }

    /// <summary>With -Name: the key of a key-file cache.</summary>
    [Parameter(ParameterSetName = NameSet)]
    public virtual SecureString? CacheKey { get; set; }

    /// <summary>With -Name: a registered SecretManagement vault holding the tokens instead of the local cache; default FACEBOOK_TOKEN_VAULT.</summary>
    [Parameter(ParameterSetName = NameSet)]
    [ArgumentCompleter(typeof(VaultNameCompleter))]
    [ValidateNotNullOrEmpty]
    public virtual string? Vault { get; set; }

    /// <summary>The app credentials when given (both null when not); refuses half or contradicting ones.</summary>
    protected (string? AppId, SecureString? Secret) ResolveOptionalApp()
    {
        if (AppSecret is null && Credential is null)
        {
            return (string.IsNullOrEmpty(AppId) ? null : AppId, null);
        }

        if (AppSecret != null && Credential != null)
        {
            throw new FacebookInputException("AppCredentialsTwice", "AppSecret", "Give the app secret once: -AppSecret with -AppId, or -Credential, not both.");
        }

        return AppCredentials.Resolve(AppId, AppSecret, Credential);
    }

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

    internal ITokenStore OpenCache(bool allowPlaintext = false) => CacheOpener.Open(this, CachePath, CacheKey, allowPlaintext, Vault);

    /// <summary>
    /// The tokens of this record: the piped one (with its cached name when it came from Get-FacebookToken), or the
    /// cached ones matching -Name. A literal name with no match is written as an error and skipped.
    /// </summary>
    internal IReadOnlyList<FacebookAccessToken> ResolveTokens()
    {
        if (ParameterSetName != NameSet)
        {
            SecureString token = AccessToken ?? new SecureString();

            // A FacebookAccessToken piped in (e.g. from Get-FacebookToken) keeps its Name, Kind, AppId and expiry.
            if (PipedTokens.Find(token) is FacebookAccessToken piped)
            {
                return new[] { piped };
            }

            return new[] { new FacebookAccessToken(token, FacebookTokenKind.Unknown, string.IsNullOrEmpty(AppId) ? null : AppId) };
        }

        TokenNamePattern[] patterns = (Name ?? Array.Empty<string>()).Select(n => new TokenNamePattern(n)).ToArray();
        ITokenStore cache = OpenCache();
        IReadOnlyList<FacebookAccessToken> all = RunSync(_ => cache.Read(name => patterns.Any(p => p.IsMatch(name))));
        var result = new List<FacebookAccessToken>();
        foreach (TokenNamePattern pattern in patterns)
        {
            bool found = false;
            foreach (FacebookAccessToken token in all)
            {
                if (pattern.IsMatch(token.Name))
                {
                    found = true;
                    if (!result.Contains(token))
                    {
                        result.Add(token);
                    }
                }
            }

            if (!found && pattern.IsLiteral)
            {
                WriteFacebookError(
                    new FacebookCacheException("No cached token is named '" + pattern + "'. Get-FacebookToken without -Name lists them; Save-FacebookToken adds one.", FacebookErrorKind.CachedTokenNotFound, CachePath),
                    pattern.ToString());
            }
        }

        return result;
    }
}
