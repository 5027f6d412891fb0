using System.Security.Cryptography;
using System.Text;
using FacebookToken.Cache;
using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>
/// A raw 256-bit cache key ("base64:" + 44 characters) used without PBKDF2 (issue 15): the file records which kind of
/// key made it, malformed raw keys are refused before anything is read or written, passphrases keep their rounds.
/// </summary>
/// <remarks>The variable FACEBOOK_TOKEN_CACHE_KEY is covered in tests/TokenCache.Tests.ps1 (a child pwsh), not here: xunit runs classes in parallel.</remarks>
public sealed class RawCacheKeyTests : IDisposable
{
    private const string Passphrase = "raw-key-tests-passphrase-0123456789";
    private const string RawTokenText = "EAAGrawkeytestvalue0123456789abcdefXYZ";
    private static readonly byte[] s_plain = Encoding.UTF8.GetBytes("{\"format\":\"FacebookToken.Cache\",\"tokens\":[]}");
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fbt-rawkey-" + Guid.NewGuid().ToString("N"));
    private readonly string _dir;
    private readonly RecordingLog _log = new();

    public RawCacheKeyTests()
    {
        _dir = Path.Combine(_root, "cache");
        Directory.CreateDirectory(_root);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_dir);
        }
        else
        {
            Directory.CreateDirectory(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
    }

    private string CacheFile => Path.Combine(_dir, TokenCache.CacheFileName);

    private static string NewRawKey() => CacheKeyMaterial.RawKeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private TokenCache Open(string key) =>
        TokenCache.Open(new TokenCacheOptions { CachePath = _dir, CacheKey = key.ToSecureString() }, _log, () => new TestStoreFactory());

    private static FacebookAccessToken Token() =>
        new(RawTokenText.ToSecureString(), FacebookTokenKind.LongLivedUser, "1234567890") { ExpiresOn = DateTimeOffset.UtcNow.AddDays(59) };

    [Fact]
    public void ARawKeyWritesAlgorithmThreeWithNoRoundsAndReadsBack()
    {
        string key = NewRawKey();
        byte[] data = KeyFileFormat.Encrypt(s_plain, key);
        Assert.Equal(KeyFileFormat.AlgorithmCbcHmacRawKey, data[5]);
        Assert.True(KeyFileFormat.TryReadParameters(data, out _, out int iterations));
        Assert.Equal(0, iterations);
        Assert.Equal(s_plain, KeyFileFormat.Decrypt(data, key));
    }

    [Fact]
    public void APassphraseStillWritesAlgorithmTwoWithTheDeliberateCost()
    {
        byte[] data = KeyFileFormat.Encrypt(s_plain, Passphrase);
        Assert.Equal(KeyFileFormat.AlgorithmCbcHmac, data[5]);
        Assert.True(KeyFileFormat.TryReadParameters(data, out _, out int iterations));
        Assert.Equal(CacheKeyMaterial.DefaultIterations, iterations);
    }

    [Fact]
    public void TheRawKeyExpansionIsHkdfSha256()
    {
        byte[] raw = RandomNumberGenerator.GetBytes(32);
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        byte[] expected = HKDF.DeriveKey(HashAlgorithmName.SHA256, raw, 64, salt, Encoding.ASCII.GetBytes("FacebookToken key file v1 raw key"));
        Assert.Equal(expected, CacheKeyMaterial.DeriveFromRawKey(CacheKeyMaterial.RawKeyPrefix + Convert.ToBase64String(raw), salt));
    }

    [Fact]
    public void AnotherRawKeyIsAWrongKey()
    {
        byte[] data = KeyFileFormat.Encrypt(s_plain, NewRawKey());
        Assert.Throws<CacheKeyException>(() => KeyFileFormat.Decrypt(data, NewRawKey()));
    }

    [Fact]
    public void ARawKeyAndAPassphraseNeverOpenEachOthersFiles()
    {
        string raw = NewRawKey();
        byte[] rawFile = KeyFileFormat.Encrypt(s_plain, raw);
        byte[] passphraseFile = KeyFileFormat.Encrypt(s_plain, Passphrase, iterations: 1000);

        var ex = Assert.Throws<CacheKeyException>(() => KeyFileFormat.Decrypt(rawFile, Passphrase));
        Assert.Contains("written with a raw 256-bit key", ex.Message);
        ex = Assert.Throws<CacheKeyException>(() => KeyFileFormat.Decrypt(passphraseFile, raw));
        Assert.Contains("written with a passphrase", ex.Message);
    }

    [Fact]
    public void TheSameTextAsPassphraseAndAsRawKeyGivesDifferentKeys()
    {
        // A file an older FacebookToken wrote under a passphrase that happens to look like a raw key: algorithm 2,
        // PBKDF2 of the text. The raw-key reading of the same text neither matches its key nor is tried on it.
        string text = NewRawKey();
        byte[] salt = RandomNumberGenerator.GetBytes(16);
        Assert.NotEqual(CacheKeyMaterial.Derive(text, salt, 1000), CacheKeyMaterial.DeriveFromRawKey(text, salt));

        byte[] relabelled = KeyFileFormat.Encrypt(s_plain, text, salt);
        relabelled[5] = KeyFileFormat.AlgorithmCbcHmac;
        BitConverter.GetBytes(1000).CopyTo(relabelled, 6);
        Assert.Throws<CacheKeyException>(() => KeyFileFormat.Decrypt(relabelled, text));
    }

    [Fact]
    public void ARawKeyFileWhoseHeaderAsksForRoundsIsDamaged()
    {
        string key = NewRawKey();
        byte[] data = KeyFileFormat.Encrypt(s_plain, key);
        BitConverter.GetBytes(600_000).CopyTo(data, 6);
        Assert.Throws<FormatException>(() => KeyFileFormat.Decrypt(data, key));
    }

    [Fact]
    public void ACacheUnderARawKeySavesAndReadsThroughTheStoreSelector()
    {
        string key = NewRawKey();
        Open(key).Save(Token(), "wa-prod");
        Assert.Equal(KeyFileFormat.AlgorithmCbcHmacRawKey, File.ReadAllBytes(CacheFile)[5]);
        Assert.Equal(RawTokenText, Open(key).ReadAll().Single().AccessToken.ToPlainText());
        Assert.DoesNotContain(RawTokenText, Encoding.UTF8.GetString(File.ReadAllBytes(CacheFile)));
    }

    [Fact]
    public void APassphraseCacheIsNeitherReadNorRewrittenUnderARawKey()
    {
        Open(Passphrase).Save(Token(), "wa-prod");
        byte[] before = File.ReadAllBytes(CacheFile);

        var ex = Assert.Throws<FacebookCacheException>(() => Open(NewRawKey()).ReadAll());
        Assert.Equal(FacebookErrorKind.WrongCacheKey, ex.Kind);
        Assert.Contains("written with a passphrase", ex.Message);
        Assert.Throws<FacebookCacheException>(() => Open(NewRawKey()).Save(Token(), "other"));
        Assert.Equal(before, File.ReadAllBytes(CacheFile));
    }

    [Theory]
    [InlineData("base64:", "decodes to 0 bytes")]
    [InlineData("base64:not*base64*at*all*but*44*characters*long*xx", "is not base64")]
    [InlineData("base64:AAAAAAAAAAAAAAAAAAAAAA==", "decodes to 16 bytes")]
    [InlineData("base64:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "decodes to 34 bytes")]
    [InlineData("base64: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "a raw key is exactly 32 bytes")]
    public void AMalformedRawKeyIsRefusedBeforeAnythingIsWritten(string key, string problem)
    {
        var ex = Assert.Throws<FacebookInputException>(() => Open(key).Save(Token(), "wa-prod"));
        Assert.Equal("InvalidCacheKey", ex.ErrorId);
        Assert.Contains("-CacheKey", ex.Message);
        Assert.Contains(problem, ex.Message);
        Assert.Contains("RandomNumberGenerator", ex.Message);
        Assert.Contains("Nothing was read or written", ex.Message);
        string body = key.Substring(CacheKeyMaterial.RawKeyPrefix.Length).Trim();
        if (body.Length >= 8)
        {
            Assert.DoesNotContain(body, ex.Message);
        }

        Assert.False(File.Exists(CacheFile));
    }
}
