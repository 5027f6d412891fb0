namespace FacebookEmulator;

/// <summary>
/// Facebook answers in the request's <c>locale</c>. The Dutch and Portuguese "Can't Load URL" texts are the ones quoted
/// in php-graph-sdk issues 684 and 1030; the other translations are the emulator's own, there so that a client that
/// matches English text fails the tests.
/// </summary>
internal static class LocalizedMessages
{
    public static string RedirectUriMismatch(string? locale) => Language(locale) switch
    {
        "pt" => "Erro ao validar o código de verificação. Verifique se o redirect_uri é idêntico ao que você usou na solicitação da caixa de diálogo OAuth",
        "nl" => "Fout bij het valideren van de verificatiecode. Zorg dat je redirect_uri identiek is aan die in het OAuth-dialoogverzoek",
        _ => "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
    };

    public static string CantLoadUrl(string? locale) => Language(locale) switch
    {
        "pt" => "Não é possível carregar a URL: O domínio dessa URL não está incluído nos domínios do aplicativo. Para poder carregar essa URL, adicione todos os domínios e subdomínios ao campo Domínios do aplicativo nas configurações do aplicativo",
        "nl" => "URL kan niet worden geladen: Het domein van deze URL is niet toegevoegd aan de domeinen van deze app. Voeg alle domeinen en subdomeinen van je app toe aan het veld Appdomeinen in de instellingen van je app om deze URL te kunnen laden.",
        _ => "Can't Load URL: The domain of this URL isn't included in the app's domains. To be able to load this URL, add all domains and subdomains of your app to the App Domains field in your app settings.",
    };

    public static string MissingRedirectUri(string? locale) => Language(locale) switch
    {
        "pt" => "Parâmetro redirect_uri ausente.",
        "nl" => "Parameter redirect_uri ontbreekt.",
        _ => "Missing redirect_uri parameter.",
    };

    public static string CodeUsed(string? locale) => Language(locale) switch
    {
        "pt" => "Este código de autorização já foi usado.",
        "nl" => "Deze autorisatiecode is al gebruikt.",
        _ => "This authorization code has been used.",
    };

    public static string CodeExpired(string? locale) => Language(locale) switch
    {
        "pt" => "Este código de autorização expirou.",
        "nl" => "Deze autorisatiecode is verlopen.",
        _ => "This authorization code has expired.",
    };

    public static string CannotParseToken(string? locale) => Language(locale) switch
    {
        "pt" => "Token de acesso OAuth inválido - Não é possível analisar o token de acesso",
        "nl" => "Ongeldig OAuth-toegangstoken - Kan het toegangstoken niet verwerken",
        _ => GraphErrors.CannotParseTokenMessage,
    };

    public static string SessionExpired(string expiredAt, string now, string? locale) => Language(locale) switch
    {
        "pt" => "Erro ao validar o token de acesso: A sessão expirou em " + expiredAt + ". A hora atual é " + now + ".",
        "nl" => "Fout bij het valideren van het toegangstoken: De sessie is verlopen op " + expiredAt + ". De huidige tijd is " + now + ".",
        _ => "Error validating access token: Session has expired on " + expiredAt + ". The current time is " + now + ".",
    };

    public static string NotAuthorized(string appId, string? locale) => Language(locale) switch
    {
        "pt" => "Erro ao validar o token de acesso: O usuário não autorizou o aplicativo " + appId + ".",
        "nl" => "Fout bij het valideren van het toegangstoken: De gebruiker heeft app " + appId + " niet geautoriseerd.",
        _ => "Error validating access token: The user has not authorized application " + appId + ".",
    };

    private static string Language(string? locale) =>
        string.IsNullOrEmpty(locale) ? "en" : locale.Split('_', '-')[0].ToLowerInvariant();
}
