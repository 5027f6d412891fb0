using System;
using System.Collections.Generic;
using System.Security;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>
/// One read of a cache, kept between calls: each entry's name and metadata, its token in a read-only SecureString, found
/// by name (any case) without looking at the others. Token objects (with their masks) are made only for the entries asked for.
/// </summary>
/// <remarks>Immutable once made, so readers on several threads share it.</remarks>
internal sealed class CacheSnapshot
{
    private readonly SortedDictionary<string, Entry> _entries;
    private readonly DateTime _markerTime;
    private readonly long _markerLength;

    private CacheSnapshot(SortedDictionary<string, Entry> entries, DateTime markerTime, long markerLength)
    {
        _entries = entries;
        _markerTime = markerTime;
        _markerLength = markerLength;
    }

    public int Count => _entries.Count;

    /// <summary>The snapshot of <paramref name="doc"/>, stamped with the change marker's time and length read before it.</summary>
    public static CacheSnapshot From(CacheDocument doc, DateTime markerTime, long markerLength)
    {
        var entries = new SortedDictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, CachedToken> pair in doc.Tokens)
        {
            entries[pair.Key] = new Entry(pair.Value);
        }

        return new CacheSnapshot(entries, markerTime, markerLength);
    }

    public bool IsCurrent(DateTime markerTime, long markerLength) =>
        markerLength >= 0 && markerTime == _markerTime && markerLength == _markerLength;

    /// <summary>The entries named (looked up) and those passing <paramref name="filter"/> (scanned), sorted by name, each once.</summary>
    public IEnumerable<Entry> Find(IEnumerable<string>? names, Func<string, bool>? filter)
    {
        if (filter is null)
        {
            var found = new SortedDictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
            foreach (string name in names ?? Array.Empty<string>())
            {
                if (_entries.TryGetValue(name, out Entry? entry))
                {
                    found[entry.Meta.Name] = entry;
                }
            }

            return found.Values;
        }

        var wanted = new HashSet<string>(names ?? Array.Empty<string>(), StringComparer.OrdinalIgnoreCase);
        var matched = new List<Entry>();
        foreach (KeyValuePair<string, Entry> pair in _entries)
        {
            if (wanted.Contains(pair.Key) || filter(pair.Value.Meta.Name))
            {
                matched.Add(pair.Value);
            }
        }

        return matched;
    }

    /// <summary>One entry: its metadata (the token text blanked) and the token as a read-only SecureString.</summary>
    internal sealed class Entry
    {
        private readonly SecureString _token;

        public Entry(CachedToken stored)
        {
            _token = stored.AccessToken.ToSecureString();
            _token.MakeReadOnly();
            Meta = new CachedToken
            {
                Name = stored.Name,
                TokenType = stored.TokenType,
                Kind = stored.Kind,
                AppId = stored.AppId,
                UserId = stored.UserId,
                Scopes = stored.Scopes,
                GranularScopes = stored.GranularScopes,
                ExpiresOn = stored.ExpiresOn,
                DataAccessExpiresOn = stored.DataAccessExpiresOn,
                SavedOn = stored.SavedOn,
            };
        }

        public CachedToken Meta { get; }

        /// <summary>A token object the caller owns (its own copy of the SecureString).</summary>
        public FacebookAccessToken ToAccessToken() => new(_token.Copy(), Meta.Kind, Meta.AppId)
        {
            TokenType = Meta.TokenType,
            UserId = Meta.UserId,
            Scopes = Meta.Scopes,
            GranularScopes = Meta.GranularScopes,
            ExpiresOn = Meta.ExpiresOn,
            DataAccessExpiresOn = Meta.DataAccessExpiresOn,
            Name = Meta.Name,
            SavedOn = Meta.SavedOn,
        };
    }
}
