#if !NET || DESKTOP_JSON_UNDER_TEST
using System.Collections.Generic;

namespace FacebookToken.Json;

/// <summary>
/// Checks only what .NET Framework's JsonReaderWriterFactory lets through: brackets, commas and colons in their places,
/// nothing after the value, nothing missing at the end. Strings and scalars are left to that reader.
/// </summary>
/// <remarks>
/// That reader takes <c>[1,]</c>, <c>{"a":1</c>, <c>{"a":1}{"b":2}</c> and drops the second object of <c>[{} {}]</c>
/// (JsonCorpus.json holds each); System.Text.Json refuses them all, and one answer must mean one thing on both builds.
/// </remarks>
internal static class JsonStructureCheck
{
    private enum Expect
    {
        Value,
        ValueOrClose,
        NameOrClose,
        Name,
        Colon,
        CommaOrClose,
        Nothing,
    }

    public static void Check(string text)
    {
        var open = new Stack<char>();
        Expect expect = Expect.Value;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            {
                continue;
            }

            bool close = c == ']' || c == '}';
            if (close && (expect == Expect.CommaOrClose || expect == Expect.ValueOrClose || expect == Expect.NameOrClose)
                && open.Count > 0 && open.Pop() == (c == ']' ? '[' : '{'))
            {
                expect = open.Count == 0 ? Expect.Nothing : Expect.CommaOrClose;
            }
            else if (c == ',' && expect == Expect.CommaOrClose)
            {
                expect = open.Peek() == '{' ? Expect.Name : Expect.Value;
            }
            else if (c == ':' && expect == Expect.Colon)
            {
                expect = Expect.Value;
            }
            else if (c == '"' && expect != Expect.CommaOrClose && expect != Expect.Colon && expect != Expect.Nothing)
            {
                for (i++; i < text.Length && text[i] != '"'; i++)
                {
                    i += text[i] == '\\' ? 1 : 0;
                }

                if (i >= text.Length)
                {
                    throw Broken();
                }

                expect = expect == Expect.Name || expect == Expect.NameOrClose ? Expect.Colon : AfterValue(open);
            }
            else if ((c == '[' || c == '{') && (expect == Expect.Value || expect == Expect.ValueOrClose))
            {
                open.Push(c);
                expect = c == '[' ? Expect.ValueOrClose : Expect.NameOrClose;
            }
            else if (!close && c != ',' && c != ':' && c != '[' && c != '{' && c != '"' && (expect == Expect.Value || expect == Expect.ValueOrClose))
            {
                // A number or a literal: its characters are the reader's to judge.
                while (i + 1 < text.Length && "\"{}[],: \t\n\r".IndexOf(text[i + 1]) < 0)
                {
                    i++;
                }

                expect = AfterValue(open);
            }
            else
            {
                throw Broken();
            }
        }

        if (expect != Expect.Nothing)
        {
            throw Broken();
        }
    }

    private static System.FormatException Broken() => JsonTreeBuilder.Malformed("broken syntax or an early end");

    private static Expect AfterValue(Stack<char> open) => open.Count == 0 ? Expect.Nothing : Expect.CommaOrClose;
}
#endif
