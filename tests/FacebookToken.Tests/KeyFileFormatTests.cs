using System.Security.Cryptography;
using System.Text;
using FacebookToken.Cache;
using Xunit;

namespace FacebookToken.Tests;

public sealed class KeyFileFormatTests : IDisposable
{
    // tests/assets/KeyFileCache/README.md says how these were made.
    private const string FixtureKey = "fixture-key-not-secret";
    private const string FixtureToken = "EAAFixtureTokenNotReal0123456789abcdef";
    private const string GcmFixture = "v1-gcm-net8.0.cache";
    private const string CbcFixture = "v1-cbchmac-netstandard2.0.cache";

    private static readonly byte[] s_plain = Encoding.UTF8.GetBytes("{\"format\":\"FacebookToken.Cache\",\"tokens\":[{\"accessToken\":\"EAAGsecret\"}]}");

    private readonly List<string> _directories = new();

    public void Dispose()
    {
        foreach (string directory in _directories)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void WritesOneFormatOnEveryRuntime()
    {
        byte[] data = KeyFileFormat.Encrypt(s_plain, "correct horse battery staple", iterations: 1000);
        Assert.True(KeyFileFormat.HasMagic(data));
        Assert.Equal(1, data[4]);
        Assert.Equal(KeyFileFormat.AlgorithmCbcHmac, data[5]);

        // The same layout as the file FacebookToken 0.1.0 wrote on Windows PowerShell, which 0.1.0 read on both editions.
        byte[] old = ReadFixture(CbcFixture);
        Assert.Equal(old.Take(6), data.Take(6));
    }

    [Fact]
    public void RoundTripsWithTheRightKey()
    {
        byte[] data = KeyFileFormat.Encrypt(s_plain, "correct horse battery staple", iterations: 1000);
        Assert.Equal(s_plain, KeyFileFormat.Decrypt(data, "correct horse battery staple"));
        Assert.DoesNotContain("EAAGsecret", Encoding.UTF8.GetString(data));
    }

    [Fact]
    public void WrongKeyIsToldApartFromDamage()
    {
        byte[] data = KeyFileFormat.Encrypt(s_plain, "key one", iterations: 1000);
        Assert.Throws<CacheKeyException>(() => KeyFileFormat.Decrypt(data, "key two"));

        byte[] tampered = (byte[])data.Clone();
        tampered[tampered.Length - 40] ^= 0x01;
        Assert.Throws<FormatException>(() => KeyFileFormat.Decrypt(tampered, "key one"));

        byte[] badMac = (byte[])data.Clone();
        badMac[badMac.Length - 1] ^= 0x01;
        Assert.Throws<FormatException>(() => KeyFileFormat.Decrypt(badMac, "key one"));

        // FormatException is what TokenCache turns into CacheCorrupt (TokenCacheTests.TruncatedKeyFileIsCorrupt).
        byte[] truncated = data.Take(50).ToArray();
        var ex = Assert.Throws<FormatException>(() => KeyFileFormat.Decrypt(truncated, "key one"));
        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GcmFixture)]
    [InlineData(CbcFixture)]
    [InlineData(null)]
    public void EveryTruncationIsAFormatException(string? fixture)
    {
        byte[] data = fixture is null ? KeyFileFormat.Encrypt(s_plain, "key one", iterations: 1000) : ReadFixture(fixture);
        string key = fixture is null ? "key one" : FixtureKey;

        for (int length = 0; length < data.Length; length++)
        {
            byte[] truncated = data.Take(length).ToArray();
            Exception? thrown = Record.Exception(() => KeyFileFormat.Decrypt(truncated, key));
            Assert.True(thrown is FormatException, $"A file cut to {length} of {data.Length} bytes threw {thrown?.GetType().FullName ?? "nothing"}, not FormatException.");
        }
    }

    [Theory]
    [InlineData(GcmFixture)]
    [InlineData(CbcFixture)]
    public void WrongKeyIsToldApartFromDamageInFilesOfTheOldBuilds(string fixture)
    {
        byte[] data = ReadFixture(fixture);
        Assert.Throws<CacheKeyException>(() => KeyFileFormat.Decrypt(data, "not the fixture key"));

        byte[] tampered = (byte[])data.Clone();
        tampered[tampered.Length - 40] ^= 0x01;
        Assert.Throws<FormatException>(() => KeyFileFormat.Decrypt(tampered, FixtureKey));
    }

    [Fact]
    public void HeaderIsAuthenticated()
    {
        // The algorithm byte switched either way: the other algorithm's check fails, never a wrong-key or a crash.
        byte[] written = KeyFileFormat.Encrypt(s_plain, "k", iterations: 1000);
        written[5] = KeyFileFormat.LegacyAlgorithmGcm;
        Assert.Throws<FormatException>(() => KeyFileFormat.Decrypt(written, "k"));

        byte[] gcm = ReadFixture(GcmFixture);
        gcm[5] = KeyFileFormat.AlgorithmCbcHmac;
        Assert.Throws<FormatException>(() => KeyFileFormat.Decrypt(gcm, FixtureKey));

        // A passphrase file relabelled as a raw-key one (and back) is damage, told apart before any key is tried.
        byte[] relabelled = KeyFileFormat.Encrypt(s_plain, "k", iterations: 1000);
        relabelled[5] = KeyFileFormat.AlgorithmCbcHmacRawKey;
        Assert.Throws<FormatException>(() => KeyFileFormat.Decrypt(relabelled, "k"));
        string rawKey = CacheKeyMaterial.RawKeyPrefix + Convert.ToBase64String(new byte[32]);
        byte[] rawFile = KeyFileFormat.Encrypt(s_plain, rawKey);
        rawFile[5] = KeyFileFormat.AlgorithmCbcHmac;
        Assert.Throws<FormatException>(() => KeyFileFormat.Decrypt(rawFile, rawKey));

        byte[] unknown = KeyFileFormat.Encrypt(s_plain, "k", iterations: 1000);
        unknown[5] = 4;
        FormatException ex = Assert.Throws<FormatException>(() => KeyFileFormat.Decrypt(unknown, "k"));
        Assert.Contains("unknown encryption algorithm 4", ex.Message);
    }

    [Theory]
    [InlineData(GcmFixture, KeyFileFormat.LegacyAlgorithmGcm)]
    [InlineData(CbcFixture, KeyFileFormat.AlgorithmCbcHmac)]
    public void ReadsTheFilesTheOldBuildsWrote(string fixture, byte algorithm)
    {
        byte[] data = ReadFixture(fixture);
        Assert.Equal(algorithm, data[5]);

        CachedToken[] entries = OpenAll(new KeyFileStore(CopyFixture(fixture), FixtureKey).Read());
        Assert.Equal(new[] { "fixture" }, entries.Select(e => e.Name));
        Assert.Equal(FixtureToken, entries[0].AccessToken);
        Assert.Equal(FacebookTokenKind.LongLivedUser, entries[0].Kind);
        Assert.Equal("1234567890", entries[0].AppId);
    }

    [Theory]
    [InlineData(GcmFixture)]
    [InlineData(CbcFixture)]
    public void RewritesAnOldFileInTheSharedFormatWithItsSaltAndCost(string fixture)
    {
        string path = CopyFixture(fixture);
        var store = new KeyFileStore(path, FixtureKey);
        CacheContents contents = store.Read();
        Assert.True(KeyFileFormat.TryReadParameters(File.ReadAllBytes(path), out byte[] salt, out int iterations));

        store.Write(contents);

        byte[] rewritten = File.ReadAllBytes(path);
        Assert.Equal(KeyFileFormat.RecordsVersion, rewritten[4]);
        Assert.Equal(KeyFileFormat.AlgorithmCbcHmac, rewritten[5]);
        Assert.True(KeyFileFormat.TryReadParameters(rewritten, out byte[] newSalt, out int newIterations));
        Assert.Equal(salt, newSalt);
        Assert.Equal(iterations, newIterations);
        Assert.Equal(OpenAll(contents).Select(e => e.AccessToken), OpenAll(store.Read()).Select(e => e.AccessToken));
    }

    /// <summary>Every entry of what a store read, opened.</summary>
    internal static CachedToken[] OpenAll(CacheContents contents)
    {
        using IEntryCodecSession session = contents.Codec.Begin();
        return contents.Records.Select(r => CachedToken.FromBytes(session.Open(r.Sealed))).ToArray();
    }

    [Fact]
    public void RewritesReuseSaltAndCost()
    {
        byte[] first = KeyFileFormat.Encrypt(s_plain, "k", iterations: 1234);
        Assert.True(KeyFileFormat.TryReadParameters(first, out byte[] salt, out int iterations));
        Assert.Equal(1234, iterations);
        byte[] second = KeyFileFormat.Encrypt(s_plain, "k", salt, iterations);
        Assert.True(KeyFileFormat.TryReadParameters(second, out byte[] salt2, out _));
        Assert.Equal(salt, salt2);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void DefaultCostIsDeliberate()
    {
        Assert.True(CacheKeyMaterial.DefaultIterations >= 600_000);
        byte[] data = KeyFileFormat.Encrypt(s_plain, "k-default-cost");
        Assert.True(KeyFileFormat.TryReadParameters(data, out _, out int iterations));
        Assert.Equal(CacheKeyMaterial.DefaultIterations, iterations);
    }

    [Fact]
    public void Pbkdf2MatchesTheFrameworkImplementation()
    {
        byte[] salt = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        byte[] expected = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes("password"), salt, 2000, HashAlgorithmName.SHA256, 64);
        Assert.Equal(expected, CacheKeyMaterial.Derive("password", salt, 2000));
    }

    private static byte[] ReadFixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    private string CopyFixture(string name)
    {
        string directory = Path.Combine(Path.GetTempPath(), "fbt-fixture-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        _directories.Add(directory);
        string path = Path.Combine(directory, TokenCache.CacheFileName);
        File.WriteAllBytes(path, ReadFixture(name));
        return path;
    }
}
