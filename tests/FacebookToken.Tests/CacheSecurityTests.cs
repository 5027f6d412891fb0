using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using FacebookToken.Cache;
using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>
/// The cache against another account on the same machine and against hostile files (issue 12): folders others may
/// write to, lock-file links, FIFOs, devices, huge files and costly headers, unencrypted files where a key is set, weak keys.
/// </summary>
/// <remarks>Unix owners, modes and file types: skipped on Windows, whose ACL rule no test here can reach.</remarks>
[UnsupportedOSPlatform("windows")]
public sealed class CacheSecurityTests : IDisposable
{
    private const string Key = "security-test-key-0123456789";
    private const string RawToken = "EAAGsecuritytestvalue0123456789abcdefXYZ";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fbt-sec-" + Guid.NewGuid().ToString("N"));
    private readonly string _dir;
    private readonly RecordingLog _log = new();

    public CacheSecurityTests()
    {
        _dir = Path.Combine(_root, "cache");
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
    }

    private string CacheFile => Path.Combine(_dir, TokenCache.CacheFileName);

    private string LockFile => Path.Combine(_dir, TokenCache.LockFileName);

    private TokenCache Open(string? key = Key, bool plaintext = false) =>
        TokenCache.Open(new TokenCacheOptions { CachePath = _dir, CacheKey = key?.ToSecureString(), AllowPlaintext = plaintext }, _log, () => new TestStoreFactory());

    private static FacebookAccessToken Token() =>
        new(RawToken.ToSecureString(), FacebookTokenKind.LongLivedUser, "1234567890") { ExpiresOn = DateTimeOffset.UtcNow.AddDays(59) };

    private static void Run(string file, params string[] args)
    {
        using Process process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true })!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, file + " " + string.Join(" ", args) + ": " + process.StandardError.ReadToEnd());
    }

    /// <summary>Runs <paramref name="action"/>, so that a cache that blocks (on a FIFO) fails the test instead of hanging the run.</summary>
    private static FacebookCacheException ThrowsWithoutHanging(Action action)
    {
        var task = Task.Run(() => Assert.Throws<FacebookCacheException>(action));
        Assert.True(task.Wait(TimeSpan.FromSeconds(60)), "the cache blocked instead of refusing the file");
        return task.Result;
    }

    [UnixFact]
    public void AFolderOfYourOwnWithMode0700Works()
    {
        Open().Save(Token(), "wa-prod");
        Assert.Equal(RawToken, Open().ReadAll().Single().AccessToken.ToPlainText());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_dir));
    }

    [UnixTheory]
    [InlineData(UnixFileMode.OtherWrite, "every other account")]
    [InlineData(UnixFileMode.GroupWrite, "its group")]
    [InlineData(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite, "its group and every other account")]
    public void AFolderOthersMayWriteToIsRefusedWithHowToFixIt(UnixFileMode extra, string who)
    {
        Open().Save(Token(), "wa-prod");
        File.SetUnixFileMode(_dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute | extra);

        var ex = Assert.Throws<FacebookCacheException>(() => Open());
        Assert.Equal(FacebookErrorKind.UnsafeCacheFolder, ex.Kind);
        Assert.Contains(_dir, ex.Message);
        Assert.Contains(who + " may create", ex.Message);
        Assert.Contains("chmod 700 '" + _dir + "'", ex.Message);
        Assert.Contains("-CachePath", ex.Message);
    }

    [UnixFact]
    public void AFolderOwnedByAnotherAccountIsRefusedAndNothingIsWrittenThroughItsLockLink()
    {
        Assert.True(Environment.IsPrivilegedProcess, "this test runs as root, to give the folder to another account");
        string victim = Path.Combine(_root, "root-owned-file");
        File.WriteAllText(victim, "root's data");
        File.CreateSymbolicLink(LockFile, victim);
        Run("chown", "65534", _dir);

        var ex = Assert.Throws<FacebookCacheException>(() => Open().Save(Token(), "wa-prod"));
        Assert.Equal(FacebookErrorKind.UnsafeCacheFolder, ex.Kind);
        Assert.Contains("owned by user id 65534, not by this account (user id 0)", ex.Message);
        Assert.Equal("root's data", File.ReadAllText(victim));
        Assert.False(File.Exists(CacheFile));
    }

    [UnixTheory]
    [InlineData(true)]
    [InlineData(false)]
    public void ALockFileLinkIsNeverOpened(bool targetExists)
    {
        string target = Path.Combine(_root, targetExists ? "someone-elses-file" : "missing-path");
        if (targetExists)
        {
            File.WriteAllText(target, "not yours");
        }

        File.CreateSymbolicLink(LockFile, target);
        var ex = Assert.Throws<FacebookCacheException>(() => Open().Save(Token(), "wa-prod"));
        Assert.Equal(FacebookErrorKind.UnsafeCacheLock, ex.Kind);
        Assert.Contains(LockFile, ex.Message);
        Assert.Contains("symbolic link", ex.Message);
        if (targetExists)
        {
            Assert.Equal("not yours", File.ReadAllText(target));
        }
        else
        {
            Assert.False(File.Exists(target));
        }

        Assert.Throws<FacebookCacheException>(() => Open().Remove(new[] { "wa-prod" }));
        Assert.False(File.Exists(CacheFile));
    }

    [UnixFact]
    public void AFifoCacheFileIsRefusedAsCorruptWithoutBlocking()
    {
        Run("mkfifo", CacheFile);
        FacebookCacheException ex = ThrowsWithoutHanging(() => Open());
        Assert.Equal(FacebookErrorKind.CacheCorrupt, ex.Kind);
        Assert.Contains("named pipe (FIFO), not a regular file", ex.Message);
        Assert.Contains(CacheFile, ex.Message);
    }

    [UnixFact]
    public void ACacheFileLinkedToADeviceIsRefusedBeforeReading()
    {
        File.CreateSymbolicLink(CacheFile, "/dev/zero");
        FacebookCacheException ex = ThrowsWithoutHanging(() => Open());
        Assert.Equal(FacebookErrorKind.CacheCorrupt, ex.Kind);
        Assert.Contains("character device", ex.Message);
    }

    [UnixFact]
    public void AFileLargerThan16MBIsRefusedBeforeReading()
    {
        using (FileStream stream = File.Create(CacheFile))
        {
            stream.Write(Encoding.ASCII.GetBytes("FBTK"));
            stream.SetLength(SecureFile.MaxCacheFileBytes + 1L);
        }

        var ex = Assert.Throws<FacebookCacheException>(() => Open());
        Assert.Equal(FacebookErrorKind.CacheCorrupt, ex.Kind);
        Assert.Contains("larger than a token cache can be (16 MB)", ex.Message);
    }

    [UnixFact]
    public void AHeaderAskingForMoreRoundsThanTenTimesTheDefaultIsCorruptNotAWrongKey()
    {
        Open().Save(Token(), "wa-prod");
        byte[] data = File.ReadAllBytes(CacheFile);
        BitConverter.GetBytes(KeyFileFormat.MaxIterations + 1).CopyTo(data, 6);
        File.WriteAllBytes(CacheFile, data);

        var ex = Assert.Throws<FacebookCacheException>(() => Open().ReadAll());
        Assert.Equal(FacebookErrorKind.CacheCorrupt, ex.Kind);
        Assert.Contains("6,000,001 key-derivation rounds", ex.Message);
        Assert.Equal(6_000_000, KeyFileFormat.MaxIterations);
    }

    [UnixFact]
    public void AnUnencryptedFileWhereAKeyIsGivenIsRefusedUnlessAllowed()
    {
        Open(key: null, plaintext: true).Save(Token(), "planted");
        byte[] before = File.ReadAllBytes(CacheFile);

        var ex = Assert.Throws<FacebookCacheException>(() => Open());
        Assert.Equal(FacebookErrorKind.PlaintextCacheWithKey, ex.Kind);
        Assert.Contains(CacheFile, ex.Message);
        Assert.Contains("-AllowPlaintextStorage", ex.Message);
        Assert.Contains("-CacheKey", ex.Message);
        Assert.DoesNotContain(Key, ex.Message);
        Assert.Equal(before, File.ReadAllBytes(CacheFile));

        Assert.Equal("planted", Open(plaintext: true).ReadAll().Single().Name);
    }

    [UnixTheory]
    [InlineData("Q")]
    [InlineData("Fifteen-Chars-X")]
    public void AShortKeyCannotMakeANewCache(string key)
    {
        var ex = Assert.Throws<FacebookInputException>(() => Open(key));
        Assert.Equal("InvalidCacheKey", ex.ErrorId);
        Assert.Contains("at least 16 characters", ex.Message);
        Assert.DoesNotContain(key, ex.Message);
        Assert.False(File.Exists(CacheFile));
    }

    [UnixFact]
    public void ASixteenCharacterKeyMakesACache()
    {
        Open("sixteen-chars-ok").Save(Token(), "wa-prod");
        Assert.Equal("wa-prod", Open("sixteen-chars-ok").ReadAll().Single().Name);
    }

    [UnixFact]
    public void AnExistingCacheUnderAShortKeyStillOpensWithAWarning()
    {
        SecureFile.WriteAtomic(CacheFile, KeyFileFormat.Encrypt(new CacheDocument().Serialize(), "short", null, 1000));
        Assert.Empty(Open("short").ReadAll());
        Assert.Contains(_log.Messages, m => m.StartsWith("WARNING:") && m.Contains("shorter than 16 characters"));
    }

    [UnixFact]
    public void AHardLinkedLockFileIsRefusedAndItsOtherNameKeepsItsData()
    {
        string victim = Path.Combine(_root, "someone-elses-file");
        File.WriteAllText(victim, "not yours");
        Run("ln", victim, LockFile);

        var ex = Assert.Throws<FacebookCacheException>(() => Open().Save(Token(), "wa-prod"));
        Assert.Equal(FacebookErrorKind.UnsafeCacheLock, ex.Kind);
        Assert.Contains(LockFile, ex.Message);
        Assert.Contains("hard link (one of 2 names", ex.Message);
        Assert.Contains("rm '" + LockFile + "'", ex.Message);
        Assert.Equal("not yours", File.ReadAllText(victim));
        Assert.False(File.Exists(CacheFile));

        File.Delete(LockFile);
        Open().Save(Token(), "wa-prod");
        Assert.Equal("not yours", File.ReadAllText(victim));
    }

    [UnixFact]
    public void ALinkToAFolderOwnedByAnotherAccountIsRefused()
    {
        Assert.True(Environment.IsPrivilegedProcess, "this test runs as root, to give the folder to another account");
        string link = Path.Combine(_root, "link");
        Directory.CreateSymbolicLink(link, _dir);
        Run("chown", "65534", _dir);

        var ex = Assert.Throws<FacebookCacheException>(() => TokenCache.Open(new TokenCacheOptions { CachePath = link, CacheKey = Key.ToSecureString() }, _log, () => new TestStoreFactory()).Save(Token(), "wa-prod"));
        Assert.Equal(FacebookErrorKind.UnsafeCacheFolder, ex.Kind);
        Assert.Contains("owned by user id 65534", ex.Message);
        Assert.False(File.Exists(CacheFile));
    }

    [UnixTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void AParentFolderOthersMayWriteToIsRefusedUnlessSticky(bool cacheFolderExists)
    {
        if (!cacheFolderExists)
        {
            Directory.Delete(_dir);
        }

        File.SetUnixFileMode(_root, (UnixFileMode)Convert.ToInt32("777", 8));
        var ex = Assert.Throws<FacebookCacheException>(() => Open().Save(Token(), "wa-prod"));
        Assert.Equal(FacebookErrorKind.UnsafeCacheFolder, ex.Kind);
        Assert.Contains("the folder " + _root + " above it has mode 0777", ex.Message);
        Assert.Contains("its group and every other account may rename", ex.Message);
        Assert.Contains("chmod go-w '" + _root + "'", ex.Message);
        Assert.False(File.Exists(CacheFile));
        Assert.Equal(cacheFolderExists, Directory.Exists(_dir));

        // Sticky, as /tmp is: others may write to it but cannot rename or remove what is not theirs.
        File.SetUnixFileMode(_root, (UnixFileMode)Convert.ToInt32("1777", 8));
        Open().Save(Token(), "wa-prod");
        Assert.Equal("wa-prod", Open().ReadAll().Single().Name);
    }

    [UnixFact]
    public void AParentFolderOwnedByAnotherAccountIsRefused()
    {
        Assert.True(Environment.IsPrivilegedProcess, "this test runs as root, to give the folder to another account");
        Run("chown", "65534", _root);

        var ex = Assert.Throws<FacebookCacheException>(() => Open().Save(Token(), "wa-prod"));
        Assert.Equal(FacebookErrorKind.UnsafeCacheFolder, ex.Kind);
        Assert.Contains("the folder " + _root + " above it is owned by user id 65534, neither this account (user id 0) nor root", ex.Message);
        Assert.False(File.Exists(CacheFile));
    }

    [UnixFact]
    public void ALinkedCacheFolderIsJudgedByTheParentsOfItsTarget()
    {
        string open = Path.Combine(_root, "open");
        string target = Path.Combine(open, "real");
        Directory.CreateDirectory(open);
        Directory.CreateDirectory(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.SetUnixFileMode(open, (UnixFileMode)Convert.ToInt32("777", 8));
        string link = Path.Combine(_dir, "link");
        Directory.CreateSymbolicLink(link, target);

        var ex = Assert.Throws<FacebookCacheException>(() => TokenCache.Open(new TokenCacheOptions { CachePath = link, CacheKey = Key.ToSecureString() }, _log, () => new TestStoreFactory()).Save(Token(), "wa-prod"));
        Assert.Equal(FacebookErrorKind.UnsafeCacheFolder, ex.Kind);
        Assert.Contains("the folder " + open + " above it has mode 0777", ex.Message);
        Assert.Empty(Directory.GetFiles(target));
    }

    [UnixFact]
    public void ANulInTheCacheKeyIsRefusedNotCutShort()
    {
        var ex = Assert.Throws<FacebookInputException>(() => Open(Key + "\0tail").Save(Token(), "wa-prod"));
        Assert.Equal("InvalidCacheKey", ex.ErrorId);
        Assert.Contains("NUL character", ex.Message);
        Assert.DoesNotContain(Key, ex.Message);
        Assert.False(File.Exists(CacheFile));
    }

    private sealed class UnixFactAttribute : FactAttribute
    {
        public UnixFactAttribute()
        {
            if (OperatingSystem.IsWindows())
            {
                Skip = "Unix owners, modes and file types; Windows checks the folder's access list instead";
            }
        }
    }

    private sealed class UnixTheoryAttribute : TheoryAttribute
    {
        public UnixTheoryAttribute()
        {
            if (OperatingSystem.IsWindows())
            {
                Skip = "Unix owners, modes and file types; Windows checks the folder's access list instead";
            }
        }
    }
}
