using System;
using System.Collections;
using System.Globalization;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>
/// An <c>appsecret_proof</c> for one token, with the <c>appsecret_time</c> it was made for: what a Graph call of your own
/// needs when the app has "Require App Secret" on. Facebook accepts it for 5 minutes after <see cref="Time"/>.
/// </summary>
/// <remarks>
/// The proof is derived from the token and the app secret: treat it as a secret (no view shows it; MaskedProof does).
/// </remarks>
public sealed class FacebookAppSecretProof
{
    /// <summary>How long Facebook accepts a proof with an <c>appsecret_time</c> (Meta's Login Security page).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    internal FacebookAppSecretProof(string proof, long time, string maskedToken, string? name, string? appId)
    {
        Proof = proof;
        Time = time;
        MaskedToken = maskedToken;
        Name = name;
        AppId = appId;
    }

    /// <summary>Lower-case hex HMAC-SHA256, keyed by the app secret, of <c>token|Time</c>: the <c>appsecret_proof</c> value.</summary>
    public string Proof { get; }

    /// <summary>The Unix time (seconds) the proof is made for: the <c>appsecret_time</c> value to send with it.</summary>
    public long Time { get; }

    /// <summary>When Facebook stops accepting the proof (<see cref="Time"/> plus 5 minutes).</summary>
    public DateTimeOffset ExpiresOn => DateTimeOffset.FromUnixTimeSeconds(Time) + Lifetime;

    /// <summary>Both parameters for a URL: <c>appsecret_proof=...&amp;appsecret_time=...</c>.</summary>
    public string Query => "appsecret_proof=" + Proof + "&appsecret_time=" + Time.ToString(CultureInfo.InvariantCulture);

    /// <summary>Both parameters as a hashtable, to add to a request's query or body.</summary>
    public Hashtable Parameters => new() { ["appsecret_proof"] = Proof, ["appsecret_time"] = Time.ToString(CultureInfo.InvariantCulture) };

    /// <summary>The mask of the token the proof is for (e.g. <c>EAAG…x9Q</c>).</summary>
    public string MaskedToken { get; }

    /// <summary>Enough of the proof to tell two apart, never enough to use it.</summary>
    public string MaskedProof => SecretMask.MaskToken(Proof);

    /// <summary>The cache name of the token, when it came from the cache.</summary>
    public string? Name { get; }

    /// <summary>The app whose secret keyed the proof, when known.</summary>
    public string? AppId { get; }

    /// <summary>Makes the proof for <paramref name="token"/> at <paramref name="now"/>.</summary>
    internal static FacebookAppSecretProof Create(CheckedSecret token, CheckedSecret appSecret, DateTimeOffset now, string? name, string? appId)
    {
        long time = now.ToUnixTimeSeconds();
        return new FacebookAppSecretProof(AppSecretProof.Compute(token, appSecret, time), time, token.Masked, name, appId);
    }

    public override string ToString() => "appsecret_proof " + MaskedProof + " for " + MaskedToken + " at " + Time.ToString(CultureInfo.InvariantCulture);
}
