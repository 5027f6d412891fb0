using System.Runtime.CompilerServices;
using System.Security;

namespace FacebookToken.Module;

/// <summary>
/// Remembers which FacebookAccessToken a -AccessToken SecureString came from, so a cmdlet that received only the
/// SecureString (binding by value transforms the piped object) still knows the token's Name, Kind, AppId and expiry.
/// </summary>
/// <remarks>
/// Keyed by the SecureString instance and held weakly: an entry lives as long as the token object does, and a
/// SecureString given directly (not from a FacebookAccessToken) finds nothing. Thread safe.
/// </remarks>
internal static class PipedTokens
{
    private static readonly ConditionalWeakTable<SecureString, FacebookAccessToken> s_origins = new();
    private static readonly object s_gate = new();

    public static void Remember(FacebookAccessToken token)
    {
        lock (s_gate)
        {
            // ConditionalWeakTable has no AddOrUpdate on .NET Framework.
            s_origins.Remove(token.AccessToken);
            s_origins.Add(token.AccessToken, token);
        }
    }

    /// <summary>The token object <paramref name="secret"/> belongs to, or null.</summary>
    public static FacebookAccessToken? Find(SecureString? secret)
    {
        if (secret is null)
        {
            return null;
        }

        lock (s_gate)
        {
            return s_origins.TryGetValue(secret, out FacebookAccessToken? token) ? token : null;
        }
    }
}
