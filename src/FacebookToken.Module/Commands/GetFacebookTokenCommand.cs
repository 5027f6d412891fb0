using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using FacebookToken.Cache;

namespace FacebookToken.Module.Commands;

/// <summary>Reads tokens from the encrypted cache; never returns an expired one silently.</summary>
[Cmdlet(VerbsCommon.Get, "FacebookToken")]
[OutputType(typeof(FacebookAccessToken))]
public sealed class GetFacebookTokenCommand : FacebookCacheCmdlet
{
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(CachedNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    /// <summary>Refuse a token that expires (or loses data access) sooner than this.</summary>
    [Parameter]
    public TimeSpan MinimumValidity { get; set; } = TimeSpan.Zero;

    /// <summary>Read an unencrypted cache file even though a key is set; warns.</summary>
    [Parameter]
    public SwitchParameter AllowPlaintextStorage { get; set; }

    /// <summary>Return expired tokens too (to inspect or remove them).</summary>
    [Parameter]
    public SwitchParameter IncludeExpired { get; set; }

    protected override void ProcessRecord()
    {
        IReadOnlyList<FacebookAccessToken> tokens;
        try
        {
            tokens = TokenSelector.Select(this, OpenCache(AllowPlaintextStorage), Name, CachePath);
        }
        catch (FacebookException ex)
        {
            ThrowTerminatingError(ErrorRecordFactory.Create(ex, CachePath));
            return;
        }

        foreach (FacebookAccessToken token in tokens)
        {
            WriteIfValid(token);
        }
    }

    private void WriteIfValid(FacebookAccessToken token)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateTimeOffset needed = now + (MinimumValidity > TimeSpan.Zero ? MinimumValidity : TimeSpan.Zero);
        string? problem = null;
        if (token.ExpiresOn.HasValue && token.ExpiresOn.Value <= needed)
        {
            problem = token.ExpiresOn.Value <= now
                ? "expired on " + Format(token.ExpiresOn.Value)
                : "expires on " + Format(token.ExpiresOn.Value) + ", within -MinimumValidity " + MinimumValidity;
        }
        else if (token.DataAccessExpiresOn.HasValue && token.DataAccessExpiresOn.Value <= needed)
        {
            problem = (token.DataAccessExpiresOn.Value <= now ? "lost data access on " : "loses data access on ") + Format(token.DataAccessExpiresOn.Value)
                + (MinimumValidity > TimeSpan.Zero && token.DataAccessExpiresOn.Value > now ? ", within -MinimumValidity " + MinimumValidity : string.Empty);
        }

        if (problem is null || IncludeExpired)
        {
            WriteObject(token);
            return;
        }

        WriteFacebookError(
            new FacebookCacheException(
                "The cached token '" + token.Name + "' (" + token.Kind + " " + token.MaskedToken + ") " + problem + ". "
                    + (token.Kind == FacebookTokenKind.SystemUser
                        ? "Generate a new System User token in Business settings and save it again. "
                        : "User tokens cannot be extended: sign in again with Invoke-FacebookLogin -CacheName '" + token.Name + "' (or use a System User token for unattended work). ")
                    + "-IncludeExpired returns it anyway.",
                FacebookErrorKind.CachedTokenExpired,
                CachePath),
            token.Name);
    }

    private static string Format(DateTimeOffset time) => time.ToString("u", CultureInfo.InvariantCulture);
}
