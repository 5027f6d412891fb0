using System.Management.Automation;
using System.Security;
using FacebookToken.Secrets;

namespace FacebookToken.Module;

/// <summary>Resolves -AppId/-AppSecret or -Credential into one app id and secret, refusing contradictions.</summary>
internal static class AppCredentials
{
    public static (string AppId, SecureString Secret) Resolve(string? appId, SecureString? appSecret, PSCredential? credential)
    {
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

            InputValidation.ValidateAppSecret(credential.Password.ToPlainText(), "Credential.Password");
            return (credentialAppId, credential.Password);
        }

        if (appSecret is null)
        {
            throw new FacebookInputException("AppSecretRequired", "AppSecret", "No app secret: give -AppSecret (a SecureString) with -AppId, or -Credential with the app id as user name and the secret as password.");
        }

        // Checked here, once for every cmdlet, so a bad secret fails before a sign-in or a request rather than after.
        string validAppId = InputValidation.ValidateAppId(appId);
        InputValidation.ValidateAppSecret(appSecret.ToPlainText());
        return (validAppId, appSecret);
    }
}
