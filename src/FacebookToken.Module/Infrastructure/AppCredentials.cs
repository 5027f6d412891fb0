using System.Management.Automation;
using System.Security;

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

            return (credentialAppId, credential.Password);
        }

        if (appSecret is null)
        {
            throw new FacebookInputException("AppSecretRequired", "AppSecret", "No app secret: give -AppSecret (a SecureString) with -AppId, or -Credential with the app id as user name and the secret as password.");
        }

        return (InputValidation.ValidateAppId(appId), appSecret);
    }
}
