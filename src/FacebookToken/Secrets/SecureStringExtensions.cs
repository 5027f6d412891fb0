using System;
using System.Runtime.InteropServices;
using System.Security;

namespace FacebookToken.Secrets;

/// <summary>Conversions between SecureString and the plain text an HTTP request needs at the last moment.</summary>
internal static class SecureStringExtensions
{
    /// <summary>The plain text of <paramref name="value"/>; empty for null.</summary>
    /// <remarks>
    /// Call as late as possible and do not keep the result. Every character is kept, a NUL included, so that input
    /// validation can refuse it: NetworkCredential.Password (PtrToStringUni without a length) stopped at the first NUL
    /// and cut the secret silently.
    /// </remarks>
    public static string ToPlainText(this SecureString? value)
    {
        if (value is null || value.Length == 0)
        {
            return string.Empty;
        }

        IntPtr text = Marshal.SecureStringToGlobalAllocUnicode(value);
        try
        {
            return Marshal.PtrToStringUni(text, value.Length);
        }
        finally
        {
            Marshal.ZeroFreeGlobalAllocUnicode(text);
        }
    }

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
