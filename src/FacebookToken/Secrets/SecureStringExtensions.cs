using System;
using System.Net;
using System.Security;

namespace FacebookToken.Secrets;

/// <summary>Conversions between SecureString and the plain text an HTTP request needs at the last moment.</summary>
internal static class SecureStringExtensions
{
    /// <summary>The plain text of <paramref name="value"/>; empty for null.</summary>
    /// <remarks>Call as late as possible and do not keep the result.</remarks>
    public static string ToPlainText(this SecureString? value) =>
        value is null ? string.Empty : new NetworkCredential(string.Empty, value).Password;

    /// <summary>A read-only SecureString holding <paramref name="value"/>.</summary>
    public static SecureString ToSecureString(this string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        var secure = new SecureString();
        foreach (char c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
