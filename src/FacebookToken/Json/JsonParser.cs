using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace FacebookToken.Json;

/// <summary>
/// A small, strict JSON reader for Graph API answers. It returns <see cref="Dictionary{TKey,TValue}"/>
/// for objects, <see cref="List{T}"/> for arrays, <see cref="string"/>, <see cref="JsonNumber"/>,
/// <see cref="bool"/> and null.
/// </summary>
/// <remarks>
/// Written here rather than taken from System.Text.Json so the module carries no dependency that could
/// clash with another module's copy in Windows PowerShell. Depth is bounded; any malformed input throws
/// <see cref="FormatException"/> and nothing else.
/// </remarks>
internal sealed class JsonParser
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _pos;

    private JsonParser(string text)
    {
        _text = text;
    }

    public static object? Parse(string text)
    {
        if (text is null)
        {
            throw new FormatException("No JSON text.");
        }

        var parser = new JsonParser(text);
        parser.SkipWhitespace();
        object? value = parser.ReadValue(0);
        parser.SkipWhitespace();
        if (parser._pos != text.Length)
        {
            throw parser.Error("unexpected text after the JSON value");
        }

        return value;
    }

    private object? ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("nesting too deep");
        }

        if (_pos >= _text.Length)
        {
            throw Error("unexpected end of text");
        }

        char c = _text[_pos];
        switch (c)
        {
            case '{':
                return ReadObject(depth);
            case '[':
                return ReadArray(depth);
            case '"':
                return ReadString();
            case 't':
                Expect("true");
                return true;
            case 'f':
                Expect("false");
                return false;
            case 'n':
                Expect("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return ReadNumber();
                }

                throw Error("unexpected character");
        }
    }

    private Dictionary<string, object?> ReadObject(int depth)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        _pos++; // {
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
            {
                throw Error("expected a property name");
            }

            string name = ReadString();
            SkipWhitespace();
            if (Peek() != ':')
            {
                throw Error("expected ':'");
            }

            _pos++;
            SkipWhitespace();
            result[name] = ReadValue(depth + 1);
            SkipWhitespace();
            char next = Peek();
            _pos++;
            if (next == ',')
            {
                continue;
            }

            if (next == '}')
            {
                return result;
            }

            throw Error("expected ',' or '}'");
        }
    }

    private List<object?> ReadArray(int depth)
    {
        var result = new List<object?>();
        _pos++; // [
        SkipWhitespace();
        if (Peek() == ']')
        {
            _pos++;
            return result;
        }

        while (true)
        {
            SkipWhitespace();
            result.Add(ReadValue(depth + 1));
            SkipWhitespace();
            char next = Peek();
            _pos++;
            if (next == ',')
            {
                continue;
            }

            if (next == ']')
            {
                return result;
            }

            throw Error("expected ',' or ']'");
        }
    }

    private string ReadString()
    {
        _pos++; // opening quote
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw Error("unterminated string");
            }

            char c = _text[_pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c < ' ')
            {
                throw Error("control character in string");
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            if (_pos >= _text.Length)
            {
                throw Error("unterminated escape");
            }

            char e = _text[_pos++];
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (_pos + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code))
                    {
                        throw Error("bad \\u escape");
                    }

                    sb.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw Error("bad escape");
            }
        }
    }

    private JsonNumber ReadNumber()
    {
        int start = _pos;
        if (Peek() == '-')
        {
            _pos++;
        }

        while (_pos < _text.Length && "0123456789.eE+-".IndexOf(_text[_pos]) >= 0)
        {
            _pos++;
        }

        string raw = _text.Substring(start, _pos - start);
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            throw Error("bad number");
        }

        return new JsonNumber(raw);
    }

    private void Expect(string literal)
    {
        if (string.CompareOrdinal(_text, _pos, literal, 0, literal.Length) != 0)
        {
            throw Error("unexpected literal");
        }

        _pos += literal.Length;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : '\0';

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && (_text[_pos] == ' ' || _text[_pos] == '\t' || _text[_pos] == '\n' || _text[_pos] == '\r'))
        {
            _pos++;
        }
    }

    private FormatException Error(string what) =>
        new FormatException(string.Format(CultureInfo.InvariantCulture, "Malformed JSON at offset {0}: {1}.", _pos, what));
}
