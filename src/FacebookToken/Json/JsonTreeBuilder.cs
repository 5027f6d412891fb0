using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace FacebookToken.Json;

/// <summary>
/// Builds the tree from a framework reader's tokens and enforces the rules both builds share, so one text gives one
/// result or one error on .NET and on .NET Framework: at most <see cref="MaxDepth"/> nested containers, no name twice
/// in one object (<see cref="JsonObject.Add"/>), numbers in RFC 8259's grammar, no lone surrogate in a string, and
/// a first member named <c>__type</c> only with a string value.
/// </summary>
internal sealed class JsonTreeBuilder
{
    public const int MaxDepth = 64;

    private static readonly Regex s_number = new(@"\A-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\z", RegexOptions.CultureInvariant);

    private readonly Stack<object> _open = new();
    private string? _name;
    private bool _done;
    private object? _result;

    public bool InObject => _open.Count > 0 && _open.Peek() is JsonObject;

    /// <summary>The whole value; throws when the tokens ended inside a container or gave no value.</summary>
    public object? Result => _done && _open.Count == 0 ? _result : throw Malformed("the text ends before the value does");

    public void StartObject() => Open(new JsonObject());

    public void StartArray() => Open(new List<object?>());

    public void End() => _open.Pop();

    public void Name(string name) => _name = Checked(name);

    public void String(string value) => Add(Checked(value));

    public void Number(string raw) => Add(s_number.IsMatch(raw) ? new JsonNumber(raw) : throw Malformed("a number outside JSON's grammar"));

    public void Boolean(bool value) => Add(value);

    public void Null() => Add(null);

    internal static FormatException Malformed(string what, Exception? inner = null) => new("Malformed JSON: " + what + ".", inner);

    private void Open(object container)
    {
        if (_open.Count >= MaxDepth)
        {
            throw Malformed("nested deeper than " + MaxDepth + " levels");
        }

        Add(container);
        _open.Push(container);
    }

    private void Add(object? value)
    {
        if (_open.Count == 0)
        {
            _result = _done ? throw Malformed("text after the value") : value;
            _done = true;
        }
        else if (_open.Peek() is JsonObject obj)
        {
            if (obj.Count == 0 && _name == "__type" && value is not string)
            {
                // .NET Framework's reader takes a first __type member for a type hint and fails on anything but a string.
                throw Malformed("a first member named __type that is not a string");
            }

            obj.Add(_name ?? throw Malformed("a member without a name"), value);
            _name = null;
        }
        else
        {
            ((List<object?>)_open.Peek()).Add(value);
        }
    }

    private static string Checked(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                throw Malformed("a string holds half of a surrogate pair");
            }
        }

        return text;
    }
}
