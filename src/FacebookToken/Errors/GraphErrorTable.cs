using System;

namespace FacebookToken;

/// <summary>
/// What a Facebook error means, decided from its code, subcode, <c>is_transient</c> flag, HTTP status and the endpoint
/// that answered; never from the message, which Facebook localises to the request's locale.
/// </summary>
internal static class GraphErrorTable
{
    /// <summary>
    /// Business-use-case throttling (80000-80014), WhatsApp Cloud API throughput (130429) and its pair rate limit (131056,
    /// too many messages to one customer) sit next to the platform's 4, 17, 32, 341 and 613.
    /// </summary>
    public static bool IsThrottle(int? code) => code switch
    {
        4 or 17 or 32 or 341 or 613 or 130429 or 131056 => true,
        int c when c >= 80000 && c <= 80014 => true,
        _ => false,
    };

    /// <summary>
    /// Throttling codes that reject the call before it acts (the platform's 4, 17, 32 and 613, business-use-case 80000-80014,
    /// WhatsApp's 130429 and 131056, whose details say the message "failed to send"): the one Facebook error after which a
    /// POST that sends something may be sent again.
    /// </summary>
    public static bool RejectsCall(int? code) => code switch
    {
        4 or 17 or 32 or 613 or 130429 or 131056 => true,
        int c when c >= 80000 && c <= 80014 => true,
        _ => false,
    };

    public static GraphEndpoint EndpointOf(GraphRequest request)
    {
        if (request.Path.EndsWith("debug_token", StringComparison.Ordinal))
        {
            return GraphEndpoint.DebugToken;
        }

        if (!request.Path.EndsWith("oauth/access_token", StringComparison.Ordinal))
        {
            return GraphEndpoint.Other;
        }

        return Has(request, "code") ? GraphEndpoint.CodeExchange : GraphEndpoint.TokenGrant;
    }

    public static bool SentCodeVerifier(GraphRequest request) => Has(request, "code_verifier");

    public static FacebookErrorKind Classify(int? code, int? subcode, GraphEndpoint endpoint, bool isTransientFlag, int httpStatus, bool sentCodeVerifier)
    {
        switch (code)
        {
            case 100:
                switch (subcode)
                {
                    case 36009: return FacebookErrorKind.CodeAlreadyUsed;
                    case 36007: return FacebookErrorKind.CodeExpired;
                    case 36008: return FacebookErrorKind.RedirectUriMismatch;
                }

                // At the code exchange Facebook answers a redirect_uri or code_verifier that differs from the
                // dialog's as a bare 100, usually without a subcode and in the request's language.
                if (endpoint == GraphEndpoint.CodeExchange && subcode is null)
                {
                    return sentCodeVerifier ? FacebookErrorKind.InvalidCodeVerifier : FacebookErrorKind.RedirectUriMismatch;
                }

                return FacebookErrorKind.InvalidParameter;
            case 101:
                // "Cannot get application info due to a system error" is 101 too; it is flagged transient or sent as a 5xx,
                // a wrong app id is a plain 400.
                return isTransientFlag || httpStatus >= 500 ? FacebookErrorKind.ServiceError : FacebookErrorKind.InvalidAppId;
            case 1:
                // The token endpoint reports a wrong client_secret as code 1 with no is_transient flag.
                return (endpoint == GraphEndpoint.CodeExchange || endpoint == GraphEndpoint.TokenGrant) && !isTransientFlag
                    ? FacebookErrorKind.InvalidAppSecret
                    : FacebookErrorKind.ServiceError;
            case 2:
                return FacebookErrorKind.ServiceError;
            case 102:
            case 190:
                switch (subcode)
                {
                    case 463: return FacebookErrorKind.TokenExpired;
                    case 458:
                    case 460:
                    case 467: return FacebookErrorKind.TokenRevoked;
                }

                return FacebookErrorKind.InvalidToken;
            case 191:
                return FacebookErrorKind.RedirectUriNotAllowed;
            case 10:
                return FacebookErrorKind.PermissionDenied;
            case 368:
                return FacebookErrorKind.TemporarilyBlocked;
            case int c when c >= 200 && c <= 299:
                return FacebookErrorKind.PermissionDenied;
            case int c when IsThrottle(c):
                return FacebookErrorKind.RateLimited;
            default:
                return FacebookErrorKind.FacebookApiError;
        }
    }

    /// <summary>
    /// Whether trying again may succeed. Known permanent codes are permanent whatever the HTTP status
    /// (code 200 "Permissions error" has come as HTTP 500); only unknown codes fall back to is_transient and the status.
    /// </summary>
    public static bool IsTransient(int? code, FacebookErrorKind kind, bool isTransientFlag, int httpStatus)
    {
        if (kind == FacebookErrorKind.InvalidAppSecret)
        {
            return false;
        }

        switch (code)
        {
            case 3:
            case 10:
            case 100:
            case 102:
            case 190:
            case 191:
            case 368:
            case int c when c >= 200 && c <= 299:
                return false;
            case 101:
                return kind == FacebookErrorKind.ServiceError;
            case 1:
            case 2:
                return true;
            case int c when IsThrottle(c):
                return true;
        }

        return isTransientFlag || httpStatus >= 500;
    }

    private static bool Has(GraphRequest request, string name)
    {
        foreach (var p in request.Form)
        {
            if (p.Key == name)
            {
                return true;
            }
        }

        foreach (var p in request.Query)
        {
            if (p.Key == name)
            {
                return true;
            }
        }

        return false;
    }
}
