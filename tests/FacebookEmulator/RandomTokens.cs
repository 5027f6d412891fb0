using System.Buffers.Text;
using System.Security.Cryptography;

namespace FacebookEmulator;

/// <summary>Random values shaped like Facebook's codes, tokens and trace ids.</summary>
internal static class RandomTokens
{
    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string UrlSafe = Alphanumerics + "-_";

    /// <summary>"AQ" + base64url of 160 random bytes: 216 URL-safe characters.</summary>
    public static string NewCode() => "AQ" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(160));

    /// <summary>"EAAG" + 180 alphanumerics.</summary>
    public static string NewUserToken() => "EAAG" + RandomNumberGenerator.GetString(Alphanumerics, 180);

    /// <summary>"APPID|" + 27 URL-safe characters.</summary>
    public static string NewAppToken(string appId) => appId + "|" + RandomNumberGenerator.GetString(UrlSafe, 27);

    /// <summary>11 alphanumerics, like "AbCdEf12345".</summary>
    public static string NewTraceId() => RandomNumberGenerator.GetString(Alphanumerics, 11);

    public static string NewDialogId() => RandomNumberGenerator.GetString(Alphanumerics, 32);
}
