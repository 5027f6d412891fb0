using System.Text;
using System.Text.Encodings.Web;

namespace FacebookEmulator;

/// <summary>The HTML pages of the login dialog: plain HTML, usable by a headless browser without script.</summary>
internal static class DialogPages
{
    public const string PendingIdField = "pending_dialog_id";

    /// <summary>A ticked box of this name declines the permission it carries; unticked (the default) grants it.</summary>
    public const string DeclineField = "decline";

    public static string Consent(string version, string appName, string userName, IReadOnlyList<string> scopes, string pendingId)
    {
        HtmlEncoder html = HtmlEncoder.Default;
        var body = new StringBuilder();
        body.Append("<div id=\"dialog\">\n");
        body.Append("<h1>Log in With Facebook</h1>\n");
        body.Append("<p id=\"app-name\">").Append(html.Encode(appName)).Append("</p>\n");
        body.Append("<p>").Append(html.Encode(appName)).Append(" is requesting access to:</p>\n");
        body.Append("<ul id=\"scopes\">\n");
        foreach (string scope in scopes)
        {
            body.Append("<li>").Append(html.Encode(scope)).Append("</li>\n");
        }

        body.Append("</ul>\n");
        body.Append("<form method=\"post\" action=\"/").Append(html.Encode(version)).Append("/dialog/oauth/confirm\">\n");
        body.Append("<input type=\"hidden\" name=\"").Append(PendingIdField).Append("\" value=\"")
            .Append(html.Encode(pendingId)).Append("\">\n");
        foreach (string scope in scopes)
        {
            body.Append("<label><input type=\"checkbox\" name=\"").Append(DeclineField).Append("\" value=\"")
                .Append(html.Encode(scope)).Append("\"> Decline ").Append(html.Encode(scope)).Append("</label>\n");
        }

        body.Append("<button id=\"continue\" name=\"decision\" value=\"continue\">Continue as ")
            .Append(html.Encode(userName)).Append("</button>\n");
        body.Append("<button id=\"cancel\" name=\"decision\" value=\"cancel\">Cancel</button>\n");
        body.Append("</form>\n");
        body.Append("</div>\n");
        return Page("Log in With Facebook", body.ToString());
    }

    public static string InvalidAppId(string? appId) =>
        Page(
            "Error",
            "<div id=\"error\">\n<h1>Invalid App ID</h1>\n<p>Invalid App ID: The provided app ID \""
            + HtmlEncoder.Default.Encode(appId ?? string.Empty)
            + "\" does not look like a valid app ID.</p>\n</div>\n");

    public static string CantLoadUrl(string? redirectUri) =>
        Page(
            "Error",
            "<div id=\"error\">\n<h1>Can't Load URL</h1>\n"
            + "<p>URL blocked: This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings. "
            + "Make sure Client and Web OAuth Login are on and add all your app domains as Valid OAuth Redirect URIs.</p>\n"
            + "<p>redirect_uri: <code>" + HtmlEncoder.Default.Encode(redirectUri ?? string.Empty) + "</code></p>\n"
            + "<p id=\"error-code\">Error 191: The redirect_uri is not owned by the application.</p>\n</div>\n");

    public static string Problem(string message) =>
        Page(
            "Error",
            "<div id=\"error\">\n<h1>Sorry, something went wrong.</h1>\n<p>"
            + HtmlEncoder.Default.Encode(message) + "</p>\n</div>\n");

    private static string Page(string title, string body) =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
        + HtmlEncoder.Default.Encode(title) + "</title>\n</head>\n<body>\n" + body + "</body>\n</html>\n";
}
