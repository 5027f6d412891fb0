using System.Net;

namespace FacebookToken;

/// <summary>The small pages the browser sees after the redirect. They never contain a code or token.</summary>
internal static class LoginPages
{
    public static string Success() =>
        Page("Signed in", "You are signed in to Facebook for PowerShell.", "You can close this window and return to PowerShell.", "#1877f2");

    public static string Failure(FacebookLoginException ex) =>
        Page(
            "Sign-in not completed",
            ex.ErrorReason == "user_denied" ? "The sign-in was cancelled or the permissions were declined." : "Facebook did not complete the sign-in.",
            (ex.ErrorDescription is null ? string.Empty : "Facebook said: " + ex.ErrorDescription + " ") + "You can close this window; PowerShell shows what to do next.",
            "#c0392b");

    public static string Message(string title, string text) => Page(title, text, string.Empty, "#555");

    private static string Page(string title, string headline, string detail, string colour) =>
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + WebUtility.HtmlEncode(title) + " - FacebookToken</title>"
        + "<style>body{font-family:system-ui,sans-serif;margin:4em auto;max-width:32em;color:#1c1e21}h1{color:" + colour + ";font-size:1.4em}</style></head>"
        + "<body><h1>" + WebUtility.HtmlEncode(headline) + "</h1><p>" + WebUtility.HtmlEncode(detail) + "</p></body></html>";
}
