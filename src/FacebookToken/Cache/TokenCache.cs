using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Security.Cryptography;
using FacebookToken.Diagnostics;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>
/// The token cache in one folder, on the store <see cref="CacheStoreSelector"/> chose: reads it, and changes it by
/// read-modify-write under the cross-process lock.
/// </summary>
/// <remarks>
/// Reads take no lock: every write replaces the file atomically (or is one keyring call), so a reader sees the old or the
/// new cache. What a read decrypts becomes SecureStrings at once; the document is wiped and no token string is kept.
/// Writes always read the store again under the lock. A cache that cannot be read is reported with its path and never overwritten.
/// </remarks>
internal sealed class TokenCache : ITokenStore
{
    public const string CacheFileName = "tokens.cache";
    public const string OsCacheFileName = "tokens.os.cache";
    public const string LockFileName = "tokens.lock";

    private static readonly TimeSpan s_lockTimeout = TimeSpan.FromSeconds(60);

    // Each store's last read: names and metadata, each token in a SecureString, found by name (any case). Parsing the
    // document and asking a keyring cost milliseconds per read; only the entries asked for become token objects.
    private static readonly ConcurrentDictionary<string, CacheSnapshot> s_lastReads = new(StringComparer.Ordinal);

    private readonly ICacheStore _store;
    private readonly bool _mayWrite;
    private readonly Func<IOsStoreFactory> _factory;

    private TokenCache(CacheStoreChoice choice, Func<IOsStoreFactory> factory)
    {
        _store = choice.Store;
        _mayWrite = choice.MayWrite;
        Info = choice.Info;
        _factory = factory;
    }

    public TokenCacheInfo Info { get; }

    public static TokenCache Open(TokenCacheOptions options, IFacebookLog? log = null) =>
        Open(options, log ?? NullFacebookLog.Instance, StorageLoader.GetFactory);

    internal static TokenCache Open(TokenCacheOptions options, IFacebookLog log, Func<IOsStoreFactory> factory)
    {
        CacheStoreChoice choice = CacheStoreSelector.Select(options, log, factory);
        log.Verbose("Token cache: " + choice.Info.Backend + " at " + choice.Info.Location + " (" + choice.Info.Reason + ").");
        return new TokenCache(choice, factory);
    }

    /// <summary>Every cached token, sorted by name.</summary>
    public IReadOnlyList<FacebookAccessToken> ReadAll() => Read(null);

    /// <summary>The cached tokens whose names pass <paramref name="nameFilter"/>, sorted by name, each a copy the caller owns.</summary>
    public IReadOnlyList<FacebookAccessToken> Read(Func<string, bool>? nameFilter) => Read(null, nameFilter ?? (_ => true));

    /// <summary>
    /// The cached tokens named in <paramref name="names"/> (any case; found without looking at the others) and those whose
    /// names pass <paramref name="nameFilter"/>, sorted by name, each once, each a copy the caller owns.
    /// </summary>
    public IReadOnlyList<FacebookAccessToken> Read(IEnumerable<string>? names, Func<string, bool>? nameFilter) =>
        Snapshot().Find(names, nameFilter).Select(e => e.ToAccessToken()).ToList();

    /// <summary>The last read of this store when its change marker says it is current, else a new read.</summary>
    private CacheSnapshot Snapshot()
    {
        // A file whose time and length change with every write says whether this process's last read is current.
        var marker = new FileInfo(_store.ChangeMarkerPath);
        DateTime time = marker.Exists ? marker.LastWriteTimeUtc : DateTime.MinValue;
        long length = marker.Exists ? marker.Length : -1;
        if (s_lastReads.TryGetValue(_store.Identity, out CacheSnapshot? last) && last.IsCurrent(time, length))
        {
            return last;
        }

        // Stamped before reading: a write in between leaves a stale stamp, so the next read loads again.
        CacheSnapshot snapshot = CacheSnapshot.From(Load(), time, length);
        s_lastReads[_store.Identity] = snapshot;
        return snapshot;
    }

    /// <summary>
    /// Saves <paramref name="token"/> as <paramref name="name"/>; true when it replaced an entry of that name. The token's
    /// Name and SavedOn are set as a later read would give them, so -PassThru and -CacheName show what the cache holds.
    /// </summary>
    public bool Save(FacebookAccessToken token, string name)
    {
        TokenName.Validate(name);
        RequireWritable();
        using IDisposable gate = Lock();
        CacheDocument doc = Load();
        bool replaced = doc.Tokens.Remove(name);
        DateTimeOffset savedOn = DateTimeOffset.UtcNow;
        doc.Tokens[name] = CachedToken.From(token, name, savedOn);
        Store(doc);
        token.Name = name;
        token.SavedOn = savedOn;
        return replaced;
    }

    /// <summary>
    /// Saves every token under its name with one lock, one read and one write (a later entry of the same name wins); for
    /// each entry, true when it replaced an entry of that name (saved before this call or earlier in the list).
    /// </summary>
    public IReadOnlyList<bool> SaveMany(IReadOnlyList<KeyValuePair<string, FacebookAccessToken>> tokens)
    {
        foreach (KeyValuePair<string, FacebookAccessToken> entry in tokens)
        {
            TokenName.Validate(entry.Key);
        }

        RequireWritable();
        if (tokens.Count == 0)
        {
            return Array.Empty<bool>();
        }

        using IDisposable gate = Lock();
        CacheDocument doc = Load();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var replaced = new bool[tokens.Count];
        for (int i = 0; i < tokens.Count; i++)
        {
            replaced[i] = doc.Tokens.Remove(tokens[i].Key);
            doc.Tokens[tokens[i].Key] = CachedToken.From(tokens[i].Value, tokens[i].Key, now);
        }

        Store(doc);
        foreach (KeyValuePair<string, FacebookAccessToken> entry in tokens)
        {
            // As Save does: the token says what the cache holds.
            entry.Value.Name = entry.Key;
            entry.Value.SavedOn = now;
        }

        return replaced;
    }

    /// <summary>Saves <paramref name="renewed"/> as <paramref name="name"/> only if the entry still holds <paramref name="renewedFrom"/>, under the lock.</summary>
    public bool Replace(string name, SecureString renewedFrom, FacebookAccessToken renewed)
    {
        TokenName.Validate(name);
        RequireWritable();
        using IDisposable gate = Lock();
        CacheDocument doc = Load();
        if (!doc.Tokens.TryGetValue(name, out CachedToken? current) || !ConstantTime.EqualsOrdinal(current.AccessToken, renewedFrom.ToPlainText()))
        {
            return false;
        }

        doc.Tokens.Remove(name);
        doc.Tokens[current.Name] = CachedToken.From(renewed, current.Name, DateTimeOffset.UtcNow);
        Store(doc);
        return true;
    }

    /// <summary>Removes the entries named; returns the names that were present.</summary>
    /// <remarks>Allowed on an unencrypted cache without the opt-in: removing only lessens what it exposes.</remarks>
    public IReadOnlyList<string> Remove(IEnumerable<string> names)
    {
        using IDisposable gate = Lock();
        CacheDocument doc = Load();
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

    internal static FacebookCacheException Corrupt(string location, string directory, string why, Exception? inner) =>
        new(
            "The token cache at " + location + " cannot be read: " + why + ". It was left as it is. "
                + "If it was written with another " + TokenCacheOptions.KeyVariable + ", set that key; otherwise move the file away (its tokens are lost) and save the tokens again.",
            FacebookErrorKind.CacheCorrupt,
            directory,
            inner);

    private void RequireWritable()
    {
        if (!_mayWrite)
        {
            throw new FacebookCacheException(
                "The token cache at " + _store.Location + " is unencrypted; saving to it needs Save-FacebookToken -AllowPlaintextStorage. Better: remove its tokens (Remove-FacebookToken) or move the file away, and save them again to an encrypted cache.",
                FacebookErrorKind.PlaintextCacheRefused,
                Info.CachePath);
        }
    }

    private CacheDocument Load()
    {
        byte[] data;
        try
        {
            data = _store.Read();
        }
        catch (CacheKeyException ex)
        {
            throw WrongKey(ex);
        }
        catch (Exception ex) when (ex is FormatException || ex is InvalidDataException)
        {
            throw Corrupt(_store.Location, Info.CachePath, ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException)
        {
            throw new FacebookCacheException("The token cache at " + _store.Location + " cannot be read: " + ex.Message, FacebookErrorKind.CacheUnavailable, Info.CachePath, ex);
        }

        try
        {
            return CacheDocument.Deserialize(data);
        }
        catch (FormatException ex)
        {
            throw Corrupt(_store.Location, Info.CachePath, ex.Message, ex);
        }
        finally
        {
            // The decrypted document: gone once parsed, so only the entries asked for outlive this call (as SecureStrings).
            Array.Clear(data, 0, data.Length);
        }
    }

    private FacebookCacheException WrongKey(CacheKeyException ex) =>
        new(
            "The token cache at " + _store.Location + " was written with a different key: the " + Info.Reason.Split(';').Last().Trim() + " does not match"
                + (ex.OtherKindOfKey ? " (" + ex.Message + ")" : string.Empty)
                + ". Set the key it was written with. Nothing was changed.",
            FacebookErrorKind.WrongCacheKey,
            Info.CachePath);

    private void Store(CacheDocument doc)
    {
        byte[] data = doc.Serialize();
        try
        {
            _store.Write(data);
        }
        catch (CacheKeyException ex)
        {
            throw WrongKey(ex);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException || ex is CryptographicException)
        {
            throw new FacebookCacheException("The token cache at " + _store.Location + " could not be written: " + ex.Message + ". The previous cache is unchanged.", FacebookErrorKind.CacheUnavailable, Info.CachePath, ex);
        }
        finally
        {
            Array.Clear(data, 0, data.Length);
        }
    }

    private IDisposable Lock()
    {
        SecureFile.EnsureDirectory(Info.CachePath);
        string path = Path.Combine(Info.CachePath, LockFileName);
        SecureFile.CheckLockFile(path, Info.CachePath);
        try
        {
            return _factory().AcquireLock(path, s_lockTimeout);
        }
        catch (TimeoutException ex)
        {
            throw new FacebookCacheException("The token cache at " + Info.CachePath + " stayed locked by another process for " + s_lockTimeout.TotalSeconds + " s (" + path + "). Try again; if no other FacebookToken command runs, delete the lock file.", FacebookErrorKind.CacheBusy, Info.CachePath, ex);
        }
    }
}
