using System;
using System.Runtime.InteropServices;

namespace FacebookToken.Storage;

/// <summary>Short reasons for the messages that cross back to the cache (which shows them to the user).</summary>
internal static class FailureText
{
    private const int MaxReasonLength = 300;

    /// <summary>"libsecret unavailable: ..." for a store that failed to open or failed MSAL's persistence check.</summary>
    public static string Unavailable(string backend, Exception ex, string? logged)
    {
        if (backend == "libsecret" && Find<DllNotFoundException>(ex) != null)
        {
            return "libsecret unavailable: the libsecret-1 library is not installed (Debian/Ubuntu: apt-get install libsecret-1-0)";
        }

        if (Find<PlatformNotSupportedException>(ex) != null)
        {
            return "OS secret store unavailable: MSAL supports none on " + RuntimeInformation.OSDescription;
        }

        return backend + " unavailable: " + Reason(ex, logged);
    }

    /// <summary>
    /// What went wrong, in one short line: the root cause of <paramref name="ex"/> (libsecret's own GError text when
    /// there is one), or what MSAL only logged when the exception says no more than "could not be read".
    /// </summary>
    public static string Reason(Exception? ex, string? logged)
    {
        string? text = ex is null ? null : RootMessage(ex);
        if (text is null || (logged != null && text.IndexOf("could not be read", StringComparison.OrdinalIgnoreCase) >= 0))
        {
            text = logged ?? text ?? "unknown error";
        }

        text = FirstLine(GErrorMessage(text)).Trim().TrimEnd('.').Trim();
        return text.Length > MaxReasonLength ? text.Substring(0, MaxReasonLength) + "..." : text;
    }

    /// <summary>True for MSAL's exception types, which must not leave the isolated assembly.</summary>
    public static bool IsFromMsal(Exception ex) =>
        ex.GetType().Assembly.GetName().Name?.StartsWith("Microsoft.Identity", StringComparison.Ordinal) == true;

    private static string RootMessage(Exception ex)
    {
        // MSAL nests the cause: "Persistence check failed..." > "...processing libsecret error information..." > the
        // libsecret error itself. The innermost exception with a message says what happened.
        Exception current = ex;
        while (current.InnerException != null && !string.IsNullOrWhiteSpace(current.InnerException.Message))
        {
            current = current.InnerException;
        }

        return current.Message;
    }

    private static string GErrorMessage(string text)
    {
        // "... domain:'94' code:'19' message:'Object does not exist at path ...' .Error code: 19" -> the message.
        const string Marker = "message:'";
        int start = text.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }

        start += Marker.Length;
        int end = text.LastIndexOf('\'');
        return end > start ? text.Substring(start, end - start) : text;
    }

    private static string FirstLine(string text)
    {
        int end = text.IndexOfAny(new[] { '\r', '\n' });
        return end < 0 ? text : text.Substring(0, end);
    }

    private static T? Find<T>(Exception ex)
        where T : Exception
    {
        for (Exception? current = ex; current != null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
