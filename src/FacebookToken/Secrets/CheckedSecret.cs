using System;
using System.Security;

namespace FacebookToken.Secrets;

/// <summary>
/// A secret the module was given (an app secret, a token, a code, a code verifier), checked once, when it is made, and
/// kept as the SecureString it came in. Every core call that sends a secret takes it as a <see cref="CheckedSecret"/>, so
/// nothing after the entry checks it again; it becomes text only in <see cref="GraphRequest"/>, once for each request that
/// sends it, and the text is not kept past that request.
/// </summary>
/// <remarks>
/// The check reads the characters into an array that is cleared at once (<see cref="SecureStringExtensions.Inspect"/>),
/// never into a string. A NUL is kept for the check to refuse (invariant 12).
/// </remarks>
internal sealed class CheckedSecret
{
    /// <summary>What an error about a bad access token tells the user to do.</summary>
    public const string AccessTokenAdvice = "Give a Facebook access token (a FacebookAccessToken from the pipeline, a SecureString, or the token text).";

    private CheckedSecret(SecureString value)
    {
        Value = value;
        Masked = value.Inspect(SecretMask.MaskToken);
    }

    /// <summary>The secret, for a model that keeps it (a FacebookAccessToken's AccessToken).</summary>
    public SecureString Value { get; }

    /// <summary>The mask logs and errors may show (<see cref="SecretMask.MaskToken(char[])"/>).</summary>
    public string Masked { get; }

    /// <summary>An app secret: 1 to 256 characters, no space, control character or NUL.</summary>
    public static CheckedSecret AppSecret(SecureString? value, string parameterName = "AppSecret") =>
        Check(value, chars => InputValidation.ValidateAppSecret(chars, parameterName));

    /// <summary>An access token: present, at most 4096 characters, no space, control character or NUL.</summary>
    public static CheckedSecret AccessToken(SecureString? value, string parameterName = "AccessToken", string advice = AccessTokenAdvice) =>
        Opaque(value, parameterName, "InvalidAccessTokenParameter", advice);

    /// <summary>An authorization code from a login redirect.</summary>
    public static CheckedSecret Code(SecureString? value) =>
        Opaque(value, "Code", "InvalidCode", "Give the code parameter from the login redirect (pipe Receive-FacebookAuthCode's output).");

    /// <summary>A PKCE code verifier, or null when none was made (null or empty).</summary>
    public static CheckedSecret? CodeVerifier(SecureString? value) =>
        value is null || value.Length == 0 ? null : Opaque(value, "CodeVerifier", "InvalidCodeVerifierParameter", "Pipe the FacebookAuthRequest made with -UsePkce into the exchange.");

    /// <summary>A token, code or verifier, checked as <see cref="InputValidation.ValidateOpaqueSecret(char[], string, string, string)"/> does.</summary>
    public static CheckedSecret Opaque(SecureString? value, string parameterName, string errorId, string advice) =>
        Check(value, chars => InputValidation.ValidateOpaqueSecret(chars, parameterName, errorId, advice));

    /// <summary>
    /// A token or code Facebook issued, checked as text as it was read (<see cref="FacebookOAuthClient.ReadToken"/>: at most
    /// 4096 characters, no space or control character; <see cref="CallbackEvaluator"/>: a redirect's code): it is not
    /// checked again.
    /// </summary>
    internal static CheckedSecret Issued(string token) => new(token.ToSecureString());

    /// <summary>
    /// The text, for <see cref="GraphRequest"/> to send and to register for masking: the one place a secret becomes a
    /// string to leave the process. Call once per request; do not keep the result.
    /// </summary>
    internal string Reveal() => Value.ToPlainText();

    private static CheckedSecret Check(SecureString? value, Action<char[]> check)
    {
        SecureString secret = value ?? new SecureString();
        secret.Inspect(chars =>
        {
            check(chars);
            return true;
        });
        SecretAudit.Checked(secret);
        return new CheckedSecret(secret);
    }
}
