using System;
using System.Globalization;
using FacebookToken.Secrets;

namespace FacebookToken;

/// <summary>Decides what a callback means for a login request: the code, the user's refusal, or a callback to ignore.</summary>
internal static class CallbackEvaluator
{
    /// <summary>
    /// Returns the code for a callback whose state matches; throws <see cref="FacebookLoginException"/> with kind
    /// <see cref="FacebookErrorKind.LoginDenied"/> for a matching error redirect, and with
    /// <see cref="FacebookErrorKind.StateMismatch"/> or <see cref="FacebookErrorKind.InvalidCallback"/> for one to ignore.
    /// </summary>
    public static FacebookAuthCode Evaluate(FacebookAuthRequest request, CallbackParameters callback)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (callback is null)
        {
            throw new ArgumentNullException(nameof(callback));
        }

        // The state is checked first, in constant time, for errors too: a forged "denied" must not end a login.
        if (callback.State is null)
        {
            throw new FacebookLoginException(
                "The callback carries no state, so it cannot be matched to this login. Use the final URL of the sign-in that this request started.",
                FacebookErrorKind.StateMismatch);
        }

        if (!ConstantTime.EqualsOrdinal(callback.State, request.State))
        {
            throw new FacebookLoginException(
                "The callback's state does not match this login's state, so it was not started by this request (or it is from an older sign-in). Use the final URL of the sign-in that this request started.",
                FacebookErrorKind.StateMismatch);
        }

        // Facebook also cancels with only error_code and error_message (4201 "User canceled the Dialog flow", 1349003).
        if (callback.Error != null || callback.ErrorReason != null || callback.ErrorCode != null)
        {
            string? error = CallbackText.Clean(callback.Error);
            string? reason = CallbackText.Clean(callback.ErrorReason);
            string? description = CallbackText.Clean(callback.ErrorDescription ?? callback.ErrorMessage);
            string? errorCode = CallbackText.Clean(callback.ErrorCode);
            bool cancelled = reason == "user_denied" || errorCode == "4201";
            throw new FacebookLoginException(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "Facebook Login gave no code: {0} (error {1}, reason {2}{3}). {4}",
                    string.IsNullOrEmpty(description) ? "the sign-in was not completed" : description!.TrimEnd('.'),
                    string.IsNullOrEmpty(error) ? "none" : error,
                    string.IsNullOrEmpty(reason) ? "none" : reason,
                    string.IsNullOrEmpty(errorCode) ? string.Empty : ", code " + errorCode,
                    cancelled
                        ? "The user chose Cancel or declined the permissions. Run the login again and choose Continue."
                        : "Run the login again."),
                FacebookErrorKind.LoginDenied,
                error,
                reason,
                description,
                errorCode);
        }

        string? code = callback.Code;
        if (string.IsNullOrEmpty(code))
        {
            throw new FacebookLoginException(
                "The callback has the right state but no code. Use response type 'code' and paste the whole final URL.",
                FacebookErrorKind.InvalidCallback);
        }

        try
        {
            InputValidation.ValidateOpaqueSecret(code, "Code", "InvalidCallback", "The code in the callback is malformed.");
        }
        catch (FacebookInputException ex)
        {
            throw new FacebookLoginException(ex.Message, FacebookErrorKind.InvalidCallback);
        }

        string[] granted = callback.GrantedScopes is null ? request.Scope : InputValidation.NormalizeScopes(new[] { callback.GrantedScopes });
        return new FacebookAuthCode(CheckedSecret.Issued(code!), callback.State, request.AppId, request.RedirectUri, request.CodeVerifier, granted, request.ApiVersion);
    }
}
