using System.Text;
using FacebookToken.Cache;
using FacebookToken.Diagnostics;
using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>
/// Cache format 2: one record per token, so a save seals only its own entry and copies the others as bytes, and a read
/// opens only the entries asked for. Format 1 (one JSON document) is read and rewritten as format 2.
/// </summary>
public sealed class CacheRecordFormatTests : CacheFolderTest
{
    private static readonly string s_rawKey = CacheKeyMaterial.RawKeyPrefix + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public CacheRecordFormatTests()
        : base("fbt-records-")
    {
    }

    private TokenCache Open(string? key = null, bool plaintext = false) => OpenCache(plaintext ? null : key ?? s_rawKey, plaintext);

    private static FacebookAccessToken Token(string raw) => new(raw.ToSecureString(), FacebookTokenKind.SystemUser, "1234567890") { Scopes = new[] { "whatsapp_business_messaging" } };

    private static string Text(FacebookAccessToken token) => token.AccessToken.ToPlainText();

    private Dictionary<string, byte[]> SealedByName(string key)
    {
        CacheContents contents = new KeyFileStore(CacheFile, key).Read();
        using IEntryCodecSession session = contents.Codec.Begin();
        return contents.Records.ToDictionary(r => CachedToken.FromBytes(session.Open(r.Sealed)).Name, r => r.Sealed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ASaveSealsOnlyItsOwnEntryAndCopiesTheOthersAsBytes(bool rawKey)
    {
        string key = rawKey ? s_rawKey : "a-passphrase-for-the-record-test";
        TokenCache cache = Open(key);
        cache.SaveMany(new[] { "acme", "globex", "initech" }.Select(n => new KeyValuePair<string, FacebookAccessToken>(n, Token("EAAG" + n + "0123456789abcdef"))).ToList());
        Dictionary<string, byte[]> before = SealedByName(key);

        Assert.True(cache.Save(Token("EAAGinitechRENEWED0123456789"), "initech"));
        Assert.False(cache.Save(Token("EAAGumbrella0123456789abcdef"), "umbrella"));

        byte[] file = File.ReadAllBytes(CacheFile);
        Assert.Equal(KeyFileFormat.RecordsVersion, file[4]);
        Dictionary<string, byte[]> after = SealedByName(key);
        Assert.Equal(new[] { "acme", "globex", "initech", "umbrella" }, after.Keys.OrderBy(k => k));
        Assert.Equal(before["acme"], after["acme"]);
        Assert.Equal(before["globex"], after["globex"]);
        Assert.NotEqual(before["initech"], after["initech"]);
        Assert.Equal("EAAGinitechRENEWED0123456789", Text(Open(key).Read(new[] { "INITECH" }, null).Single()));
    }

    [Fact]
    public void TheKeyFileShowsNoNameAndNoToken()
    {
        Open().Save(Token("EAAGsecretvalue0123456789abcdef"), "customer-acme");
        byte[] file = File.ReadAllBytes(CacheFile);
        foreach (string text in new[] { "customer-acme", "CUSTOMER-ACME", "EAAGsecretvalue0123456789abcdef", "SystemUser", "1234567890" })
        {
            Assert.DoesNotContain(text, Encoding.UTF8.GetString(file), StringComparison.Ordinal);
            Assert.DoesNotContain(text, Encoding.Unicode.GetString(file), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void NamesThatDifferOnlyInCaseShareOneEntry()
    {
        TokenCache cache = Open();
        Assert.False(cache.Save(Token("EAAGfirst0123456789abcdef"), "Acme"));
        Assert.True(cache.Save(Token("EAAGsecond0123456789abcdef"), "ACME"));
        FacebookAccessToken only = Assert.Single(Open().ReadAll());
        Assert.Equal("ACME", only.Name);
        Assert.Equal("EAAGsecond0123456789abcdef", Text(Open().Read(new[] { "acme" }, null).Single()));
        Assert.Equal(new[] { "ACME" }, Open().Remove(new[] { "aCmE" }));
        Assert.Empty(Open().ReadAll());
    }

    [Fact]
    public void AFormat1KeyFileIsReadAndTheNextChangeRewritesItAsFormat2WithItsSalt()
    {
        var doc = new CacheDocument();
        doc.Tokens["old"] = CachedToken.From(Token("EAAGwrittenbyformat1abcdef"), "old", DateTimeOffset.UtcNow);
        Directory.CreateDirectory(Dir);
        byte[] v1 = KeyFileFormat.Encrypt(doc.Serialize(), s_rawKey);
        File.WriteAllBytes(CacheFile, v1);
        Assert.True(KeyFileFormat.TryReadParameters(v1, out byte[] salt, out _));

        Assert.Equal("EAAGwrittenbyformat1abcdef", Text(Open().Read(new[] { "old" }, null).Single()));
        Open().Save(Token("EAAGnewentry0123456789abcdef"), "new");

        byte[] v2 = File.ReadAllBytes(CacheFile);
        Assert.Equal(KeyFileFormat.RecordsVersion, v2[4]);
        Assert.True(KeyFileFormat.TryReadParameters(v2, out byte[] salt2, out _));
        Assert.Equal(salt, salt2);
        Assert.Equal(new[] { "new", "old" }, Open().ReadAll().Select(t => t.Name));
    }

    [Fact]
    public void AnUnencryptedFormat1FileIsReadAndRewrittenAsRecords()
    {
        var doc = new CacheDocument();
        doc.Tokens["old"] = CachedToken.From(Token("EAAGplainformat1abcdef0123"), "old", DateTimeOffset.UtcNow);
        Directory.CreateDirectory(Dir);
        File.WriteAllBytes(CacheFile, Encoding.ASCII.GetBytes("FBTP-UNENCRYPTED\n").Concat(doc.Serialize()).ToArray());

        Open(plaintext: true).Save(Token("EAAGplainnew0123456789abcd"), "new");

        byte[] file = File.ReadAllBytes(CacheFile);
        Assert.True(RecordContainer.HasPlainMagic(file.Skip("FBTP-UNENCRYPTED\n".Length).ToArray()));
        Assert.Equal(new[] { "EAAGplainformat1abcdef0123", "EAAGplainnew0123456789abcd" }, Open(plaintext: true).ReadAll().Select(Text).OrderBy(t => t));
    }

    [Fact]
    public void AReadOpensOnlyTheEntriesAskedFor()
    {
        // An unencrypted file (no MAC over it) with one entry that is not JSON: a read by name never opens it; a listing does.
        Directory.CreateDirectory(Dir);
        using var body = new MemoryStream();
        byte[] magic = Encoding.ASCII.GetBytes("FBTP-UNENCRYPTED\n");
        body.Write(magic, 0, magic.Length);
        body.Write(RecordContainer.PlainMagic, 0, RecordContainer.PlainMagic.Length);
        using (IEntryCodecSession session = ProcessCodec.Instance.Begin())
        {
            RecordContainer.Write(body, new[]
            {
                new CacheRecord(session.Tag("good"), CachedToken.From(Token("EAAGgoodentry0123456789ab"), "good", DateTimeOffset.UtcNow).ToBytes()),
                new CacheRecord(session.Tag("broken"), Encoding.UTF8.GetBytes("not json")),
            });
        }

        File.WriteAllBytes(CacheFile, body.ToArray());
        TokenCache cache = Open(plaintext: true);

        Assert.Equal("EAAGgoodentry0123456789ab", Text(cache.Read(new[] { "good" }, null).Single()));
        var ex = Assert.Throws<FacebookCacheException>(() => cache.ReadAll());
        Assert.Equal(FacebookErrorKind.CacheCorrupt, ex.Kind);
    }

    [Fact]
    public void AnAlteredRecordFailsAuthenticationAndTheFileIsNeverOverwritten()
    {
        TokenCache cache = Open();
        cache.Save(Token("EAAGfirst0123456789abcdef"), "a");
        cache.Save(Token("EAAGsecond0123456789abcdef"), "b");
        byte[] file = File.ReadAllBytes(CacheFile);
        file[file.Length / 2] ^= 1;
        File.WriteAllBytes(CacheFile, file);

        var read = Assert.Throws<FacebookCacheException>(() => Open().Read(new[] { "a" }, null));
        Assert.Equal(FacebookErrorKind.CacheCorrupt, read.Kind);
        Assert.Contains("fail authentication", read.Message);
        var save = Assert.Throws<FacebookCacheException>(() => Open().Save(Token("EAAGthird0123456789abcdef"), "c"));
        Assert.Equal(FacebookErrorKind.CacheCorrupt, save.Kind);
        Assert.Equal(file, File.ReadAllBytes(CacheFile));
    }

    [Fact]
    public void AFileOfANewerFormatIsReportedAsNewerAndLeftAsItIs()
    {
        Open().Save(Token("EAAGfirst0123456789abcdef"), "a");
        byte[] file = File.ReadAllBytes(CacheFile);
        file[4] = 3;
        File.WriteAllBytes(CacheFile, file);

        var ex = Assert.Throws<FacebookCacheException>(() => Open().ReadAll());
        Assert.Contains("newer FacebookToken (key-file format 3)", ex.Message);
        Assert.Equal(file, File.ReadAllBytes(CacheFile));
    }

    [Fact]
    public void ARecordLongerThanWhatFollowsIsDamage()
    {
        using var body = new MemoryStream();
        using (IEntryCodecSession session = ProcessCodec.Instance.Begin())
        {
            RecordContainer.Write(body, new[] { new CacheRecord(session.Tag("a"), new byte[] { 1, 2, 3 }) });
        }

        byte[] data = body.ToArray();
        Assert.Throws<FormatException>(() => RecordContainer.Read(data, 0, data.Length - 1));
        BitConverter.GetBytes(-5).CopyTo(data, CacheTag.Length);
        Assert.Throws<FormatException>(() => RecordContainer.Read(data, 0, data.Length));
    }

    [Fact]
    public void OfTwoRecordsWithOneTagTheLaterWinsAndTheEarlierIsDropped()
    {
        using IEntryCodecSession session = ProcessCodec.Instance.Begin();
        var first = new CacheRecord(session.Tag("a"), new byte[] { 1 });
        var other = new CacheRecord(session.Tag("b"), new byte[] { 2 });
        var later = new CacheRecord(session.Tag("A"), new byte[] { 3 });
        var contents = new CacheContents(new List<CacheRecord> { first, other, later }, ProcessCodec.Instance);

        Dictionary<CacheTag, int> index = contents.Index();

        Assert.Equal(new[] { other, later }, contents.Records);
        Assert.Equal(1, index[session.Tag("a")]);
        Assert.Equal(0, index[session.Tag("b")]);
    }

    [Fact]
    public void TheOsStoreKeepsRecordsAndReadsAFormat1Document()
    {
        var os = new MemoryOsStore();
        var doc = new CacheDocument();
        doc.Tokens["old"] = CachedToken.From(Token("EAAGosformat1abcdef012345"), "old", DateTimeOffset.UtcNow);
        os.WriteData(doc.Serialize());
        var factory = new TestStoreFactory { Store = os };
        TokenCache Os() => TokenCache.Open(new TokenCacheOptions { CachePath = Dir }, Log, () => factory);

        Os().Save(Token("EAAGosnew0123456789abcdef"), "new");

        Assert.True(RecordContainer.HasPlainMagic(os.ReadData()));
        Assert.Equal(new[] { "new", "old" }, Os().ReadAll().Select(t => t.Name));
    }
}
