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
        GraphBaseUri = InputValidation.ValidateBaseUri(graphBaseUri ?? DefaultGraphBaseUri, "GraphBaseUri");
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

    /// <summary>The whole budget for one call, retries and back-off included.</summary>
    public TimeSpan Timeout { get; }

    /// <summary><c>{graph}/{version}/{path}</c>, tolerant of a base URI with a path or trailing slash.</summary>
    public string GraphUrl(string path) => Combine(GraphBaseUri, ApiVersion + "/" + path);

    public string LoginUrl(string path) => Combine(LoginBaseUri, ApiVersion + "/" + path);

    private static string Combine(Uri baseUri, string relative) =>
        baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + relative;
}
