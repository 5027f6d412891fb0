using System.Management.Automation;
using System.Security;
using FacebookToken.Secrets;

namespace FacebookToken.Module;

/// <summary>
/// The one resolver of -AppId/-AppSecret or -Credential into an app id and secret: required (the app cmdlets) or optional
/// (the token cmdlets, where credentials add debug_token as the app and appsecret_proof). Refuses contradictions. The
/// secret comes out checked (<see cref="CheckedSecret"/>): the one check of an app secret in a cmdlet call.
/// </summary>
internal static class AppCredentials
{
    /// <summary>The app id and secret; an error when no secret is given.</summary>
    public static (string AppId, CheckedSecret Secret) Resolve(string? appId, SecureString? appSecret, PSCredential? credential)
    {
        (string? resolvedAppId, CheckedSecret? secret) = ResolveOptional(appId, appSecret, credential);
        if (secret is null)
        {
            throw new FacebookInputException("AppSecretRequired", "AppSecret", "No app secret: give -AppSecret (a SecureString) with -AppId, or -Credential with the app id as user name and the secret as password.");
        }

        return (resolvedAppId!, secret);
    }

    /// <summary>
    /// The app id and secret when given; the app id alone (or nothing) when no secret is. Refuses a secret given twice,
    /// and an -AppId that contradicts -Credential.
    /// </summary>
    /// <param name="secretAlone">Whether -AppSecret may come without -AppId (an appsecret_proof needs only the secret).</param>
    public static (string? AppId, CheckedSecret? Secret) ResolveOptional(string? appId, SecureString? appSecret, PSCredential? credential, bool secretAlone = false)
    {
        if (appSecret != null && credential != null)
        {
            throw new FacebookInputException("AppCredentialsTwice", "AppSecret", "Give the app secret once: -AppSecret with -AppId, or -Credential, not both.");
        }

        if (credential != null)
        {
            string credentialAppId = InputValidation.ValidateAppId(credential.UserName, "Credential.UserName");
            if (!string.IsNullOrEmpty(appId) && appId != credentialAppId)
            {
                throw new FacebookInputException(
                    "AppIdMismatch",
                    "AppId",
                    "AppId " + InputValidation.Show(appId) + " (from the parameter or the pipeline) differs from the Credential user name " + InputValidation.Show(credentialAppId) + ". The credential's user name must be the app id the token or code belongs to.");
            }

            return (credentialAppId, CheckedSecret.AppSecret(credential.Password, "Credential.Password"));
        }

        if (appSecret is null)
        {
            return (string.IsNullOrEmpty(appId) ? null : appId, null);
        }

        // Checked here, once for every cmdlet call and never again (core takes it as a CheckedSecret), so a bad secret fails
        // before a sign-in or a request rather than after, and without becoming a string.
        string? validAppId = secretAlone && string.IsNullOrEmpty(appId) ? null : InputValidation.ValidateAppId(appId);
        return (validAppId, CheckedSecret.AppSecret(appSecret));
    }
}
