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
/// new cache. Entries stay sealed (<see cref="IEntryCodec"/>) until asked for; an opened entry becomes a SecureString at
/// once, its JSON is wiped and no token string is kept. Writes always read the store again under the lock, seal only the
/// entries they change and copy the others as bytes. A cache that cannot be read is reported with its path and never overwritten.
/// </remarks>
internal sealed class TokenCache : ITokenStore
{
    public const string CacheFileName = "tokens.cache";
    public const string OsCacheFileName = "tokens.os.cache";
    public const string LockFileName = "tokens.lock";

    private static readonly TimeSpan s_lockTimeout = TimeSpan.FromSeconds(60);

    // Each store's last read: every record sealed, found by the tag of its name (any case). Reading a file or asking a
    // keyring costs milliseconds; only the entries asked for are opened and become token objects.
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
    /// The cached tokens named in <paramref name="names"/> (any case; found without opening the others) and those whose
    /// names pass <paramref name="nameFilter"/>, sorted by name, each once, each a copy the caller owns.
    /// </summary>
    public IReadOnlyList<FacebookAccessToken> Read(IEnumerable<string>? names, Func<string, bool>? nameFilter)
    {
        try
        {
            return Snapshot().Read(names, nameFilter);
        }
        catch (FormatException ex)
        {
            throw Corrupt(_store.Location, Info.CachePath, ex.Message, ex);
        }
    }

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
    public bool Save(FacebookAccessToken token, string name) => SaveMany(new[] { new KeyValuePair<string, FacebookAccessToken>(name, token) })[0];

    /// <summary>
    /// Saves every token under its name with one lock, one read and one write (a later entry of the same name wins); for
    /// each entry, true when it replaced an entry of that name (saved before this call or earlier in the list). Only the
    /// entries saved are sealed; the others are copied as they are.
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
        CacheContents contents = Load();
        Dictionary<CacheTag, int> index = contents.Index();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var replaced = new bool[tokens.Count];
        using (IEntryCodecSession session = contents.Codec.Begin())
        {
            for (int i = 0; i < tokens.Count; i++)
            {
                CacheTag tag = session.Tag(tokens[i].Key);
                var record = new CacheRecord(tag, Seal(session, CachedToken.From(tokens[i].Value, tokens[i].Key, now)));
                if (index.TryGetValue(tag, out int at))
                {
                    replaced[i] = true;
                    contents.Records[at] = record;
                }
                else
                {
                    index[tag] = contents.Records.Count;
                    contents.Records.Add(record);
                }
            }
        }

        Store(contents);
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
        CacheContents contents = Load();
        Dictionary<CacheTag, int> index = contents.Index();
        using (IEntryCodecSession session = contents.Codec.Begin())
        {
            CacheTag tag = session.Tag(name);
            if (!index.TryGetValue(tag, out int at))
            {
                return false;
            }

            CachedToken current = Open(session, contents.Records[at]);
            // Compared as characters: the token renewed never becomes a string here.
            char[] stored = current.AccessToken.ToCharArray();
            try
            {
                if (!renewedFrom.Inspect(held => ConstantTime.EqualsChars(held, stored)))
                {
                    return false;
                }
            }
            finally
            {
                Array.Clear(stored, 0, stored.Length);
            }

            contents.Records[at] = new CacheRecord(tag, Seal(session, CachedToken.From(renewed, current.Name, DateTimeOffset.UtcNow)));
        }

        Store(contents);
        return true;
    }

    /// <summary>Removes the entries named; returns the names that were present.</summary>
    /// <remarks>Allowed on an unencrypted cache without the opt-in: removing only lessens what it exposes.</remarks>
    public IReadOnlyList<string> Remove(IEnumerable<string> names)
    {
        using IDisposable gate = Lock();
        CacheContents contents = Load();
        Dictionary<CacheTag, int> index = contents.Index();
        var removed = new List<string>();
        var gone = new HashSet<int>();
        using (IEntryCodecSession session = contents.Codec.Begin())
        {
            foreach (string name in names)
            {
                if (index.TryGetValue(session.Tag(name), out int at) && gone.Add(at))
                {
                    removed.Add(Open(session, contents.Records[at]).Name);
                }
            }
        }

        if (removed.Count > 0)
        {
            int i = 0;
            contents.Records.RemoveAll(_ => gone.Contains(i++));
            Store(contents);
        }

        return removed;
    }

    private static byte[] Seal(IEntryCodecSession session, CachedToken entry)
    {
        byte[] json = entry.ToBytes();
        try
        {
            return session.Seal(json);
        }
        finally
        {
            Array.Clear(json, 0, json.Length);
        }
    }

    private CachedToken Open(IEntryCodecSession session, CacheRecord record)
    {
        byte[] json;
        try
        {
            json = session.Open(record.Sealed);
        }
        catch (FormatException ex)
        {
            throw Corrupt(_store.Location, Info.CachePath, ex.Message, ex);
        }

        try
        {
            return CachedToken.FromBytes(json);
        }
        catch (FormatException ex)
        {
            throw Corrupt(_store.Location, Info.CachePath, ex.Message, ex);
        }
        finally
        {
            Array.Clear(json, 0, json.Length);
        }
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

    private CacheContents Load()
    {
        try
        {
            return _store.Read();
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
    }

    private FacebookCacheException WrongKey(CacheKeyException ex) =>
        new(
            "The token cache at " + _store.Location + " was written with a different key: the " + Info.Reason.Split(';').Last().Trim() + " does not match"
                + (ex.OtherKindOfKey ? " (" + ex.Message + ")" : string.Empty)
                + ". Set the key it was written with. Nothing was changed.",
            FacebookErrorKind.WrongCacheKey,
            Info.CachePath);

    private void Store(CacheContents contents)
    {
        try
        {
            _store.Write(contents);
        }
        catch (CacheKeyException ex)
        {
            throw WrongKey(ex);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is InvalidOperationException || ex is CryptographicException)
        {
            throw new FacebookCacheException("The token cache at " + _store.Location + " could not be written: " + ex.Message + ". The previous cache is unchanged.", FacebookErrorKind.CacheUnavailable, Info.CachePath, ex);
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
