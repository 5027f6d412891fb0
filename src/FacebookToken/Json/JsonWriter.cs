using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace FacebookToken.Json;

/// <summary>Writes the small JSON documents the cache keeps; the counterpart of <see cref="JsonParser"/>.</summary>
internal sealed class JsonWriter
{
    private readonly StringBuilder _sb = new();
    private bool _needComma;

    public JsonWriter BeginObject()
    {
        Comma();
        _sb.Append('{');
        _needComma = false;
        return this;
    }

    public JsonWriter EndObject()
    {
        _sb.Append('}');
        _needComma = true;
        return this;
    }

    public JsonWriter BeginArray(string name)
    {
        Name(name);
        _sb.Append('[');
        _needComma = false;
        return this;
    }

    public JsonWriter EndArray()
    {
        _sb.Append(']');
        _needComma = true;
        return this;
    }

    public JsonWriter Property(string name, string? value)
    {
        Name(name);
        if (value is null)
        {
            _sb.Append("null");
        }
        else
        {
            String(value);
        }

        _needComma = true;
        return this;
    }

    public JsonWriter Property(string name, long value)
    {
        Name(name);
        _sb.Append(value.ToString(CultureInfo.InvariantCulture));
        _needComma = true;
        return this;
    }

    public JsonWriter Property(string name, DateTimeOffset? value) =>
        Property(name, value?.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture));

    public JsonWriter Property(string name, IEnumerable<string> values)
    {
        BeginArray(name);
        foreach (string v in values)
        {
            Comma();
            String(v);
            _needComma = true;
        }

        return EndArray();
    }

    public override string ToString() => _sb.ToString();

    private void Name(string name)
    {
        Comma();
        String(name);
        _sb.Append(':');
        _needComma = false;
    }

    private void Comma()
    {
        if (_needComma)
        {
            _sb.Append(',');
        }
    }

    private void String(string value)
    {
        _sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': _sb.Append("\\\""); break;
                case '\\': _sb.Append("\\\\"); break;
                case '\n': _sb.Append("\\n"); break;
                case '\r': _sb.Append("\\r"); break;
                case '\t': _sb.Append("\\t"); break;
                default:
                    if (c < ' ')
                    {
                        _sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        _sb.Append(c);
                    }

                    break;
            }
        }

        _sb.Append('"');
    }
}
