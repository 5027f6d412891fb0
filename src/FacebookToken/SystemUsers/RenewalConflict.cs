using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using FacebookToken.Cache;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>
/// What a renewal does when its cache entry changed while it ran (<see cref="ITokenStore.Replace"/> did not replace
/// it): the entry is left as it is, and the token the renewal minted, which nobody holds, is revoked where
/// Facebook allows it. The result is the Reason of a <see cref="FacebookTokenRenewalAction.Conflict"/>.
/// </summary>
internal static class RenewalConflict
{
    public static async Task<string> SettleAsync(
        string name,
        TokenCacheInfo store,
        FacebookAccessToken? current,
        FacebookAccessToken minted,
        Func<CheckedSecret, CancellationToken, Task> revokeSystemUserToken,
        CancellationToken cancellationToken)
    {
        string what = current is null
            ? "'" + name + "' was removed from " + store + " while it was being renewed (Revoke-FacebookToken or Remove-FacebookToken), so it was not saved again."
            : "'" + name + "' was changed in " + store + " while it was being renewed (Save-FacebookToken or another Update-FacebookToken): it now holds "
                + current.MaskedToken + ", saved " + Saved(current) + ", which was kept.";

        if (current != null && current.AccessToken.SecureEquals(minted.AccessToken))
        {
            return what + " The renewal got that very token, so nothing is left over.";
        }

        if (minted.Kind != FacebookTokenKind.SystemUser)
        {
            return what + " The renewed token " + minted.MaskedToken + " could not be revoked: Facebook ends a single user token only by removing the app's whole grant (DELETE /me/permissions), which would end the user's other tokens too. It stays usable, "
                + SystemUserTokenClient.Describe(minted.ExpiresOn) + ". Run Update-FacebookToken again to renew what the cache holds now.";
        }

        try
        {
            await revokeSystemUserToken(minted.Checked(), cancellationToken).ConfigureAwait(false);
            return what + " The renewed token " + minted.MaskedToken + ", which nobody holds, was revoked at Facebook.";
        }
        catch (FacebookException ex)
        {
            return what + " The renewed token " + minted.MaskedToken + ", which nobody holds, could not be revoked (" + ex.Message.TrimEnd('.')
                + "). Revoke it in Business Manager (System Users, Revoke tokens); until then it stays usable, "
                + SystemUserTokenClient.Describe(minted.ExpiresOn) + ".";
        }
    }

    private static string Saved(FacebookAccessToken token) =>
        token.SavedOn is DateTimeOffset saved ? saved.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture) : "at an unknown time";
}
