using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Diagnostics;
using FacebookToken.Json;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>
/// Test-FacebookToken's logic: debug_token for validity, lifetime and scopes, then a cheap Graph read of each WhatsApp
/// id, because granular_scopes alone can be wrong (Meta's scope drift for Embedded Signup tokens).
/// </summary>
/// <remarks>
/// A token that is invalid, expired or short of something is a result (a failed check), never an exception. Failures
/// that say nothing about the token (network, throttling, bad app credentials) are thrown.
/// </remarks>
internal sealed class TokenChecker
{
    private readonly FacebookOAuthClient _oauth;
    private readonly WhatsAppAssetClient _assets;
    private readonly Func<DateTimeOffset> _clock;

    public TokenChecker(FacebookEndpoint endpoint, IFacebookLog? log = null)
        : this(new FacebookOAuthClient(endpoint, log), new WhatsAppAssetClient(endpoint, log), () => DateTimeOffset.UtcNow)
    {
    }

    /// <summary>Test seam: chosen clients and clock.</summary>
    internal TokenChecker(FacebookOAuthClient oauth, WhatsAppAssetClient assets, Func<DateTimeOffset> clock)
    {
        _oauth = oauth;
        _assets = assets;
        _clock = clock;
    }

    public async Task<FacebookTokenCheck> CheckAsync(
        FacebookAccessToken token,
        string? appId,
        CheckedSecret? appSecret,
        TokenCheckRequest request,
        CancellationToken cancellationToken)
    {
        var check = new FacebookTokenCheck { Name = token.Name, MaskedToken = token.MaskedToken };
        var problems = new List<FacebookTokenProblem>();
        FacebookTokenInfo? info = null;
        try
        {
            info = await _oauth.DebugTokenAsync(token.Checked(), appId, appSecret, cancellationToken).ConfigureAwait(false);
        }
        catch (FacebookApiException ex) when (ex.Kind is FacebookErrorKind.InvalidToken or FacebookErrorKind.TokenExpired or FacebookErrorKind.TokenRevoked)
        {
            // Without app credentials the token inspects itself, so Facebook refuses the inspector: the token is not valid.
            problems.Add(Invalid(ex.Code, ex.Subcode, ex.FacebookMessage, KindName(token)));
        }
        catch (FacebookApiException ex) when (appSecret is null && ex.Kind == FacebookErrorKind.PermissionDenied)
        {
            // The token authenticated (Facebook checks it before the role), but may not inspect itself: not "invalid",
            // yet nothing about its lifetime, scopes or reach is known.
            check.IsValid = true;
            problems.Add(new FacebookTokenProblem(
                FacebookTokenProblemKind.InspectionRefused,
                null,
                "debug_token refused the token inspecting itself: " + (ex.FacebookMessage ?? "no role on the app") + ".",
                "Pass the app credentials (-Credential, or -AppId with -AppSecret) so the app token inspects it."));
            return Finish(check, problems);
        }

        if (info is null || !info.IsValid)
        {
            if (info is not null)
            {
                check.Type = info.Type;
                problems.Add(Invalid(info.Error?.Code, info.Error?.Subcode, info.Error?.Message, info.Type ?? KindName(token)));
            }

            return Finish(check, problems);
        }

        check.IsValid = true;
        check.Type = info.Type;
        DateTimeOffset now = _clock();
        check.TimeLeft = Left(info.ExpiresOn, now);
        check.DataAccessTimeLeft = Left(info.DataAccessExpiresOn, now);
        CheckLifetime(check, problems, request.MinimumValidity, info.Type);
        CheckScopes(check, problems, request.Scopes, info);

        var uncovered = new List<string>();
        List<string> targets = WhatsAppAssetClient.GranularTargetIds(info);
        // An entry without target_ids covers whatever the user can reach: then only the read can tell, and no note is due.
        bool targetsKnown = !info.GranularScopes.Any(g => Array.IndexOf(WhatsAppAssetClient.WhatsAppScopes, g.Scope) >= 0 && g.TargetIds.Length == 0);
        foreach (string id in request.AccountIds)
        {
            bool covered = targets.Contains(id);
            await CheckReachAsync(token, appSecret, id, "WhatsApp Business Account", covered, targetsKnown, problems, uncovered, cancellationToken).ConfigureAwait(false);
        }

        if (request.PhoneNumberIds.Length > 0)
        {
            HashSet<string> listed = await PhoneNumbersOfAsync(token, appSecret, targets, cancellationToken).ConfigureAwait(false);
            foreach (string id in request.PhoneNumberIds)
            {
                await CheckReachAsync(token, appSecret, id, "phone number", listed.Contains(id), targetsKnown, problems, uncovered, cancellationToken).ConfigureAwait(false);
            }
        }

        check.UncoveredAccounts = uncovered.ToArray();
        return Finish(check, problems);
    }

    private static FacebookTokenCheck Finish(FacebookTokenCheck check, List<FacebookTokenProblem> problems)
    {
        check.Problems = problems.ToArray();
        check.Passed = check.IsValid && !problems.Any(p => p.IsBlocking);
        return check;
    }

    private static TimeSpan? Left(DateTimeOffset? until, DateTimeOffset now) =>
        until.HasValue ? (until.Value > now ? until.Value - now : TimeSpan.Zero) : null;

    private static void CheckLifetime(FacebookTokenCheck check, List<FacebookTokenProblem> problems, TimeSpan minimum, string? type)
    {
        if (minimum <= TimeSpan.Zero)
        {
            return;
        }

        if (check.TimeLeft is TimeSpan left && left < minimum)
        {
            problems.Add(new FacebookTokenProblem(
                FacebookTokenProblemKind.ExpiresSoon,
                null,
                "The token expires in " + Describe(left) + ", less than the " + Describe(minimum) + " asked for.",
                RenewFix(type)));
        }

        if (check.DataAccessTimeLeft is TimeSpan dataLeft && dataLeft < minimum)
        {
            problems.Add(new FacebookTokenProblem(
                FacebookTokenProblemKind.DataAccessExpiresSoon,
                null,
                "Access to user data lapses in " + Describe(dataLeft) + ", less than the " + Describe(minimum) + " asked for.",
                "The user signs in again (Invoke-FacebookLogin), which restarts the 90 days of data access."));
        }
    }

    private static void CheckScopes(FacebookTokenCheck check, List<FacebookTokenProblem> problems, string[] scopes, FacebookTokenInfo info)
    {
        var missing = scopes.Where(s => !info.Scopes.Contains(s, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
        check.MissingScopes = missing;
        foreach (string scope in missing)
        {
            problems.Add(new FacebookTokenProblem(
                FacebookTokenProblemKind.MissingScope,
                scope,
                "The permission '" + scope + "' is not granted.",
                IsSystemUser(info.Type)
                    ? "Make a new system-user token with it: New-FacebookSystemUserToken -Scope " + scope + " (the app must have it approved)."
                    : "Sign in again asking for it: Invoke-FacebookLogin -Scope " + scope + " (the user must grant it; Get-FacebookTokenInfo shows what was granted)."));
        }
    }

    private async Task CheckReachAsync(
        FacebookAccessToken token,
        CheckedSecret? appSecret,
        string id,
        string what,
        bool covered,
        bool targetsKnown,
        List<FacebookTokenProblem> problems,
        List<string> uncovered,
        CancellationToken cancellationToken)
    {
        try
        {
            await _assets.ReadAsync(token.Checked(), appSecret, id, "id", cancellationToken).ConfigureAwait(false);
        }
        catch (FacebookApiException ex) when (WhatsAppAssetClient.IsNotReachable(ex))
        {
            uncovered.Add(id);
            problems.Add(new FacebookTokenProblem(
                FacebookTokenProblemKind.UncoveredAccount,
                id,
                string.Format(
                    CultureInfo.InvariantCulture,
                    "The token does not reach the {0} {1}: {2} (code {3}{4}){5}.",
                    what,
                    id,
                    (ex.FacebookMessage ?? "refused").TrimEnd('.'),
                    ex.Code,
                    ex.Subcode.HasValue ? ", subcode " + ex.Subcode.Value.ToString(CultureInfo.InvariantCulture) : string.Empty,
                    covered ? string.Empty : "; granular_scopes do not list it either"),
                "Give the token that asset: assign the WhatsApp Business Account to the system user in Business Settings (then New-FacebookSystemUserToken), or sign in again through Embedded Signup / Facebook Login for Business and pick it. Get-FacebookWhatsAppAccount lists what the token reaches."));
            return;
        }

        if (!covered && targetsKnown)
        {
            problems.Add(new FacebookTokenProblem(
                FacebookTokenProblemKind.ScopeDrift,
                id,
                "The " + what + " " + id + " is not listed in the token's WhatsApp granular_scopes, yet reading it with the token works.",
                "Nothing to do: Meta changed Embedded Signup tokens so granular_scopes can lack whatsapp_business_management while access works. The read decides.",
                isBlocking: false));
        }
    }

    /// <summary>The phone number ids listed under the token's granular WABAs; a WABA that cannot be listed adds none.</summary>
    private async Task<HashSet<string>> PhoneNumbersOfAsync(FacebookAccessToken token, CheckedSecret? appSecret, List<string> accountIds, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (string accountId in accountIds)
        {
            try
            {
                foreach (FacebookWhatsAppPhoneNumber phone in await _assets.GetPhoneNumbersAsync(token.Checked(), appSecret, accountId, cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(phone.Id);
                }
            }
            catch (FacebookApiException ex) when (WhatsAppAssetClient.IsNotReachable(ex))
            {
                // Not listed means not covered; the read of each id decides whether that matters.
            }
        }

        return ids;
    }

    private static FacebookTokenProblem Invalid(int? code, int? subcode, string? message, string? type)
    {
        string reason = subcode switch
        {
            463 => "it has expired",
            460 => "the user changed their password",
            458 => "the user removed the app",
            467 => "it was invalidated (revoked or logged out)",
            464 => "the user's account is unconfirmed",
            492 => "the user has no role on the Page",
            _ => "Facebook does not accept it",
        };
        return new FacebookTokenProblem(
            FacebookTokenProblemKind.Invalid,
            null,
            string.Format(
                CultureInfo.InvariantCulture,
                "The token is not valid: {0}{1}.",
                reason,
                message is null ? string.Empty : " (" + message.TrimEnd('.') + (code.HasValue ? ", code " + code.Value.ToString(CultureInfo.InvariantCulture) : string.Empty) + (subcode.HasValue ? ", subcode " + subcode.Value.ToString(CultureInfo.InvariantCulture) : string.Empty) + ")"),
            NewTokenFix(type));
    }

    private static bool IsSystemUser(string? type) => TokenLifetime.FromDebugTokenType(type, null, DateTimeOffset.MinValue) == FacebookTokenKind.SystemUser;

    private static string RenewFix(string? type) => IsSystemUser(type)
        ? "Renew it: Update-FacebookToken renews a cached 60-day system-user token; otherwise make a new one with New-FacebookSystemUserToken."
        : "A user token is renewed only by a new login: Invoke-FacebookLogin -CacheName <name> (Update-FacebookToken says NeedsLogin).";

    private static string NewTokenFix(string? type) => IsSystemUser(type)
        ? "Make a new system-user token (New-FacebookSystemUserToken, or Business Settings > System users) and save it with Save-FacebookToken."
        : "Sign in again for a new token: Invoke-FacebookLogin -CacheName <name>.";

    private static string? KindName(FacebookAccessToken token) => token.Kind == FacebookTokenKind.SystemUser ? "SYSTEM_USER" : null;

    private static string Describe(TimeSpan span) =>
        span.TotalDays >= 1
            ? span.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + " days"
            : span.TotalHours >= 1
                ? span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " hours"
                : Math.Max(0, (int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " minutes";
}
