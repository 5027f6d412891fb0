using System;
using System.Collections.Generic;
using System.Text;
using FacebookToken.Json;

namespace FacebookToken.Cache;

/// <summary>Every entry of one cache, serialised as a small JSON document before encryption.</summary>
internal sealed class CacheDocument
{
    private const string FormatName = "FacebookToken.Cache";

    public SortedDictionary<string, CachedToken> Tokens { get; } = new(StringComparer.OrdinalIgnoreCase);

    public byte[] Serialize()
    {
        var tokens = new List<object?>();
        foreach (CachedToken t in Tokens.Values)
        {
            tokens.Add(t.ToJson());
        }

        var root = new JsonObject().Add("format", FormatName).Add("version", JsonNumber.From(1)).Add("tokens", tokens);
        return Encoding.UTF8.GetBytes(JsonText.Write(root));
    }

    /// <summary>Reads a document; an empty input is an empty cache. Throws <see cref="FormatException"/> for anything else that is not one.</summary>
    public static CacheDocument Deserialize(byte[] data)
    {
        var doc = new CacheDocument();
        if (data.Length == 0)
        {
            return doc;
        }

        if (JsonText.Parse(Encoding.UTF8.GetString(data)) is not JsonObject root || root.GetString("format") != FormatName)
        {
            throw new FormatException("not a FacebookToken cache document");
        }

        if ((root.GetInt64("version") ?? 0) > 1)
        {
            throw new FormatException("written by a newer FacebookToken (cache format " + root.GetInt64("version") + ")");
        }

        foreach (object? item in root.GetArray("tokens") ?? new List<object?>())
        {
            if (item is JsonObject entry)
            {
                CachedToken token = CachedToken.Read(entry);
                doc.Tokens[token.Name] = token;
            }
        }

        return doc;
    }
}
