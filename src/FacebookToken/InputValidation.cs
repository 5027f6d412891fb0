using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace FacebookToken;

/// <summary>
/// Checks made before any request, so a typo costs an error message and not a used code. Each failure is a
/// <see cref="FacebookInputException"/> naming the parameter, showing a safe excerpt of the value, and saying what to do.
/// </summary>
internal static class InputValidation
{
    private const int MaxTokenLength = 4096;
    private static readonly Regex s_apiVersion = new(@"^[vV]?(\d{1,3})\.(\d{1,2})$", RegexOptions.CultureInvariant);
    private static readonly Regex s_scope = new(@"^[A-Za-z0-9_.:\-]{1,100}$", RegexOptions.CultureInvariant);

    /// <summary>Accepts <c>v25.0</c>, <c>V25.0</c> or <c>25.0</c>; returns <c>v25.0</c>.</summary>
    public static string NormalizeApiVersion(string? value)
    {
        string v = (value ?? string.Empty).Trim();
        Match m = s_apiVersion.Match(v);
        if (!m.Success)
        {
            throw new FacebookInputException(
                "InvalidApiVersion",
                "ApiVersion",
                "ApiVersion " + Show(value) + " is not a Graph API version. Use the form v25.0 (Meta's changelog lists the versions still served).");
        }

        return "v" + int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            + "." + int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
    }

    public static string ValidateAppId(string? value, string parameterName = "AppId")
    {
        if (value is null || value.Trim().Length == 0)
        {
            throw new FacebookInputException("InvalidAppIdParameter", parameterName, parameterName + " is empty. Give the app id from App Dashboard > App settings > Basic (digits only).");
        }

        if (value.Length > 32 || !IsDigits(value))
        {
            throw new FacebookInputException("InvalidAppIdParameter", parameterName, parameterName + " " + Show(value) + " is not a Facebook app id: app ids are digits only (App Dashboard > App settings > Basic).");
        }

        return value;
    }

    /// <summary>The redirect URI is kept character for character; it is refused, not repaired, when it cannot work.</summary>
    public static string ValidateRedirectUri(string? value, string parameterName = "RedirectUri")
    {
        if (value is null || value.Trim().Length == 0)
        {
            throw Redirect(parameterName, parameterName + " is empty. Give the absolute URI registered under Facebook Login > Settings > Valid OAuth Redirect URIs, e.g. http://localhost:8765/callback/.");
        }

        if (value.Length > 2048)
        {
            throw Redirect(parameterName, parameterName + " is " + value.Length.ToString(CultureInfo.InvariantCulture) + " characters long; Facebook accepts redirect URIs up to 2048 characters.");
        }

        if (HasControlOrSpace(value))
        {
            throw Redirect(parameterName, parameterName + " " + Show(value) + " contains spaces or control characters. Copy the URI exactly as registered in the app.");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw Redirect(parameterName, parameterName + " " + Show(value) + " is not an absolute http or https URI. Give the full URI as registered, e.g. http://localhost:8765/callback/ or https://www.facebook.com/connect/login_success.html.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw Redirect(parameterName, parameterName + " " + Show(value) + " carries a user name or password before the host. Remove it: redirect URIs never carry credentials.");
        }

        if (value.IndexOf('#') >= 0)
        {
            throw Redirect(parameterName, parameterName + " " + Show(value) + " has a fragment (#...). Facebook does not accept fragments in redirect URIs: remove it.");
        }

        return value;
    }

    public static string ValidateState(string? value)
    {
        if (value is null || value.Length == 0 || value.Length > 1024 || HasControlOrSpace(value))
        {
            throw new FacebookInputException("InvalidState", "State", "State " + Show(value) + " must be 1 to 1024 printable characters without spaces. Omit -State to get 256 random bits.");
        }

        return value;
    }

    /// <summary>Accepts an array or comma/space separated strings; returns the distinct permission names in order.</summary>
    public static string[] NormalizeScopes(IEnumerable<string?>? values)
    {
        var result = new List<string>();
        if (values is null)
        {
            return result.ToArray();
        }

        foreach (string? value in values)
        {
            if (value is null)
            {
                continue;
            }

            foreach (string part in value.Split(new[] { ',', ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                string scope = part.Trim();
                if (!s_scope.IsMatch(scope))
                {
                    throw new FacebookInputException("InvalidScope", "Scope", "Scope " + Show(part) + " is not a permission name. Use names such as whatsapp_business_management, whatsapp_business_messaging, business_management.");
                }

                if (!result.Contains(scope))
                {
                    result.Add(scope);
                }
            }
        }

        return result.ToArray();
    }

    /// <summary>Checks a token, code or verifier given as text: present, not absurdly long, no whitespace.</summary>
    public static void ValidateOpaqueSecret(string? value, string parameterName, string errorId, string what) =>
        CheckOpaque(value is null ? -1 : value.Length, i => value![i], parameterName, errorId, what);

    /// <summary>As <see cref="ValidateOpaqueSecret(string, string, string, string)"/>, on the characters of a SecureString (<see cref="Secrets.CheckedSecret"/>).</summary>
    public static void ValidateOpaqueSecret(char[] value, string parameterName, string errorId, string what) =>
        CheckOpaque(value.Length, i => value[i], parameterName, errorId, what);

    /// <summary>
    /// Refuses a NUL character in a secret (a token, an app secret, a cache key): a native store or C string would end the
    /// secret there and keep only its start, so it is refused here, whole, before anything uses it.
    /// </summary>
    public static void RejectNul(string value, string parameterName, string errorId, string what)
    {
        if (value.IndexOf('\0') >= 0)
        {
            throw Nul(parameterName, errorId, what);
        }
    }

    /// <summary>The one check of an app secret given as text (an app token's secret part); see <see cref="ValidateAppSecret(char[], string)"/>.</summary>
    /// <remarks>A secret with a space or CR/LF can never be right, and in the Authorization header it would fail deep inside HTTP.</remarks>
    public static string ValidateAppSecret(string? secret, string parameterName = "AppSecret")
    {
        CheckAppSecret(secret is null ? -1 : secret.Length, i => secret![i], parameterName);
        return secret!;
    }

    /// <summary>The one check of an app secret, on every path (exchange, debug_token, login, the app token header), made once when it is given (<see cref="Secrets.CheckedSecret.AppSecret"/>).</summary>
    public static void ValidateAppSecret(char[] secret, string parameterName = "AppSecret") =>
        CheckAppSecret(secret.Length, i => secret[i], parameterName);

    private static void CheckAppSecret(int length, Func<int, char> at, string parameterName)
    {
        if (length <= 0 || length > 256)
        {
            throw new FacebookInputException("InvalidAppSecretParameter", parameterName, parameterName + " is " + (length <= 0 ? "empty" : "longer than 256 characters") + ". Give the app secret from App Dashboard > App settings > Basic as a SecureString, or use -Credential.");
        }

        CheckOpaque(length, at, parameterName, "InvalidAppSecretParameter", "Give the app secret from App Dashboard > App settings > Basic.");
    }

    /// <summary>The checks of a secret as <paramref name="length"/> characters read by <paramref name="at"/> (-1: null), so a SecureString's need no string.</summary>
    private static void CheckOpaque(int length, Func<int, char> at, string parameterName, string errorId, string what)
    {
        bool blank = true;
        for (int i = 0; i < length && blank; i++)
        {
            blank = char.IsWhiteSpace(at(i));
        }

        if (length <= 0 || blank)
        {
            throw new FacebookInputException(errorId, parameterName, parameterName + " is empty. " + what);
        }

        if (length > MaxTokenLength)
        {
            throw new FacebookInputException(errorId, parameterName, parameterName + " is " + length.ToString(CultureInfo.InvariantCulture) + " characters long, more than any Facebook value (" + MaxTokenLength.ToString(CultureInfo.InvariantCulture) + "). " + what);
        }

        bool controlOrSpace = false;
        for (int i = 0; i < length; i++)
        {
            char c = at(i);
            if (c == '\0')
            {
                throw Nul(parameterName, errorId, what);
            }

            controlOrSpace |= char.IsControl(c) || char.IsWhiteSpace(c);
        }

        if (controlOrSpace)
        {
            throw new FacebookInputException(errorId, parameterName, parameterName + " contains spaces or control characters (" + length.ToString(CultureInfo.InvariantCulture) + " characters). " + what);
        }
    }

    private static FacebookInputException Nul(string parameterName, string errorId, string what) =>
        new(
            errorId,
            parameterName,
            parameterName + " contains a NUL character (U+0000); it was refused rather than cut short there, and nothing was sent or stored. Check how the value was read (a UTF-16 file read as UTF-8, a padded buffer). " + what);

    public static Uri ValidateBaseUri(Uri? value, string parameterName)
    {
        if (value is null || !value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttp && value.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(value.UserInfo) || !string.IsNullOrEmpty(value.Query) || !string.IsNullOrEmpty(value.Fragment))
        {
            throw new FacebookInputException("InvalidBaseUri", parameterName, parameterName + " " + Show(value?.OriginalString) + " must be an absolute http(s) URI without credentials, query or fragment, e.g. https://graph.facebook.com.");
        }

        return value;
    }

    /// <summary>Refuses plain http to anything but loopback for a base URI that carries secrets (client_secret, codes, tokens).</summary>
    public static Uri RequireSecureTransport(Uri value, string parameterName)
    {
        if (value.Scheme == Uri.UriSchemeHttp && !IsLoopbackHost(value))
        {
            throw new FacebookInputException(
                "InsecureBaseUri",
                parameterName,
                parameterName + " " + Show(value.OriginalString) + " is plain http to " + Show(value.Host) + ", which would send the app secret, codes and tokens unencrypted. Use https (e.g. https://graph.facebook.com), or http only to a loopback address (localhost, 127.0.0.1, [::1]) for an emulator.");
        }

        return value;
    }

    /// <summary>Whether <paramref name="uri"/> names this machine: <c>localhost</c>, 127.0.0.0/8 or ::1 (not other names that may resolve there).</summary>
    public static bool IsLoopbackHost(Uri uri)
    {
        switch (uri.HostNameType)
        {
            case UriHostNameType.Dns:
                return string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);
            case UriHostNameType.IPv4:
                return IPAddress.TryParse(uri.Host, out IPAddress? v4) && v4.GetAddressBytes()[0] == 127;
            case UriHostNameType.IPv6:
                return IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? v6) && v6.Equals(IPAddress.IPv6Loopback);
            default:
                return false;
        }
    }

    /// <summary>A value as it may appear in an error: quoted, control characters escaped, long values cut.</summary>
    public static string Show(string? value)
    {
        if (value is null)
        {
            return "(null)";
        }

        var sb = new StringBuilder("'");
        int limit = Math.Min(value.Length, 80);
        for (int i = 0; i < limit; i++)
        {
            char c = value[i];
            if (char.IsControl(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        if (value.Length > limit)
        {
            sb.Append("…(" + value.Length.ToString(CultureInfo.InvariantCulture) + " chars)");
        }

        return sb.Append('\'').ToString();
    }

    private static FacebookInputException Redirect(string parameterName, string message) =>
        new("InvalidRedirectUri", parameterName, message);

    internal static bool IsDigits(string value)
    {
        foreach (char c in value)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return value.Length > 0;
    }

    internal static bool HasControlOrSpace(string value)
    {
        foreach (char c in value)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }
}
