using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FacebookEmulator;

/// <summary>
/// "Require App Secret": the check every Graph call made with a user, page or system-user token goes through.
/// <c>appsecret_proof</c> = hex(HMAC-SHA256(app secret, token)), or of <c>token|appsecret_time</c> when
/// <c>appsecret_time</c> is sent; a timed proof is good for 5 minutes either side of the emulator clock (state.Now).
/// A wrong or stale proof is always refused; a missing one only when the app (or the global setting) requires it.
/// App tokens are never checked.
/// </summary>
/// <remarks>
/// Facebook answers both refusals with HTTP 400, GraphMethodException, code 100, no subcode (bottender#271,
/// facebook-python-business-sdk#528). No public source quotes the answer to a stale appsecret_time: it is refused
/// here as an invalid proof, the answer a proof that does not verify gets.
/// </remarks>
public static class AppSecretProofCheck
{
    /// <summary>How long a proof with appsecret_time is accepted (Meta's Login Security page).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    internal static GraphError? Check(EmulatorState state, EmulatorToken token, IReadOnlyDictionary<string, string> parameters)
    {
        if (token.Kind == TokenKind.App)
        {
            return null;
        }

        EmulatorApp? app = state.FindApp(token.AppId);
        string? proof = parameters.Get("appsecret_proof");
        if (proof is null)
        {
            return (app?.RequireAppSecret ?? false) || state.Settings.RequireAppSecretProof ? GraphErrors.AppSecretProofRequired() : null;
        }

        if (app is null)
        {
            return GraphErrors.InvalidAppSecretProof();
        }

        string? time = parameters.Get("appsecret_time");
        if (time is not null)
        {
            if (!long.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds)
                || Math.Abs(state.Now.ToUnixTimeSeconds() - seconds) > (long)Window.TotalSeconds)
            {
                return GraphErrors.InvalidAppSecretProof();
            }
        }

        string expected = Compute(app.AppSecret, time is null ? token.Value : token.Value + "|" + time);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(proof.ToLowerInvariant()))
            ? null
            : GraphErrors.InvalidAppSecretProof();
    }

    /// <summary>Lower-case hex HMAC-SHA256 of <paramref name="message"/> keyed by <paramref name="appSecret"/>.</summary>
    public static string Compute(string appSecret, string message) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(appSecret), Encoding.UTF8.GetBytes(message)));
}
