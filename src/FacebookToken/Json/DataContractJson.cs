#if !NET || DESKTOP_JSON_UNDER_TEST
using System.Collections.Generic;
using System.IO;
using System.Runtime.Serialization.Json;
using System.Text;
using System.Xml;

namespace FacebookToken.Json;

/// <summary>
/// The .NET Framework build's reader and writer: JsonReaderWriterFactory, which presents JSON as XML elements
/// (<c>root</c>, members by name or as <c>item</c> with an <c>item</c> attribute, a <c>type</c> attribute on each).
/// </summary>
/// <remarks>
/// Its reader is lax (trailing commas, missing closing brackets at the end, a second value, NaN), so
/// <see cref="JsonStructureCheck"/> runs first; it turns a first member named <c>__type</c> into an attribute, which is
/// read back here. The tests compile this file into the .NET test assembly and hold it to the same corpus as
/// System.Text.Json.
/// </remarks>
internal static class DataContractJson
{
    private const string ItemNamespace = "item";

    private static readonly XmlDictionaryReaderQuotas s_quotas = new()
    {
        MaxDepth = (2 * JsonTreeBuilder.MaxDepth) + 2,
        MaxStringContentLength = int.MaxValue,
        MaxArrayLength = int.MaxValue,
        MaxBytesPerRead = int.MaxValue,
        MaxNameTableCharCount = int.MaxValue,
    };

    public static void Read(string text, JsonTreeBuilder builder)
    {
        JsonStructureCheck.Check(text);
        using XmlDictionaryReader reader = JsonReaderWriterFactory.CreateJsonReader(Encoding.UTF8.GetBytes(text), s_quotas);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                builder.End();
            }
            else if (reader.NodeType == XmlNodeType.Element)
            {
                if (builder.InObject)
                {
                    builder.Name(reader.NamespaceURI == ItemNamespace ? reader.GetAttribute(ItemNamespace) ?? string.Empty : reader.LocalName);
                }

                ReadElement(reader, builder);
            }
        }
    }

    public static string Write(object? tree)
    {
        using var buffer = new MemoryStream();
        using (XmlDictionaryWriter writer = JsonReaderWriterFactory.CreateJsonWriter(buffer, new UTF8Encoding(false), ownsStream: false))
        {
            writer.WriteStartElement("root");
            Write(writer, tree);
            writer.WriteEndElement();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void ReadElement(XmlDictionaryReader reader, JsonTreeBuilder builder)
    {
        string type = reader.GetAttribute("type") ?? "string";
        string? typeMember = reader.GetAttribute("__type");
        bool empty = reader.IsEmptyElement;
        switch (type)
        {
            case "object":
                builder.StartObject();
                if (typeMember != null)
                {
                    builder.Name("__type");
                    builder.String(typeMember);
                }

                break;
            case "array":
                builder.StartArray();
                break;
            default:
                // A string's text may come in several nodes (escapes split it); a number's or a boolean's only in one.
                var sb = new StringBuilder();
                int parts = 0;
                while (!empty && reader.Read() && reader.NodeType != XmlNodeType.EndElement)
                {
                    sb.Append(reader.Value);
                    parts++;
                }

                string value = sb.ToString();
                switch (type)
                {
                    case "number": builder.Number(parts == 1 ? value : string.Empty); break;
                    case "boolean": Boolean(builder, parts == 1 ? value : string.Empty); break;
                    case "null": Null(builder, parts); break;
                    default: builder.String(value); break;
                }

                return;
        }

        if (empty)
        {
            builder.End();
        }
    }

    private static void Boolean(JsonTreeBuilder builder, string value)
    {
        if (value != "true" && value != "false")
        {
            throw JsonTreeBuilder.Malformed("a literal other than true, false or null");
        }

        builder.Boolean(value == "true");
    }

    private static void Null(JsonTreeBuilder builder, int parts)
    {
        if (parts != 0)
        {
            throw JsonTreeBuilder.Malformed("a literal other than true, false or null");
        }

        builder.Null();
    }

    private static void Write(XmlDictionaryWriter writer, object? value)
    {
        switch (value)
        {
            case JsonObject obj:
                writer.WriteAttributeString("type", "object");
                foreach (KeyValuePair<string, object?> member in obj)
                {
                    // The item form takes any name, also those that are not XML names.
                    writer.WriteStartElement("a", "item", ItemNamespace);
                    writer.WriteAttributeString(ItemNamespace, member.Key);
                    Write(writer, member.Value);
                    writer.WriteEndElement();
                }

                break;
            case List<object?> list:
                writer.WriteAttributeString("type", "array");
                foreach (object? item in list)
                {
                    writer.WriteStartElement("item");
                    Write(writer, item);
                    writer.WriteEndElement();
                }

                break;
            case string s:
                writer.WriteAttributeString("type", "string");
                writer.WriteString(s);
                break;
            case JsonNumber n:
                writer.WriteAttributeString("type", "number");
                writer.WriteString(n.Raw);
                break;
            case bool b:
                writer.WriteAttributeString("type", "boolean");
                writer.WriteString(b ? "true" : "false");
                break;
            default:
                writer.WriteAttributeString("type", "null");
                break;
        }
    }
}
#endif
