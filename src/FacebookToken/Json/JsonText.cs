using System;

namespace FacebookToken.Json;

/// <summary>
/// Reads JSON text into the tree (<see cref="JsonObject"/>, lists, strings, <see cref="JsonNumber"/>, booleans, null)
/// and writes a tree back, with the framework's JSON: System.Text.Json on .NET, JsonReaderWriterFactory on .NET
/// Framework, which ships with Windows and so can clash with no other module's copy.
/// </summary>
/// <remarks>A leading byte order mark is ignored (RFC 8259 8.1 allows it). Any malformed input throws <see cref="FormatException"/>.</remarks>
internal static class JsonText
{
    public static object? Parse(string text) =>
#if NET
        Parse(text, SystemTextJson.Read);
#else
        Parse(text, DataContractJson.Read);
#endif

    /// <summary>The object <paramref name="text"/> holds, or null when it is not a JSON object (headers Facebook may shape differently).</summary>
    public static JsonObject? TryParseObject(string text)
    {
        try
        {
            return Parse(text) as JsonObject;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string Write(object? tree) =>
#if NET
        SystemTextJson.Write(tree);
#else
        DataContractJson.Write(tree);
#endif

    /// <summary>Test seam: reads with the given framework reader, so tests can hold both readers to one corpus.</summary>
    internal static object? Parse(string text, Action<string, JsonTreeBuilder> reader)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text.Substring(1);
        }

        var builder = new JsonTreeBuilder();
        try
        {
            reader(text, builder);
        }
        catch (Exception ex) when (ex is not FormatException && ex is not OutOfMemoryException)
        {
            // The framework's own text differs by build; one message keeps the two builds' errors alike.
            throw JsonTreeBuilder.Malformed("broken syntax or an early end", ex);
        }

        return builder.Result;
    }
}
