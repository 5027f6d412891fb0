using System;
using System.Management.Automation;

namespace FacebookToken.Module;

/// <summary>Turns core exceptions into ErrorRecords with stable ids, fitting categories and a recommended action.</summary>
internal static class ErrorRecordFactory
{
    public static ErrorRecord Create(Exception exception, object? target)
    {
        string id;
        ErrorCategory category;
        string? action = null;
        switch (exception)
        {
            case FacebookInputException input:
                // Before the FacebookException case: each input check keeps its own id, not the kind InvalidInput.
                id = input.ErrorId;
                category = ErrorCategory.InvalidArgument;
                break;
            case FacebookException facebook:
                // Every core error carries its kind: the kind is the id and decides the category.
                id = facebook.Kind.ToString();
                category = CategoryOf(facebook.Kind);
                action = facebook.Kind switch
                {
                    FacebookErrorKind.RequestTimedOut => "Check the network or proxy, or raise -TimeoutSec.",
                    FacebookErrorKind.ConnectionFailed => "Check the network, DNS, proxy and -GraphBaseUri.",
                    _ when facebook is FacebookApiException api => api.RecommendedAction ?? FacebookErrorClassifier.Advice(facebook.Kind),
                    _ => null,
                };
                break;
            default:
                id = "UnexpectedError";
                category = ErrorCategory.NotSpecified;
                break;
        }

        var record = new ErrorRecord(exception, id, category, target);
        if (action != null)
        {
            record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = action };
        }

        return record;
    }

    internal static ErrorCategory CategoryOf(FacebookErrorKind kind) => kind switch
    {
        FacebookErrorKind.InvalidParameter => ErrorCategory.InvalidArgument,
        FacebookErrorKind.CodeAlreadyUsed => ErrorCategory.InvalidArgument,
        FacebookErrorKind.CodeExpired => ErrorCategory.InvalidArgument,
        FacebookErrorKind.RedirectUriMismatch => ErrorCategory.InvalidArgument,
        FacebookErrorKind.InvalidCodeVerifier => ErrorCategory.InvalidArgument,
        FacebookErrorKind.RedirectUriNotAllowed => ErrorCategory.InvalidArgument,
        FacebookErrorKind.InvalidAppId => ErrorCategory.AuthenticationError,
        FacebookErrorKind.InvalidAppSecret => ErrorCategory.AuthenticationError,
        FacebookErrorKind.InvalidToken => ErrorCategory.AuthenticationError,
        FacebookErrorKind.TokenExpired => ErrorCategory.AuthenticationError,
        FacebookErrorKind.TokenRevoked => ErrorCategory.AuthenticationError,
        FacebookErrorKind.RateLimited => ErrorCategory.LimitsExceeded,
        FacebookErrorKind.TemporarilyBlocked => ErrorCategory.LimitsExceeded,
        FacebookErrorKind.ServiceError => ErrorCategory.ResourceUnavailable,
        FacebookErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        FacebookErrorKind.RequestTimedOut => ErrorCategory.OperationTimeout,
        FacebookErrorKind.ConnectionFailed => ErrorCategory.ConnectionError,
        FacebookErrorKind.UnexpectedResponse => ErrorCategory.InvalidResult,
        FacebookErrorKind.LoginDenied => ErrorCategory.PermissionDenied,
        FacebookErrorKind.LoginTimedOut => ErrorCategory.OperationTimeout,
        FacebookErrorKind.StateMismatch => ErrorCategory.SecurityError,
        FacebookErrorKind.ListenerUnavailable => ErrorCategory.ResourceUnavailable,
        FacebookErrorKind.InvalidCallback => ErrorCategory.InvalidArgument,
        FacebookErrorKind.CacheUnavailable => ErrorCategory.ResourceUnavailable,
        FacebookErrorKind.CacheCorrupt => ErrorCategory.InvalidData,
        FacebookErrorKind.WrongCacheKey => ErrorCategory.AuthenticationError,
        FacebookErrorKind.CacheBusy => ErrorCategory.ResourceBusy,
        FacebookErrorKind.CachedTokenNotFound => ErrorCategory.ObjectNotFound,
        FacebookErrorKind.CachedTokenExpired => ErrorCategory.InvalidResult,
        FacebookErrorKind.PlaintextCacheRefused => ErrorCategory.SecurityError,
        FacebookErrorKind.InvalidInput => ErrorCategory.InvalidArgument,
        FacebookErrorKind.UnsafeCacheFolder => ErrorCategory.SecurityError,
        FacebookErrorKind.UnsafeCacheLock => ErrorCategory.SecurityError,
        FacebookErrorKind.PlaintextCacheWithKey => ErrorCategory.SecurityError,
        FacebookErrorKind.EmulatorNotInstalled => ErrorCategory.ObjectNotFound,
        FacebookErrorKind.EmulatorStartFailed => ErrorCategory.ResourceUnavailable,
        FacebookErrorKind.VaultUnavailable => ErrorCategory.ResourceUnavailable,
        FacebookErrorKind.VaultNotRegistered => ErrorCategory.ObjectNotFound,
        FacebookErrorKind.VaultLocked => ErrorCategory.AuthenticationError,
        FacebookErrorKind.ForeignVaultSecret => ErrorCategory.ResourceExists,
        _ => ErrorCategory.NotSpecified,
    };
}
