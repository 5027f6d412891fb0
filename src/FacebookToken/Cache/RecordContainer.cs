using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>
/// The cache as records, one per token (cache format 2): tag (16) | length (int32 LE) | entry, repeated. A save
/// replaces or adds one record and copies the others as bytes, so its cost does not grow with parsing or encrypting
/// every entry. A key file wraps the records in its header and MAC (<see cref="KeyFileFormat"/>); the operating
/// system's store and the unencrypted file keep <see cref="PlainMagic"/> then the records, entries as JSON.
/// </summary>
/// <remarks>
/// Format 1, a JSON document of every entry (<see cref="CacheDocument"/>), is still read and is rewritten as format 2 by
/// the first change. FacebookToken before format 2 reports a format 2 cache as unreadable and leaves it as it is.
/// </remarks>
internal static class RecordContainer
{
    /// <summary>The most a record may claim to be: far above any token entry, far below the file limit.</summary>
    private const int MaxRecordLength = 1 << 20;

    private static readonly byte[] s_plainMagic = Encoding.ASCII.GetBytes("FBTR\u0002");

    public static byte[] PlainMagic => (byte[])s_plainMagic.Clone();

    public static bool HasPlainMagic(byte[] data) => ConstantTime.StartsWith(data, s_plainMagic);

    /// <summary>Writes each record, its entry passed through <paramref name="toDisk"/> (null: as it is; the result is wiped after it is written when it is new).</summary>
    public static void Write(Stream output, IEnumerable<CacheRecord> records, Func<byte[], byte[]>? toDisk = null)
    {
        byte[] head = new byte[CacheTag.Length + 4];
        foreach (CacheRecord record in records)
        {
            byte[] entry = toDisk is null ? record.Sealed : toDisk(record.Sealed);
            record.Tag.CopyTo(head, 0);
            Buffer.BlockCopy(BitConverter.GetBytes(entry.Length), 0, head, CacheTag.Length, 4);
            output.Write(head, 0, head.Length);
            output.Write(entry, 0, entry.Length);
            if (!ReferenceEquals(entry, record.Sealed))
            {
                Array.Clear(entry, 0, entry.Length);
            }
        }
    }

    /// <summary>The records in data[offset..end), each entry passed through <paramref name="fromDisk"/>. Throws FormatException for a damaged list.</summary>
    public static List<CacheRecord> Read(byte[] data, int offset, int end, Func<byte[], byte[]>? fromDisk = null)
    {
        var records = new List<CacheRecord>();
        while (offset < end)
        {
            if (end - offset < CacheTag.Length + 4)
            {
                throw new FormatException("a cache record is cut short");
            }

            var tag = new CacheTag(data, offset);
            int length = BitConverter.ToInt32(data, offset + CacheTag.Length);
            offset += CacheTag.Length + 4;
            if (length <= 0 || length > MaxRecordLength || length > end - offset)
            {
                throw new FormatException("a cache record's length is out of bounds");
            }

            byte[] entry = new byte[length];
            Buffer.BlockCopy(data, offset, entry, 0, length);
            offset += length;
            if (fromDisk != null)
            {
                byte[] disk = entry;
                entry = fromDisk(disk);
                Array.Clear(disk, 0, disk.Length);
            }

            records.Add(new CacheRecord(tag, entry));
        }

        return records;
    }

    /// <summary>
    /// A plain store's contents (format 2 records or a format 1 document) as records sealed in memory under the
    /// process's key; empty data is an empty cache. Throws FormatException for anything else.
    /// </summary>
    public static CacheContents ReadPlain(byte[] data)
    {
        IEntryCodec codec = ProcessCodec.Instance;
        using IEntryCodecSession session = codec.Begin();
        if (HasPlainMagic(data))
        {
            return new CacheContents(Read(data, s_plainMagic.Length, data.Length, session.Seal), codec);
        }

        return new CacheContents(FromDocument(CacheDocument.Deserialize(data), session), codec);
    }

    /// <summary>A plain store's bytes: the magic, then every record with its entry opened (plain JSON).</summary>
    public static byte[] WritePlain(CacheContents contents)
    {
        using IEntryCodecSession session = contents.Codec.Begin();
        using var output = new MemoryStream();
        output.Write(s_plainMagic, 0, s_plainMagic.Length);
        Write(output, contents.Records, session.Open);
        byte[] result = output.ToArray();
        // The stream's own buffer holds the same plain entries.
        Array.Clear(output.GetBuffer(), 0, (int)output.Length);
        return result;
    }

    /// <summary>A format 1 document's entries as records of this codec.</summary>
    public static List<CacheRecord> FromDocument(CacheDocument doc, IEntryCodecSession session)
    {
        var records = new List<CacheRecord>(doc.Tokens.Count);
        foreach (CachedToken token in doc.Tokens.Values)
        {
            byte[] entry = token.ToBytes();
            records.Add(new CacheRecord(session.Tag(token.Name), session.Seal(entry)));
            Array.Clear(entry, 0, entry.Length);
        }

        return records;
    }
}
