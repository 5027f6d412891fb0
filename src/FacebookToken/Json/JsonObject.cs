using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace FacebookToken.Json;

/// <summary>
/// A JSON object: members in the order they came, each name once. Values are <see cref="JsonObject"/>,
/// <see cref="List{T}"/> of values, <see cref="string"/>, <see cref="JsonNumber"/>, <see cref="bool"/> or null.
/// </summary>
/// <remarks>The getters are tolerant the way Graph needs: ids come as strings or numbers, numbers as strings.</remarks>
internal sealed class JsonObject : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _members = new();
    private readonly Dictionary<string, object?> _index = new(StringComparer.Ordinal);

    public int Count => _members.Count;

    /// <summary>Adds a member; a name given twice is refused, so no two readers can disagree about which one counts.</summary>
    public JsonObject Add(string name, object? value)
    {
        if (_index.ContainsKey(name))
        {
            throw new FormatException("Malformed JSON: a name appears twice in one object.");
        }

        _index.Add(name, value);
        _members.Add(new KeyValuePair<string, object?>(name, value));
        return this;
    }

    public bool TryGetValue(string name, out object? value) => _index.TryGetValue(name, out value);

    public JsonObject? GetObject(string name) => _index.TryGetValue(name, out object? v) ? v as JsonObject : null;

    public List<object?>? GetArray(string name) => _index.TryGetValue(name, out object? v) ? v as List<object?> : null;

    /// <summary>A string, number or boolean member as text; null when absent or of another kind.</summary>
    public string? GetString(string name) => _index.TryGetValue(name, out object? v) ? AsText(v) : null;

    public long? GetInt64(string name)
    {
        _index.TryGetValue(name, out object? v);
        return v switch
        {
            JsonNumber n => n.ToInt64(),
            string s when long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed) => parsed,
            _ => null,
        };
    }

    public bool? GetBoolean(string name)
    {
        _index.TryGetValue(name, out object? v);
        return v switch
        {
            bool b => b,
            "true" or "1" => true,
            "false" or "0" => false,
            JsonNumber n => n.Raw != "0",
            _ => null,
        };
    }

    /// <summary>The strings and numbers of an array member, as text; empty when absent.</summary>
    public string[] GetStringArray(string name)
    {
        var result = new List<string>();
        foreach (object? item in GetArray(name) ?? new List<object?>())
        {
            if (item is string or JsonNumber)
            {
                result.Add(AsText(item)!);
            }
        }

        return result.ToArray();
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _members.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static string? AsText(object? v) => v switch
    {
        string s => s,
        JsonNumber n => n.Raw,
        bool b => b ? "true" : "false",
        _ => null,
    };
}
