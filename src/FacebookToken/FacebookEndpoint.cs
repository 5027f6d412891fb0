using System;

namespace FacebookToken;

/// <summary>Where and how to talk to Facebook: versioned base URIs and the time allowed per call.</summary>
public sealed class FacebookEndpoint
{
    public const string DefaultApiVersion = "v25.0";
    public static readonly Uri DefaultGraphBaseUri = new("https://graph.facebook.com");
    public static readonly Uri DefaultLoginBaseUri = new("https://www.facebook.com");
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    public FacebookEndpoint(string? apiVersion = null, Uri? graphBaseUri = null, Uri? loginBaseUri = null, TimeSpan? timeout = null)
    {
        ApiVersion = InputValidation.NormalizeApiVersion(apiVersion ?? DefaultApiVersion);
        GraphBaseUri = InputValidation.RequireSecureTransport(InputValidation.ValidateBaseUri(graphBaseUri ?? DefaultGraphBaseUri, "GraphBaseUri"), "GraphBaseUri");
        LoginBaseUri = InputValidation.ValidateBaseUri(loginBaseUri ?? DefaultLoginBaseUri, "LoginBaseUri");
        Timeout = timeout ?? DefaultTimeout;
        if (Timeout <= TimeSpan.Zero)
        {
            throw new FacebookInputException("InvalidTimeout", "TimeoutSec", "TimeoutSec must be at least 1 second.");
        }
    }

    public string ApiVersion { get; }

    public Uri GraphBaseUri { get; }

    public Uri LoginBaseUri { get; }

    /// <summary>A warning for a plain-http login dialog off this machine, or null.</summary>
    /// <remarks>
    /// Only a warning: the dialog URL carries no secret (state and the PKCE challenge are public by design), but a
    /// tampered dialog page could phish the password or steer the redirect; the secret-bearing Graph URI is refused instead.
    /// </remarks>
    public string? LoginBaseUriWarning =>
        LoginBaseUri.Scheme == Uri.UriSchemeHttp && !InputValidation.IsLoopbackHost(LoginBaseUri)
            ? "LoginBaseUri " + InputValidation.Show(LoginBaseUri.OriginalString) + " is plain http to a host that is not this machine: the login page could be read or altered on the way. Use https (e.g. https://www.facebook.com), or http only to localhost for an emulator."
            : null;

    /// <summary>The whole budget for one call, retries and back-off included.</summary>
    public TimeSpan Timeout { get; }

    /// <summary><c>{graph}/{version}/{path}</c>, tolerant of a base URI with a path or trailing slash.</summary>
    public string GraphUrl(string path) => Combine(GraphBaseUri, ApiVersion + "/" + path);

    /// <summary><c>{graph}/{version}/{path}</c> for a request that names its own version (a paging link).</summary>
    internal string GraphUrl(string? apiVersion, string path) =>
        apiVersion is null ? GraphUrl(path) : Combine(GraphBaseUri, apiVersion + "/" + path);

    public string LoginUrl(string path) => Combine(LoginBaseUri, ApiVersion + "/" + path);

    private static string Combine(Uri baseUri, string relative) =>
        baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + relative;
}
