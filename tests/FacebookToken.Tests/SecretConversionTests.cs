using System.Net.Http;
using System.Security;
using System.Text.RegularExpressions;
using FacebookEmulator;
using FacebookToken.Secrets;
using FacebookToken.Workflows;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>
/// Each secret is checked once, when a cmdlet is given it (<see cref="CheckedSecret"/>), and becomes a string only in the
/// GraphRequest that sends it, once per request that carries it (<see cref="SecretAudit"/> counts both). Before issue 22 the
/// app secret of New-FacebookSystemUserToken -InstallApp became a string 4 times and was checked 5 times (3 and 4 in core).
/// </summary>
public sealed class SecretConversionTests
{
    private static readonly string[] s_scopes = { "whatsapp_business_management", "whatsapp_business_messaging" };

    [Fact]
    public async Task NewSystemUserToken_TheAppSecretIsCheckedOnce_AndMadeTextOncePerRequestThatCarriesIt()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        SecureString appSecret = EmulatorOptions.DefaultAppSecret.ToSecureString();
        SecureString admin = emulator.State.MintSystemUserToken(BusinessDirectory.AdminSystemUserId, scopes: new[] { "business_management" }).Value.ToSecureString();
        SecretAudit.Counts audit = SecretAudit.Begin();

        // What New-FacebookSystemUserToken -InstallApp does: check what it was given, then one core call.
        CheckedSecret secret = CheckedSecret.AppSecret(appSecret);
        CheckedSecret adminToken = CheckedSecret.AccessToken(admin);
        FacebookAccessToken minted = await new NewTokenWorkflow(Endpoint(emulator), new RecordingLog()).CreateSystemUserTokenAsync(
            BusinessDirectory.DefaultSystemUserId, EmulatorOptions.DefaultAppId, secret, adminToken, s_scopes, expiresIn60Days: false, installApp: true, saveTo: null, CancellationToken.None);

        RecordedRequest[] sent = emulator.State.Requests.ToArray();
        Assert.Equal(new[] { "applications", "access_tokens", "debug_token" }, sent.Select(r => r.Endpoint.Split('/').Last()).ToArray());
        Assert.Equal(1, audit.Checks(appSecret));
        Assert.Equal(sent.Count(CarriesAppSecret), audit.Conversions(appSecret));
        Assert.Equal(3, audit.Conversions(appSecret));
        Assert.Equal(1, audit.Checks(admin));
        Assert.Equal(2, audit.Conversions(admin));

        // The new token: checked as Facebook's answer was read, made text again only for debug_token, and masked without a string.
        Assert.Equal(0, audit.Checks(minted.AccessToken));
        Assert.Equal(1, audit.Conversions(minted.AccessToken));
        Assert.True(minted.Inspected || minted.Scopes.Length > 0);
    }

    [Fact]
    public async Task CodeExchange_TheCodeAndSecretAreCheckedOnce_AndTheCodeIsTextOnlyInTheExchange()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        const string redirect = "http://localhost:8765/callback/";
        SecureString appSecret = EmulatorOptions.DefaultAppSecret.ToSecureString();
        SecureString code = emulator.State.MintCode(EmulatorOptions.DefaultAppId, redirect, s_scopes).ToSecureString();
        SecretAudit.Counts audit = SecretAudit.Begin();

        CheckedSecret secret = CheckedSecret.AppSecret(appSecret);
        CheckedSecret checkedCode = CheckedSecret.Code(code);
        await new NewTokenWorkflow(Endpoint(emulator), new RecordingLog()).ExchangeCodeAsync(EmulatorOptions.DefaultAppId, secret, redirect, checkedCode, null, null, CancellationToken.None);

        RecordedRequest[] sent = emulator.State.Requests.ToArray();
        Assert.Equal(1, audit.Checks(code));
        Assert.Equal(1, audit.Conversions(code));
        Assert.Equal(1, audit.Checks(appSecret));
        Assert.Equal(sent.Count(CarriesAppSecret), audit.Conversions(appSecret));
        Assert.Equal(2, sent.Length);
    }

    [Fact]
    public async Task Login_TheRedirectsCodeIsCheckedAsItIsRead_AndIsTextOnlyInTheExchange()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        const string redirect = "http://localhost:8765/callback/";
        FacebookEndpoint endpoint = Endpoint(emulator);
        FacebookAuthRequest request = FacebookAuthUrlBuilder.Build(endpoint, new FacebookAuthOptions { AppId = EmulatorOptions.DefaultAppId, RedirectUri = redirect, State = "state-0123456789", Scope = s_scopes });
        string code = emulator.State.MintCode(EmulatorOptions.DefaultAppId, redirect, s_scopes);
        SecretAudit.Counts audit = SecretAudit.Begin();

        // What Invoke-FacebookLogin does once the browser is back: read the redirect, then one core call.
        FacebookAuthCode received = CallbackEvaluator.Evaluate(request, CallbackParameters.Parse(redirect + "?code=" + code + "&state=state-0123456789"));
        await new NewTokenWorkflow(endpoint, new RecordingLog()).CompleteLoginAsync(EmulatorOptions.DefaultAppId, EmulatorOptions.DefaultAppSecret.AsAppSecret(), received, shortLived: false, saveTo: null, CancellationToken.None);

        Assert.Equal(0, audit.Checks(received.Code));
        Assert.Equal(1, audit.Conversions(received.Code));
    }

    [Fact]
    public async Task GraphRequestWithPaging_TheTokenIsCheckedOnce_AndMadeTextOncePerPage()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        SecureString token = emulator.State.MintToken(EmulatorOptions.DefaultAppId, TokenKind.LongLivedUser).ToSecureString();
        SecureString appSecret = EmulatorOptions.DefaultAppSecret.ToSecureString();
        var endpoint = Endpoint(emulator);
        var client = new FacebookGraphClient(endpoint, new RecordingLog());
        SecretAudit.Counts audit = SecretAudit.Begin();

        GraphUri first = GraphUri.Parse(emulator.State.Options.WhatsAppBusinessAccountId + "/message_templates?limit=1", endpoint.GraphBaseUri);
        var call = new GraphCall("GET", first, CheckedSecret.AccessToken(token)) { AppSecret = CheckedSecret.AppSecret(appSecret) };
        int pages = 0;
        for (GraphUri? page = first; page != null && pages < 3; pages++)
        {
            GraphAnswer answer = await client.SendAsync(call, page, CancellationToken.None);
            page = client.NextPage(answer.Body);
        }

        Assert.True(pages > 1, "the emulator's template list has more than one page of one");
        Assert.Equal(1, audit.Checks(token));
        Assert.Equal(pages, audit.Conversions(token));
        Assert.Equal(1, audit.Checks(appSecret));
        Assert.Equal(pages, audit.Conversions(appSecret));
    }

    [Fact]
    public async Task ASecretSentTwiceInOneRequestIsOneString_AndATokenObjectIsMaskedWithoutOne()
    {
        await using FacebookEmulatorHost emulator = await FacebookEmulatorHost.StartAsync();
        SecureString token = emulator.State.MintSystemUserToken(BusinessDirectory.DefaultSystemUserId, lifetime: TimeSpan.FromDays(60)).Value.ToSecureString();
        SecretAudit.Counts audit = SecretAudit.Begin();

        var object1 = new FacebookAccessToken(token, FacebookTokenKind.SystemUser, EmulatorOptions.DefaultAppId);
        Assert.Equal(0, audit.Conversions(token));
        Assert.StartsWith("EAAG", object1.MaskedToken);
        Assert.Equal(8, object1.MaskedToken.Length);

        // oauth/revoke carries the token twice, as revoke_token and as access_token.
        await new SystemUserTokenClient(Endpoint(emulator), new RecordingLog()).RevokeSystemUserTokenAsync(EmulatorOptions.DefaultAppId, EmulatorOptions.DefaultAppSecret.AsAppSecret(), object1.Checked(), CancellationToken.None);
        RecordedRequest revoke = Assert.Single(emulator.State.Requests);
        Assert.True(revoke.Form.ContainsKey("revoke_token") && revoke.Form.ContainsKey("access_token"));
        Assert.Equal(1, audit.Checks(token));
        Assert.Equal(1, audit.Conversions(token));

        // A token object is checked once for its life, however many calls take it.
        Assert.Same(object1.Checked(), object1.Checked());
        Assert.Equal(1, audit.Checks(token));
    }

    [Fact]
    public void TheCheckOfASecureStringRefusesWhatTheTextCheckRefuses_WithTheSameErrorAndNoString()
    {
        SecretAudit.Counts audit = SecretAudit.Begin();
        foreach (string bad in new[] { string.Empty, "   ", "0123456789abcdef\u00000123456789abcdef", "secret with space", "secret\r\nX-Injected: 1", new string('a', 257) })
        {
            SecureString given = bad.ToSecureString();
            var fromText = Assert.Throws<FacebookInputException>(() => InputValidation.ValidateAppSecret(bad));
            var fromSecure = Assert.Throws<FacebookInputException>(() => CheckedSecret.AppSecret(given));
            Assert.Equal(fromText.ErrorId, fromSecure.ErrorId);
            Assert.Equal(fromText.Message, fromSecure.Message);
            Assert.Equal(0, audit.Conversions(given));
        }

        SecureString nulToken = "EAAGnultokenstart\0EAAGnultokenend".ToSecureString();
        var nul = Assert.Throws<FacebookInputException>(() => CheckedSecret.AccessToken(nulToken));
        Assert.Equal("InvalidAccessTokenParameter", nul.ErrorId);
        Assert.Contains("NUL character (U+0000)", nul.Message);
        Assert.DoesNotContain("EAAGnultoken", nul.Message);
    }

    /// <summary>
    /// The rule the tests above prove case by case, for every file: a SecureString becomes a string through
    /// <c>ToPlainText</c> only in <see cref="CheckedSecret"/> (for GraphRequest) and in the cache's own files (which write and
    /// read the encrypted file, src/FacebookToken/Cache).
    /// </summary>
    [Fact]
    public void ToPlainTextIsCalledOnlyByCheckedSecretAndTheCache()
    {
        string src = Path.Combine(RepositoryRoot(), "src");
        string[] callers = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"\.ToPlainText\(|SecureStringExtensions\.ToPlainText\("))
            .Select(f => Path.GetRelativePath(src, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => !f.StartsWith("FacebookToken/Cache/", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(new[] { "FacebookToken/Secrets/CheckedSecret.cs" }, callers);
        Assert.Single(Regex.Matches(File.ReadAllText(Path.Combine(src, "FacebookToken", "Secrets", "CheckedSecret.cs")), @"\.ToPlainText\("));
        string[] revealers = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => Regex.IsMatch(File.ReadAllText(f), @"\.Reveal\(\)"))
            .Select(Path.GetFileName)
            .Distinct()
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray()!;
        Assert.Equal(new[] { "GraphRequest.cs" }, revealers);
    }

    private static bool CarriesAppSecret(RecordedRequest r) =>
        r.Form.ContainsKey("client_secret") || r.Query.ContainsKey("appsecret_proof") || (r.Authorization?.Contains('|', StringComparison.Ordinal) ?? false);

    private static FacebookEndpoint Endpoint(FacebookEmulatorHost emulator) => new(graphBaseUri: emulator.BaseUri);

    private static string RepositoryRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir != null && !File.Exists(Path.Combine(dir, "FacebookTokenModule.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("FacebookTokenModule.sln not found above " + AppContext.BaseDirectory);
    }
}
