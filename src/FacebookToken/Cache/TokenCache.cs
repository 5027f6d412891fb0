using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using FacebookToken.Diagnostics;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>
/// The encrypted token cache in one folder: chooses the store (OS secret store, key file, or the opt-in plaintext file),
/// reads it, and changes it by read-modify-write under the cross-process lock.
/// </summary>
/// <remarks>
/// Reads take no lock: every write replaces the file atomically (or is one keyring call), so a reader sees the old or the
/// new cache. A cache that cannot be read is reported with its path and never overwritten.
/// </remarks>
internal sealed class TokenCache
{
    public const string CacheFileName = "tokens.cache";
    public const string OsCacheFileName = "tokens.os.cache";
    public const string LockFileName = "tokens.lock";

    /// <summary>Rewritten after every OS-store write, so a process can keep what it read until another writes.</summary>
    public const string OsStampFileName = "tokens.os.stamp";

    private static readonly TimeSpan s_lockTimeout = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<string, Lazy<OsProbe>> s_osProbes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Snapshot> s_snapshots = new(StringComparer.Ordinal);

    private readonly ICacheStore _store;
    private readonly Func<IOsStoreFactory> _factory;
    private readonly IFacebookLog _log;
    private readonly bool _mayWrite;
    private readonly string _snapshotKey;

    private TokenCache(string directory, ICacheStore store, TokenCacheInfo info, Func<IOsStoreFactory> factory, IFacebookLog log, bool mayWrite, string snapshotKey)
    {
        Directory = directory;
        _store = store;
        Info = info;
        _factory = factory;
        _log = log;
        _mayWrite = mayWrite;
        _snapshotKey = snapshotKey;
    }

    public string Directory { get; }

    public TokenCacheInfo Info { get; }

    /// <summary>-CachePath, else FACEBOOK_TOKEN_CACHE_PATH, else LocalApplicationData/FacebookToken; as a full path.</summary>
    public static string ResolveDirectory(string? cachePath)
    {
        string? path = string.IsNullOrWhiteSpace(cachePath) ? Environment.GetEnvironmentVariable(TokenCacheOptions.PathVariable) : cachePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
            if (string.IsNullOrEmpty(root))
            {
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
            }

            path = Path.Combine(root, "FacebookToken");
        }

        return Path.GetFullPath(path!.Trim());
    }

    public static TokenCache Open(TokenCacheOptions options, IFacebookLog? log = null) =>
        Open(options, log ?? NullFacebookLog.Instance, StorageLoader.GetFactory);

    internal static TokenCache Open(TokenCacheOptions options, IFacebookLog log, Func<IOsStoreFactory> factory)
    {
        string directory = ResolveDirectory(options.CachePath);
        string file = Path.Combine(directory, CacheFileName);
        if (File.Exists(directory))
        {
            throw new FacebookCacheException(
                "The cache path " + directory + " is a file, not a folder. Give -CachePath (or " + TokenCacheOptions.PathVariable + ") a folder; the cache keeps its files inside it.",
                FacebookErrorKind.CacheUnavailable,
                directory);
        }

        byte[] existing;
        try
        {
            existing = SecureFile.ReadAllOrEmpty(file);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            throw new FacebookCacheException("The token cache at " + file + " cannot be read: " + ex.Message, FacebookErrorKind.CacheUnavailable, directory, ex);
        }

        string? givenKey = options.CacheKey is null ? null : options.CacheKey.ToPlainText();
        string? envKey = Environment.GetEnvironmentVariable(TokenCacheOptions.KeyVariable);
        if (givenKey != null && givenKey.Length == 0)
        {
            throw new FacebookInputException("InvalidCacheKey", "CacheKey", "CacheKey is empty. Give a long random secret, or omit -CacheKey.");
        }

        string? key = givenKey ?? (string.IsNullOrEmpty(envKey) ? null : envKey);
        string keySource = givenKey != null ? "-CacheKey" : TokenCacheOptions.KeyVariable;

        if (PlaintextFileStore.HasMagic(existing))
        {
            log.Warning("The token cache at " + file + " is NOT encrypted (it was saved with -AllowPlaintextStorage). Anyone who can read the file can use its tokens.");
            return Create(directory, new PlaintextFileStore(file), "Plaintext", "the cache file there is unencrypted (saved with -AllowPlaintextStorage)", false, factory, log, options.AllowPlaintext, file);
        }

        if (KeyFileFormat.HasMagic(existing))
        {
            if (key is null)
            {
                throw new FacebookCacheException(
                    "The token cache at " + file + " is an encrypted key file, and no key was given. Set " + TokenCacheOptions.KeyVariable + " (or pass -CacheKey) to the key it was written with.",
                    FacebookErrorKind.CacheUnavailable,
                    directory);
            }

            return Create(directory, new KeyFileStore(file, key), "KeyFile", "the cache there is a key file; key from " + keySource, true, factory, log, true, file + "|" + KeyId(key));
        }

        if (existing.Length > 0)
        {
            throw Corrupt(file, directory, "it is not a FacebookToken cache file", null);
        }

        if (options.AllowPlaintext && givenKey is null)
        {
            log.Warning("Saving tokens UNENCRYPTED at " + file + " because -AllowPlaintextStorage was given. Anyone who can read the file can use its tokens.");
            return Create(directory, new PlaintextFileStore(file), "Plaintext", "-AllowPlaintextStorage was given", false, factory, log, true, file);
        }

        if (givenKey != null)
        {
            return Create(directory, new KeyFileStore(file, givenKey), "KeyFile", "-CacheKey was given", true, factory, log, true, file + "|" + KeyId(givenKey));
        }

        OsProbe probe = s_osProbes.GetOrAdd(directory, d => new Lazy<OsProbe>(() => OsProbe.Run(d, factory))).Value;
        if (probe.Store != null)
        {
            return Create(directory, new OsStore(probe.Store), probe.Store.BackendName, probe.Store.BackendName + " is available", true, factory, log, true, "os|" + directory);
        }

        if (key != null)
        {
            return Create(directory, new KeyFileStore(file, key), "KeyFile", probe.Reason + "; using key file (" + keySource + ")", true, factory, log, true, file + "|" + KeyId(key));
        }

        throw new FacebookCacheException(
            "No protected storage for the token cache: " + probe.Reason + ", and " + TokenCacheOptions.KeyVariable + " is not set. "
                + "Set " + TokenCacheOptions.KeyVariable + " (or pass -CacheKey) to a long random secret to keep an encrypted key file, "
                + "or install gnome-keyring, libsecret-1-0 and dbus-x11 and run in a D-Bus session with an unlocked keyring. Nothing was written.",
            FacebookErrorKind.CacheUnavailable,
            directory);
    }

    /// <summary>Every cached token, sorted by name.</summary>
    public IReadOnlyList<FacebookAccessToken> ReadAll() => Read(null);

    /// <summary>The cached tokens whose names pass <paramref name="nameFilter"/>, sorted by name; only those are decrypted into objects.</summary>
    public IReadOnlyList<FacebookAccessToken> Read(Func<string, bool>? nameFilter) =>
        Load(forWrite: false).Tokens.Values.Where(t => nameFilter is null || nameFilter(t.Name)).Select(t => t.ToAccessToken()).ToList();

    /// <summary>Saves <paramref name="token"/> as <paramref name="name"/>; true when it replaced an entry of that name.</summary>
    public bool Save(FacebookAccessToken token, string name)
    {
        ValidateName(name);
        EnsureWritable();
        using IDisposable gate = Lock();
        CacheDocument doc = Load(forWrite: true);
        bool replaced = doc.Tokens.ContainsKey(name);
        if (replaced)
        {
            doc.Tokens.Remove(name);
        }

        doc.Tokens[name] = CachedToken.From(token, name, DateTimeOffset.UtcNow);
        Store(doc);
        return replaced;
    }

    /// <summary>Removes the entries named; returns the names that were present.</summary>
    /// <remarks>Allowed on an unencrypted cache without the opt-in: removing only lessens what it exposes.</remarks>
    public IReadOnlyList<string> Remove(IEnumerable<string> names)
    {
        using IDisposable gate = Lock();
        CacheDocument doc = Load(forWrite: true);
        var removed = new List<string>();
        foreach (string name in names)
        {
            if (doc.Tokens.TryGetValue(name, out CachedToken? entry) && doc.Tokens.Remove(name))
            {
                removed.Add(entry.Name);
            }
        }

        if (removed.Count > 0)
        {
            Store(doc);
        }

        return removed;
    }

    public static void ValidateName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new FacebookInputException("InvalidTokenName", "Name", "No name for the cached token: give -Name, e.g. -Name wa-prod (a token read from the cache brings its own).");
        }

        if (string.IsNullOrWhiteSpace(name) || name!.Length > 128 || name.Trim() != name || name.IndexOfAny(new[] { '*', '?', '[', ']' }) >= 0 || name.Any(char.IsControl))
        {
            throw new FacebookInputException(
                "InvalidTokenName",
                "Name",
                "Name " + InputValidation.Show(name) + " cannot name a cached token: use 1 to 128 characters, no wildcards (* ? [ ]), no control characters, no leading or trailing spaces, e.g. wa-prod.");
        }
    }

    /// <param name="forWrite">True to get a copy the caller may change; false to share this process's last read.</param>
    private CacheDocument Load(bool forWrite)
    {
        // The file whose timestamp says whether this process's last read is still current.
        string file = _store is OsStore ? Path.Combine(Directory, OsStampFileName) : _store.Location;
        Snapshot? snapshot = null;
        DateTime stamp = DateTime.MinValue;
        long length = -1;
        if (_snapshotKey.Length > 0)
        {
            var fileInfo = new FileInfo(file);
            if (fileInfo.Exists)
            {
                stamp = fileInfo.LastWriteTimeUtc;
                length = fileInfo.Length;
                if (s_snapshots.TryGetValue(_snapshotKey, out snapshot) && snapshot.Stamp == stamp && snapshot.Length == length)
                {
                    return forWrite ? snapshot.Clone() : snapshot.Document;
                }
            }
        }

        byte[] data;
        try
        {
            data = _store.Read();
        }
        catch (CacheKeyException)
        {
            throw new FacebookCacheException(
                "The token cache at " + _store.Location + " was written with a different key: the " + Info.Reason.Split(';').Last().Trim() + " does not match. Set the key it was written with. Nothing was changed.",
                FacebookErrorKind.WrongCacheKey,
                Directory);
        }
        catch (FormatException ex)
        {
            throw Corrupt(_store.Location, Directory, ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
        {
            throw new FacebookCacheException("The token cache at " + _store.Location + " cannot be read: " + ex.Message, FacebookErrorKind.CacheUnavailable, Directory, ex);
        }

        CacheDocument doc;
        try
        {
            doc = CacheDocument.Deserialize(data);
        }
        catch (FormatException ex)
        {
            throw Corrupt(_store.Location, Directory, ex.Message, ex);
        }

        if (_snapshotKey.Length > 0 && length >= 0)
        {
            s_snapshots[_snapshotKey] = new Snapshot(stamp, length, doc.Clone());
        }

        return doc;
    }

    private void Store(CacheDocument doc)
    {
        try
        {
            _store.Write(doc.Serialize());
            if (_store is OsStore)
            {
                // A keyring has no cheap change marker of its own; readers compare this file's timestamp.
                SecureFile.WriteAtomic(Path.Combine(Directory, OsStampFileName), Encoding.ASCII.GetBytes(Guid.NewGuid().ToString("N")));
            }
            else
            {
                SecureFile.RemoveStaleTempFiles(_store.Location);
            }
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException || ex is CryptographicException)
        {
            throw new FacebookCacheException("The token cache at " + _store.Location + " could not be written: " + ex.Message + ". The previous cache is unchanged.", FacebookErrorKind.CacheUnavailable, Directory, ex);
        }
    }

    private IDisposable Lock()
    {
        SecureFile.EnsureDirectory(Directory);
        string path = Path.Combine(Directory, LockFileName);
        try
        {
            return _factory().AcquireLock(path, s_lockTimeout);
        }
        catch (TimeoutException ex)
        {
            throw new FacebookCacheException("The token cache at " + Directory + " stayed locked by another process for " + s_lockTimeout.TotalSeconds + " s (" + path + "). Try again; if no other FacebookToken command runs, delete the lock file.", FacebookErrorKind.CacheBusy, Directory, ex);
        }
    }

    private void EnsureWritable()
    {
        if (!_mayWrite)
        {
            throw new FacebookCacheException(
                "The token cache at " + _store.Location + " is unencrypted; saving to it needs Save-FacebookToken -AllowPlaintextStorage. Better: remove its tokens (Remove-FacebookToken) or move the file away, and save them again to an encrypted cache.",
                FacebookErrorKind.PlaintextCacheRefused,
                Directory);
        }
    }

    private static TokenCache Create(string directory, ICacheStore store, string backend, string reason, bool encrypted, Func<IOsStoreFactory> factory, IFacebookLog log, bool mayWrite, string snapshotKey)
    {
        var info = new TokenCacheInfo(backend, directory, store.Location, reason, encrypted);
        log.Verbose("Token cache: " + backend + " at " + store.Location + " (" + reason + ").");
        return new TokenCache(directory, store, info, factory, log, mayWrite, snapshotKey);
    }

    private static FacebookCacheException Corrupt(string location, string directory, string why, Exception? inner) =>
        new(
            "The token cache at " + location + " cannot be read: " + why + ". It was left as it is. "
                + "If it was written with another " + TokenCacheOptions.KeyVariable + ", set that key; otherwise move the file away (its tokens are lost) and save the tokens again.",
            FacebookErrorKind.CacheCorrupt,
            directory,
            inner);

    private static string KeyId(string key)
    {
        using SHA256 sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes("FacebookToken snapshot|" + key)));
    }

    private sealed class Snapshot
    {
        private readonly CacheDocument _doc;

        public Snapshot(DateTime stamp, long length, CacheDocument doc)
        {
            Stamp = stamp;
            Length = length;
            _doc = doc;
        }

        public DateTime Stamp { get; }

        public long Length { get; }

        /// <summary>Shared, read-only: callers that change entries take <see cref="Clone"/>.</summary>
        public CacheDocument Document => _doc;

        public CacheDocument Clone() => _doc.Clone();
    }

    private sealed class OsProbe
    {
        private OsProbe(IOsProtectedStore? store, string reason)
        {
            Store = store;
            Reason = reason;
        }

        public IOsProtectedStore? Store { get; }

        public string Reason { get; }

        public static OsProbe Run(string directory, Func<IOsStoreFactory> factory)
        {
            try
            {
                SecureFile.EnsureDirectory(directory);
                return new OsProbe(factory().Create(directory, OsCacheFileName), string.Empty);
            }
            catch (Exception ex) when (ex is InvalidOperationException || ex is PlatformNotSupportedException || ex is IOException || ex is DllNotFoundException || ex is TypeLoadException || ex is FileNotFoundException || ex is BadImageFormatException)
            {
                return new OsProbe(null, ex.Message.TrimEnd('.'));
            }
        }
    }
}
