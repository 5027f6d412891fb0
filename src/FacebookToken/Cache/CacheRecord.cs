using System;
using System.Collections.Generic;
using System.Linq;

namespace FacebookToken.Cache;

/// <summary>
/// Which name a cache record holds, without reading the record: 16 bytes derived from the name in upper case (so two
/// names that differ only in case share one), keyed by the cache key in a key file.
/// </summary>
internal readonly struct CacheTag : IEquatable<CacheTag>
{
    public const int Length = 16;

    private readonly ulong _high;
    private readonly ulong _low;

    public CacheTag(byte[] data, int offset)
    {
        _high = BitConverter.ToUInt64(data, offset);
        _low = BitConverter.ToUInt64(data, offset + 8);
    }

    public void CopyTo(byte[] destination, int offset)
    {
        Buffer.BlockCopy(BitConverter.GetBytes(_high), 0, destination, offset, 8);
        Buffer.BlockCopy(BitConverter.GetBytes(_low), 0, destination, offset + 8, 8);
    }

    public bool Equals(CacheTag other) => _high == other._high && _low == other._low;

    public override bool Equals(object? obj) => obj is CacheTag other && Equals(other);

    public override int GetHashCode() => _high.GetHashCode() ^ (_low.GetHashCode() * 31);

    /// <summary>The form of a name a tag is made from: what <see cref="StringComparer.OrdinalIgnoreCase"/> compares.</summary>
    public static string NameKey(string name) => name.ToUpperInvariant();
}

/// <summary>One cached token as its store keeps it: the tag of its name, and the entry (JSON) sealed.</summary>
internal sealed class CacheRecord
{
    public CacheRecord(CacheTag tag, byte[] sealedEntry)
    {
        Tag = tag;
        Sealed = sealedEntry;
    }

    public CacheTag Tag { get; }

    /// <summary>The entry's JSON encrypted (<see cref="IEntryCodec"/>): never plaintext in memory between calls.</summary>
    public byte[] Sealed { get; }
}

/// <summary>What a store read: its records in the order kept, and the codec that tags, seals and opens them.</summary>
internal sealed class CacheContents
{
    public CacheContents(List<CacheRecord> records, IEntryCodec codec)
    {
        Records = records;
        Codec = codec;
    }

    public List<CacheRecord> Records { get; }

    public IEntryCodec Codec { get; }

    /// <summary>The records by tag (a later record of one tag wins, and the earlier one is dropped from <see cref="Records"/>).</summary>
    public Dictionary<CacheTag, int> Index()
    {
        var index = new Dictionary<CacheTag, int>(Records.Count);
        for (int i = 0; i < Records.Count; i++)
        {
            index[Records[i].Tag] = i;
        }

        if (index.Count == Records.Count)
        {
            return index;
        }

        List<CacheRecord> kept = Records.Where((record, i) => index[record.Tag] == i).ToList();
        Records.Clear();
        Records.AddRange(kept);
        return Index();
    }
}

/// <summary>How one store tags, seals and opens entries; <see cref="Begin"/> makes the keys for one call.</summary>
internal interface IEntryCodec
{
    IEntryCodecSession Begin();
}

/// <summary>The keys of one call: wiped when it is disposed.</summary>
internal interface IEntryCodecSession : IDisposable
{
    CacheTag Tag(string name);

    byte[] Seal(byte[] entry);

    /// <summary>The entry's JSON; the caller wipes it once read. Throws FormatException for a record that cannot be opened.</summary>
    byte[] Open(byte[] sealedEntry);
}
