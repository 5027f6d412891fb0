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

        SecretAudit.Converted(value);
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

    /// <summary>
    /// Gives <paramref name="read"/> the characters of <paramref name="value"/> (every one, a NUL included) in an array that
    /// is cleared as soon as it returns: for a check, a mask or a comparison that needs no string of the secret.
    /// </summary>
    public static T Inspect<T>(this SecureString? value, Func<char[], T> read)
    {
        int length = value?.Length ?? 0;
        var chars = new char[length];
        IntPtr text = length == 0 ? IntPtr.Zero : Marshal.SecureStringToGlobalAllocUnicode(value!);
        try
        {
            if (length > 0)
            {
                Marshal.Copy(text, chars, 0, length);
            }

            return read(chars);
        }
        finally
        {
            Array.Clear(chars, 0, chars.Length);
            if (text != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(text);
            }
        }
    }

    /// <summary>Whether two SecureStrings hold the same characters, compared in constant time without a string of either.</summary>
    public static bool SecureEquals(this SecureString? a, SecureString? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        return a.Inspect(x => b.Inspect(y => ConstantTime.EqualsChars(x, y)));
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
