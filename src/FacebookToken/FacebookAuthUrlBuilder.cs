using System;
using System.Collections.Generic;
using System.Text;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>Builds the login dialog URL. It never carries the app secret.</summary>
public static class FacebookAuthUrlBuilder
{
    public static FacebookAuthRequest Build(FacebookEndpoint endpoint, FacebookAuthOptions options)
    {
        if (endpoint is null)
        {
            throw new ArgumentNullException(nameof(endpoint));
        }

        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        string appId = InputValidation.ValidateAppId(options.AppId);
        string redirectUri = InputValidation.ValidateRedirectUri(options.RedirectUri);
        string state = options.State is null ? RandomValues.NewUrlSafe(32) : InputValidation.ValidateState(options.State);
        string[] scopes = InputValidation.NormalizeScopes(options.Scope);

        var query = new List<KeyValuePair<string, string>>
        {
            new("client_id", appId),
            new("redirect_uri", redirectUri),
            new("state", state),
            new("response_type", string.IsNullOrEmpty(options.ResponseType) ? "code" : options.ResponseType!),
        };
        if (scopes.Length > 0)
        {
            query.Add(new("scope", string.Join(",", scopes)));
        }

        if (!string.IsNullOrEmpty(options.AuthType))
        {
            query.Add(new("auth_type", options.AuthType!));
        }

        if (!string.IsNullOrEmpty(options.ConfigId))
        {
            if (!InputValidation.IsDigits(options.ConfigId!))
            {
                throw new FacebookInputException("InvalidConfigId", "ConfigId", "ConfigId " + InputValidation.Show(options.ConfigId) + " is not a Facebook Login for Business configuration id (digits only).");
            }

            query.Add(new("config_id", options.ConfigId!));
        }

        if (!string.IsNullOrEmpty(options.Display))
        {
            query.Add(new("display", options.Display!));
        }

        System.Security.SecureString? verifier = null;
        if (options.UsePkce)
        {
            string verifierText = RandomValues.NewCodeVerifier();
            query.Add(new("code_challenge", RandomValues.CodeChallengeS256(verifierText)));
            query.Add(new("code_challenge_method", "S256"));
            verifier = verifierText.ToSecureString();
        }

        var sb = new StringBuilder(endpoint.LoginUrl("dialog/oauth"));
        for (int i = 0; i < query.Count; i++)
        {
            sb.Append(i == 0 ? '?' : '&').Append(query[i].Key).Append('=').Append(Uri.EscapeDataString(query[i].Value));
        }

        return new FacebookAuthRequest(sb.ToString(), appId, redirectUri, state, scopes, verifier, endpoint.ApiVersion);
    }
}
