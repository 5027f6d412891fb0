using FacebookToken.Secrets;

namespace FacebookToken.Tests;

/// <summary>Secrets as core's calls take them: checked once (<see cref="CheckedSecret"/>), as a cmdlet checks what it is given.</summary>
internal static class TestSecrets
{
    public static CheckedSecret AsToken(this string text) => CheckedSecret.AccessToken(text.ToSecureString());

    public static CheckedSecret AsAppSecret(this string text) => CheckedSecret.AppSecret(text.ToSecureString());

    public static CheckedSecret AsCode(this string text) => CheckedSecret.Code(text.ToSecureString());
}
