using System.Reflection;
using System.Text;
using FacebookToken.Cache;
using FacebookToken.Diagnostics;
using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>The cache's own logic in key-file and plaintext modes, on real files.</summary>
public sealed class TokenCacheTests : CacheFolderTest
{
    private const string RawToken = "EAAGlonglivedtokenvalue0123456789abcdefXYZ";

    public TokenCacheTests()
        : base("fbt-cache-")
    {
    }

    private TokenCache Open(string? key = "test-key-0123456789", bool plaintext = false, IOsStoreFactory? factory = null) => OpenCache(key, plaintext, factory);

    private static FacebookAccessToken Token(string raw = RawToken, DateTimeOffset? expires = null) =>
        new(raw.ToSecureString(), FacebookTokenKind.LongLivedUser, "1234567890")
        {
            UserId = "10230000001",
            Scopes = new[] { "whatsapp_business_management", "whatsapp_business_messaging" },
            ExpiresOn = expires ?? DateTimeOffset.UtcNow.AddDays(59),
            DataAccessExpiresOn = DateTimeOffset.UtcNow.AddDays(89),
        };

    /// <summary>The path of the first static field of <paramref name="assembly"/> from which <paramref name="secret"/> is reachable as text or UTF-8 bytes, or null.</summary>
    private static string? FindInStaticState(Assembly assembly, string secret)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (Type type in assembly.GetTypes().Where(t => !t.ContainsGenericParameters))
        {
            foreach (FieldInfo field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Where(f => !f.IsLiteral))
            {
                var stack = new Stack<object>();
                if (field.GetValue(null) is { } root)
                {
                    stack.Push(root);
                }

                while (stack.Count > 0 && seen.Count < 2_000_000)
                {
                    object o = stack.Pop();
                    if (!seen.Add(o) || o is Type || o is MemberInfo || o is Assembly || o is Module || o is Pointer)
                    {
                        continue;
                    }

                    string? text = o switch
                    {
                        string s => s,
                        char[] c => new string(c),
                        byte[] b => Encoding.UTF8.GetString(b),
                        _ => null,
                    };
                    if (text != null)
                    {
                        if (text.Contains(secret, StringComparison.Ordinal))
                        {
                            return type.FullName + "." + field.Name;
                        }

                        continue;
                    }

                    if (o is Array array)
                    {
                        foreach (object? item in array)
                        {
                            if (item != null && !item.GetType().IsPrimitive)
                            {
                                stack.Push(item);
                            }
                        }

                        continue;
                    }

                    for (Type? t = o.GetType(); t != null; t = t.BaseType)
                    {
                        foreach (FieldInfo f in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                        {
                            if (!f.FieldType.IsPrimitive && !f.FieldType.IsPointer && f.GetValue(o) is { } value)
                            {
                                stack.Push(value);
                            }
                        }
                    }
                }
            }
        }

        return null;
    }

    [Fact]
    public void SavedTokenIsReadBackWithItsMetadataByAnotherInstance()
    {
        Assert.False(Open().Save(Token(), "wa-prod"));
        FacebookAccessToken back = Open().ReadAll().Single();
        Assert.Equal("wa-prod", back.Name);
        Assert.Equal(RawToken, back.AccessToken.ToPlainText());
        Assert.Equal(FacebookTokenKind.LongLivedUser, back.Kind);
        Assert.Equal("1234567890", back.AppId);
        Assert.Equal("10230000001", back.UserId);
        Assert.Equal(new[] { "whatsapp_business_management", "whatsapp_business_messaging" }, back.Scopes);
        Assert.NotNull(back.ExpiresOn);
        Assert.NotNull(back.DataAccessExpiresOn);
        Assert.NotNull(back.SavedOn);
    }

    [Fact]
    public void SaveGivesTheTokenTheNameAndSavedOnAReadGives()
    {
        // -PassThru and -CacheName write the token they saved: it shows what the cache holds (issue 25).
        FacebookAccessToken token = Token();
        Assert.Null(token.SavedOn);
        DateTimeOffset before = DateTimeOffset.UtcNow;

        Open().Save(token, "wa-prod");

        FacebookAccessToken back = Open().ReadAll().Single();
        Assert.Equal("wa-prod", token.Name);
        Assert.NotNull(token.SavedOn);
        Assert.True(token.SavedOn >= before);
        Assert.Equal(back.SavedOn, token.SavedOn);
    }

    [Fact]
    public void OverwriteIsReportedAndRemoveRemoves()
    {
        TokenCache cache = Open();
        cache.Save(Token(), "a");
        cache.Save(Token(), "b");
        Assert.True(cache.Save(Token("EAAGreplacementtoken000000000000"), "a"));
        Assert.Equal("EAAGreplacementtoken000000000000", cache.ReadAll().Single(t => t.Name == "a").AccessToken.ToPlainText());
        Assert.Equal(new[] { "a" }, cache.Remove(new[] { "a", "missing" }));
        Assert.Equal(new[] { "b" }, cache.ReadAll().Select(t => t.Name));
    }

    [Fact]
    public void ReplaceWritesOnlyOverTheTokenThatWasRenewed()
    {
        TokenCache cache = Open();
        cache.Save(Token("EAAGfirst0token"), "wa-prod");

        // Another process saved a newer token meanwhile: the renewal of the first one must not replace it.
        cache.Save(Token("EAAGnewer0token"), "wa-prod");
        Assert.False(cache.Replace("wa-prod", "EAAGfirst0token".ToSecureString(), Token("EAAGrenewed0token")));
        Assert.Equal("EAAGnewer0token", Assert.Single(Open().ReadAll()).AccessToken.ToPlainText());

        Assert.True(cache.Replace("WA-PROD", "EAAGnewer0token".ToSecureString(), Token("EAAGrenewed0token")));
        FacebookAccessToken now = Assert.Single(Open().ReadAll());
        Assert.Equal("EAAGrenewed0token", now.AccessToken.ToPlainText());
        Assert.Equal("wa-prod", now.Name);

        // Gone meanwhile (revoked and removed): nothing is written back.
        cache.Remove(new[] { "wa-prod" });
        Assert.False(cache.Replace("wa-prod", "EAAGrenewed0token".ToSecureString(), Token("EAAGagain0token")));
        Assert.Empty(Open().ReadAll());
    }

    [Fact]
    public void NoTokenPlaintextOnDisk()
    {
        Open().Save(Token(), "wa-prod");
        foreach (string file in Directory.GetFiles(Dir, "*", SearchOption.AllDirectories))
        {
            byte[] bytes = File.ReadAllBytes(file);
            Assert.DoesNotContain(RawToken, Encoding.UTF8.GetString(bytes));
            Assert.DoesNotContain(RawToken, Encoding.Unicode.GetString(bytes));
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(RawToken)).Substring(0, 20), Encoding.ASCII.GetString(bytes));
        }
    }

    [Fact]
    public void FilesAreOwnerOnlyOnUnix()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Open().Save(Token(), "wa-prod");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CacheFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Dir));
    }

    [Fact]
    public void WrongKeyIsAClearErrorAndChangesNothing()
    {
        Open().Save(Token(), "wa-prod");
        byte[] before = File.ReadAllBytes(CacheFile);
        var read = Assert.Throws<FacebookCacheException>(() => Open("another-key").ReadAll());
        Assert.Equal(FacebookErrorKind.WrongCacheKey, read.Kind);
        Assert.Contains(CacheFile, read.Message);
        var save = Assert.Throws<FacebookCacheException>(() => Open("another-key").Save(Token(), "x"));
        Assert.Equal(FacebookErrorKind.WrongCacheKey, save.Kind);
        Assert.Equal(before, File.ReadAllBytes(CacheFile));
    }

    [Theory]
    [InlineData("garbage that is no cache")]
    [InlineData("FBTK\u0001\u0001short")]
    public void CorruptCacheIsReportedWithItsPathAndLeftIntact(string content)
    {
        Directory.CreateDirectory(Dir);
        File.WriteAllText(CacheFile, content);
        byte[] before = File.ReadAllBytes(CacheFile);
        var ex = Assert.Throws<FacebookCacheException>(() => Open().Save(Token(), "x"));
        Assert.Equal(FacebookErrorKind.CacheCorrupt, ex.Kind);
        Assert.Contains(CacheFile, ex.Message);
        Assert.Contains("move the file away", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(CacheFile));
    }

    [Fact]
    public void TruncatedKeyFileIsCorrupt()
    {
        Open().Save(Token(), "wa-prod");
        byte[] data = File.ReadAllBytes(CacheFile);
        byte[] truncated = data.Take(data.Length / 2).ToArray();
        File.WriteAllBytes(CacheFile, truncated);

        var ex = Assert.Throws<FacebookCacheException>(() => Open().ReadAll());

        Assert.Equal(FacebookErrorKind.CacheCorrupt, ex.Kind);
        Assert.Contains(CacheFile, ex.Message);
        Assert.Equal(truncated, File.ReadAllBytes(CacheFile));
    }

    [Fact]
    public void DamagedCiphertextIsCorruptNotWrongKey()
    {
        Open().Save(Token(), "wa-prod");
        byte[] data = File.ReadAllBytes(CacheFile);
        data[^5] ^= 0xFF;
        File.WriteAllBytes(CacheFile, data);
        var ex = Assert.Throws<FacebookCacheException>(() => Open().ReadAll());
        Assert.Equal(FacebookErrorKind.CacheCorrupt, ex.Kind);
        Assert.Equal(data, File.ReadAllBytes(CacheFile));
    }

    [Fact]
    public void NeitherStoreNorKeyIsRefusedAndNothingIsWritten()
    {
        var ex = Assert.Throws<FacebookCacheException>(() => Open(key: null));
        Assert.Equal(FacebookErrorKind.CacheUnavailable, ex.Kind);
        Assert.Contains("FACEBOOK_TOKEN_CACHE_KEY", ex.Message);
        Assert.Contains("gnome-keyring", ex.Message);
        Assert.Contains("libsecret-1-0", ex.Message);
        Assert.Contains("no D-Bus session", ex.Message);
        Assert.False(File.Exists(CacheFile));
    }

    [Fact]
    public void KeyFileCacheNeedsItsKey()
    {
        Open().Save(Token(), "wa-prod");
        var ex = Assert.Throws<FacebookCacheException>(() => Open(key: null));
        Assert.Equal(FacebookErrorKind.CacheUnavailable, ex.Kind);
        Assert.Contains("FACEBOOK_TOKEN_CACHE_KEY", ex.Message);
    }

    [Fact]
    public void PlaintextOnlyOnOptInWithAWarningEachTime()
    {
        TokenCache cache = Open(key: null, plaintext: true);
        Assert.Equal("Plaintext", cache.Info.Backend);
        Assert.False(cache.Info.IsEncrypted);
        cache.Save(Token(), "dev");
        Assert.Contains(RawToken, File.ReadAllText(CacheFile));

        TokenCache again = Open(key: null);
        Assert.Equal(RawToken, again.ReadAll().Single().AccessToken.ToPlainText());
        var ex = Assert.Throws<FacebookCacheException>(() => again.Save(Token(), "more"));
        Assert.Equal(FacebookErrorKind.PlaintextCacheRefused, ex.Kind);
        Assert.Equal(2, Log.Messages.Count(m => m.StartsWith("WARNING:") && m.Contains("NOT encrypted", StringComparison.OrdinalIgnoreCase) || m.StartsWith("WARNING:") && m.Contains("UNENCRYPTED")));
    }

    [Fact]
    public void ReasonSaysWhyTheKeyFileWasChosen()
    {
        TokenCache cache = Open();
        Assert.Equal("KeyFile", cache.Info.Backend);
        Assert.True(cache.Info.IsEncrypted);
        Assert.Contains("-CacheKey", cache.Info.Reason);
        Assert.Equal(CacheFile, cache.Info.Location);
    }

    [Fact]
    public void ALeftoverTempFileFromAKilledWriterDoesNotHurt()
    {
        Open().Save(Token(), "a");
        string stale = CacheFile + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(stale, "half written");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddMinutes(-5));
        Assert.Single(Open().ReadAll());
        Open().Save(Token(), "b");
        Assert.False(File.Exists(stale));
        Assert.Equal(2, Open().ReadAll().Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" lead")]
    [InlineData("wa-*")]
    [InlineData("a\u0001b")]
    public void RefusesUnusableNames(string name)
    {
        var ex = Assert.Throws<FacebookInputException>(() => Open().Save(Token(), name));
        Assert.Equal("InvalidTokenName", ex.ErrorId);
    }

    [Fact]
    public void AFailedKeyringProbeIsTriedAgainOnTheNextOpen()
    {
        var factory = new TestStoreFactory();
        var failed = Assert.Throws<FacebookCacheException>(() => Open(key: null, factory: factory));
        Assert.Contains("no D-Bus session", failed.Message);

        // The user unlocks the keyring (or starts a D-Bus session) in the same process.
        factory.Store = new MemoryOsStore();
        TokenCache cache = Open(key: null, factory: factory);
        Assert.Equal("TestOS", cache.Info.Backend);
        Assert.Equal("TestOS is available", cache.Info.Reason);
        cache.Save(Token(), "wa-prod");
        Assert.Equal(RawToken, Open(key: null, factory: factory).ReadAll().Single().AccessToken.ToPlainText());

        // A store that opened is kept: one probe failed, one succeeded, none since.
        Assert.Equal(2, factory.Creates);
    }

    [Fact]
    public void AKeyringCacheReadIsCurrentAfterAnotherInstanceWrites()
    {
        var factory = new TestStoreFactory { Store = new MemoryOsStore() };
        TokenCache reader = Open(key: null, factory: factory);
        reader.Save(Token(), "a");
        Assert.Equal(new[] { "a" }, reader.ReadAll().Select(t => t.Name));

        // This process's last read is kept; another writer's save must still show on the next read.
        Open(key: null, factory: factory).Save(Token("EAAGfromanotherwriter00000000000"), "b");
        Assert.Equal(new[] { "a", "b" }, reader.ReadAll().Select(t => t.Name));
        Assert.Equal("EAAGfromanotherwriter00000000000", reader.Read(n => n == "b").Single().AccessToken.ToPlainText());
        Open(key: null, factory: factory).Remove(new[] { "a" });
        Assert.Equal(new[] { "b" }, reader.ReadAll().Select(t => t.Name));
    }

    [Fact]
    public void ATokenReadIsTheCallersOwnCopy()
    {
        Open().Save(Token(), "wa-prod");
        FacebookAccessToken first = Open().ReadAll().Single();
        first.AccessToken.Dispose();
        first.Name = "changed";
        FacebookAccessToken again = Open().ReadAll().Single();
        Assert.Equal("wa-prod", again.Name);
        Assert.Equal(RawToken, again.AccessToken.ToPlainText());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NoStaticStateHoldsATokenAfterTheCallsThatUsedIt(bool plaintext)
    {
        string raw = "EAAGstatic" + Guid.NewGuid().ToString("N");
        Open(key: plaintext ? null : "test-key-0123456789", plaintext: plaintext).Save(Token(raw), "wa-prod");
        Assert.Equal(raw, Open(key: plaintext ? null : "test-key-0123456789").ReadAll().Single().AccessToken.ToPlainText());
        Assert.Equal(raw, Open(key: plaintext ? null : "test-key-0123456789").Read(n => n == "wa-prod").Single().AccessToken.ToPlainText());
        Assert.Null(FindInStaticState(typeof(TokenCache).Assembly, raw));
    }

    [Fact]
    public void ConcurrentWritersInOneProcessLoseNothing()
    {
        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => Open().Save(Token(), "entry-" + i));
        Assert.Equal(40, Open().ReadAll().Count);
    }

    [Fact]
    public void SaveMany_saves_every_entry_in_one_write_and_says_which_replaced()
    {
        Open().Save(Token("EAAGfirsttokenvalue0123456789abcdef"), "Existing");
        DateTime before = File.GetLastWriteTimeUtc(CacheFile);
        var rows = new List<KeyValuePair<string, FacebookAccessToken>>
        {
            new("existing", Token("EAAGsecondtokenvalue0123456789abcde")),
            new("fresh", Token("EAAGthirdtokenvalue0123456789abcdef")),
            new("FRESH", Token("EAAGfourthtokenvalue0123456789abcde")),
        };

        IReadOnlyList<bool> replaced = Open().SaveMany(rows);

        Assert.Equal(new[] { true, false, true }, replaced);
        IReadOnlyList<FacebookAccessToken> all = Open().ReadAll();
        Assert.Equal(new[] { "existing", "FRESH" }, all.Select(t => t.Name).ToArray());
        Assert.Equal("EAAGsecondtokenvalue0123456789abcde", all[0].AccessToken.ToPlainText());
        Assert.Equal("EAAGfourthtokenvalue0123456789abcde", all[1].AccessToken.ToPlainText());
        Assert.NotEqual(before, File.GetLastWriteTimeUtc(CacheFile));
    }

    [Fact]
    public void SaveMany_with_a_bad_name_writes_nothing()
    {
        Open().Save(Token(), "kept");
        var rows = new List<KeyValuePair<string, FacebookAccessToken>> { new("good", Token()), new("bad name*", Token()) };

        Assert.ThrowsAny<FacebookException>(() => Open().SaveMany(rows));

        Assert.Equal(new[] { "kept" }, Open().ReadAll().Select(t => t.Name).ToArray());
    }

    [Fact]
    public void Read_by_name_finds_the_named_entries_in_any_case_and_those_the_filter_passes()
    {
        TokenCache cache = Open();
        cache.SaveMany(Enumerable.Range(0, 50).Select(i => new KeyValuePair<string, FacebookAccessToken>("wa-" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), Token())).ToList());

        Assert.Equal(new[] { "wa-07", "wa-31" }, cache.Read(new[] { "WA-31", "wa-07", "missing" }, null).Select(t => t.Name).ToArray());
        Assert.Equal(new[] { "wa-07", "wa-40", "wa-41" }, cache.Read(new[] { "wa-07" }, n => n.StartsWith("wa-4", StringComparison.Ordinal) && n.CompareTo("wa-42") < 0).Select(t => t.Name).ToArray());
        Assert.Empty(cache.Read(Array.Empty<string>(), null));
    }

    [Fact]
    public void Read_sees_a_save_made_through_another_cache_object()
    {
        TokenCache reader = Open();
        Open().Save(Token(), "one");
        Assert.Single(reader.Read(new[] { "one" }, null));

        Open().Save(Token("EAAGreplacedtokenvalue0123456789abc"), "one");

        Assert.Equal("EAAGreplacedtokenvalue0123456789abc", reader.Read(new[] { "one" }, null).Single().AccessToken.ToPlainText());
    }
}
