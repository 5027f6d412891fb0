#if NET
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace FacebookToken.Json;

/// <summary>The .NET build's reader and writer: System.Text.Json, part of the runtime PowerShell 7 runs on.</summary>
internal static class SystemTextJson
{
    public static void Read(string text, JsonTreeBuilder builder)
    {
        // Twice the shared limit, so JsonTreeBuilder's check, the same on both builds, is the one that fires.
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = 2 * JsonTreeBuilder.MaxDepth });
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject: builder.StartObject(); break;
                case JsonTokenType.StartArray: builder.StartArray(); break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray: builder.End(); break;
                case JsonTokenType.PropertyName: builder.Name(reader.GetString()!); break;
                case JsonTokenType.String: builder.String(reader.GetString()!); break;
                case JsonTokenType.Number: builder.Number(Encoding.UTF8.GetString(reader.ValueSpan)); break;
                case JsonTokenType.True: builder.Boolean(true); break;
                case JsonTokenType.False: builder.Boolean(false); break;
                default: builder.Null(); break;
            }
        }
    }

    public static string Write(object? tree)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, tree);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (KeyValuePair<string, object?> member in obj)
                {
                    writer.WritePropertyName(member.Key);
                    Write(writer, member.Value);
                }

                writer.WriteEndObject();
                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (object? item in list)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case string s: writer.WriteStringValue(s); break;
            case JsonNumber n: writer.WriteRawValue(n.Raw); break;
            case bool b: writer.WriteBooleanValue(b); break;
            default: writer.WriteNullValue(); break;
        }
    }
}
#endif
