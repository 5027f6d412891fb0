using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Security;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>
/// One read of a cache, kept between calls: each record sealed as the store gave it (<see cref="IEntryCodec"/>), found by
/// the tag of its name (any case) without opening the others. Only the entries asked for are opened; each is kept
/// opened as its metadata and its token in a read-only SecureString, so asking again costs no cryptography. A filter
/// (a wildcard, a listing) reads every entry's name once and keeps the names.
/// </summary>
/// <remarks>The records never change once read; what is opened is added thread-safely, so readers on several threads share it.</remarks>
internal sealed class CacheSnapshot
{
    private readonly Dictionary<CacheTag, CacheRecord> _records;
    private readonly IEntryCodec _codec;
    private readonly Lazy<SortedDictionary<string, CacheTag>> _names;
    private readonly ConcurrentDictionary<string, CacheTag> _tags = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<CacheTag, Entry> _opened = new();
    private readonly DateTime _markerTime;
    private readonly long _markerLength;

    private CacheSnapshot(CacheContents contents, DateTime markerTime, long markerLength)
    {
        _codec = contents.Codec;
        _records = new Dictionary<CacheTag, CacheRecord>(contents.Records.Count);
        foreach (KeyValuePair<CacheTag, int> pair in contents.Index())
        {
            _records[pair.Key] = contents.Records[pair.Value];
        }

        _names = new Lazy<SortedDictionary<string, CacheTag>>(ReadNames);
        _markerTime = markerTime;
        _markerLength = markerLength;
    }

    public int Count => _records.Count;

    /// <summary>The snapshot of <paramref name="contents"/>, stamped with the change marker's time and length read before it.</summary>
    public static CacheSnapshot From(CacheContents contents, DateTime markerTime, long markerLength) => new(contents, markerTime, markerLength);

    public bool IsCurrent(DateTime markerTime, long markerLength) =>
        markerLength >= 0 && markerTime == _markerTime && markerLength == _markerLength;

    /// <summary>
    /// Token objects the caller owns for the entries named (looked up by tag) and those passing <paramref name="filter"/>
    /// (scanned by name), sorted by name, each once. Throws FormatException for an entry that cannot be opened.
    /// </summary>
    public IReadOnlyList<FacebookAccessToken> Read(IEnumerable<string>? names, Func<string, bool>? filter)
    {
        IEntryCodecSession? session = null;
        try
        {
            var found = new SortedDictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
            foreach (string name in names ?? Array.Empty<string>())
            {
                if (!_tags.TryGetValue(name, out CacheTag tag))
                {
                    session ??= _codec.Begin();
                    tag = _tags.GetOrAdd(name, session.Tag(name));
                }

                if (_records.ContainsKey(tag))
                {
                    Entry entry = Opened(tag, ref session);
                    found[entry.Meta.Name] = entry;
                }
            }

            if (filter != null)
            {
                foreach (KeyValuePair<string, CacheTag> pair in _names.Value)
                {
                    if (!found.ContainsKey(pair.Key) && filter(pair.Key))
                    {
                        found[pair.Key] = Opened(pair.Value, ref session);
                    }
                }
            }

            return found.Values.Select(e => e.ToAccessToken()).ToList();
        }
        finally
        {
            session?.Dispose();
        }
    }

    private Entry Opened(CacheTag tag, ref IEntryCodecSession? session)
    {
        if (_opened.TryGetValue(tag, out Entry? entry))
        {
            return entry;
        }

        session ??= _codec.Begin();
        return _opened.GetOrAdd(tag, new Entry(Open(session, _records[tag])));
    }

    private static CachedToken Open(IEntryCodecSession session, CacheRecord record)
    {
        byte[] json = session.Open(record.Sealed);
        try
        {
            return CachedToken.FromBytes(json);
        }
        finally
        {
            Array.Clear(json, 0, json.Length);
        }
    }

    private SortedDictionary<string, CacheTag> ReadNames()
    {
        var names = new SortedDictionary<string, CacheTag>(StringComparer.OrdinalIgnoreCase);
        using IEntryCodecSession session = _codec.Begin();
        foreach (KeyValuePair<CacheTag, CacheRecord> pair in _records)
        {
            names[Open(session, pair.Value).Name] = pair.Key;
        }

        return names;
    }

    /// <summary>One opened entry: its metadata (the token text blanked) and the token as a read-only SecureString.</summary>
    private sealed class Entry
    {
        private readonly SecureString _token;

        public Entry(CachedToken stored)
        {
            _token = stored.AccessToken.ToSecureString();
            _token.MakeReadOnly();
            stored.AccessToken = string.Empty;
            Meta = stored;
        }

        public CachedToken Meta { get; }

        /// <summary>A token object the caller owns (its own copy of the SecureString).</summary>
        public FacebookAccessToken ToAccessToken() => Meta.ToAccessToken(_token.Copy());
    }
}
