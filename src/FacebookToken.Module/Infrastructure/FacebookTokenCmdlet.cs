using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using FacebookToken.Cache;
using FacebookToken.Secrets;

namespace FacebookToken.Module;

/// <summary>
/// Base of the cmdlets that use a token, and the one token selector: a piped token (a FacebookAccessToken, a SecureString or
/// plain text) or cached tokens by -Name (wildcards) with the cache parameters, and app credentials optional (for
/// debug_token as the app and for appsecret_proof). It declares no Graph parameter: a cmdlet that calls Graph derives from
/// <see cref="FacebookGraphTokenCmdlet"/>. A cmdlet declares only what it adds.
/// </summary>
public abstract class FacebookTokenCmdlet : FacebookCmdlet, IDynamicParameters
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
    internal (string? AppId, CheckedSecret? Secret) ResolveOptionalApp() => AppCredentials.ResolveOptional(AppId, AppSecret, Credential);

    /// <summary>
    /// The per-token loop of this record: <paramref name="each"/> for every token <see cref="ResolveTokens"/> gives. A token
    /// that fails (a <see cref="FacebookException"/>) is an error on its name, or its mask, and the next token still runs;
    /// so is a cache that cannot be read, on -Name.
    /// </summary>
    internal void ForEachToken(Action<FacebookAccessToken> each)
    {
        IReadOnlyList<FacebookAccessToken> tokens;
        try
        {
            tokens = ResolveTokens();
        }
        catch (FacebookException ex)
        {
            WriteFacebookError(ex, Name ?? (object?)"AccessToken");
            return;
        }

        foreach (FacebookAccessToken token in tokens)
        {
            try
            {
                each(token);
            }
            catch (FacebookException ex)
            {
                WriteFacebookError(ex, token.Name ?? token.MaskedToken);
            }
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
