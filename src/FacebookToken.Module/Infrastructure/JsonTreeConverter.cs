using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using FacebookToken.Json;

namespace FacebookToken.Module;

/// <summary>
/// Between PowerShell values and core's JSON tree (<see cref="JsonObject"/>, lists, strings, <see cref="JsonNumber"/>,
/// booleans, null): -Body in, answers out as PSCustomObject or Hashtable. Core writes and reads the JSON text.
/// </summary>
internal static class JsonTreeConverter
{
    private const int MaxDepth = 64;

    /// <summary>-Body as a tree: a JSON string is parsed (and must hold an object or array), anything else converted.</summary>
    public static object? FromBody(object body)
    {
        object value = body is PSObject pso && pso.BaseObject is not PSCustomObject ? pso.BaseObject : body;
        if (value is string text)
        {
            object? parsed;
            try
            {
                parsed = JsonText.Parse(text);
            }
            catch (FormatException ex)
            {
                throw new FacebookInputException("InvalidBody", "Body", "-Body is a string that is not valid JSON (" + ex.Message.TrimEnd('.') + "). Give a JSON object, or a hashtable or PSCustomObject to be sent as JSON.");
            }

            if (parsed is not JsonObject && parsed is not List<object?>)
            {
                throw new FacebookInputException("InvalidBody", "Body", "-Body is JSON text that holds no object or array. Graph takes a JSON object, e.g. '{\"messaging_product\":\"whatsapp\",...}'.");
            }

            return parsed;
        }

        return ToTree(body, 0);
    }

    private static object? ToTree(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FacebookInputException("InvalidBody", "Body", "-Body is nested more than " + MaxDepth + " levels deep (or refers to itself).");
        }

        if (value is PSObject pso)
        {
            if (pso.BaseObject is PSCustomObject)
            {
                var obj = new JsonObject();
                foreach (PSPropertyInfo property in pso.Properties)
                {
                    obj.Add(property.Name, ToTree(property.Value, depth + 1));
                }

                return obj;
            }

            value = pso.BaseObject;
        }

        switch (value)
        {
            case null:
                return null;
            case string s:
                return s;
            case char c:
                return c.ToString();
            case bool b:
                return b;
            case SecureString:
                throw new FacebookInputException("InvalidBody", "Body", "-Body holds a SecureString, which is not sent as text on purpose. Put the plain value in the body if it must be sent.");
            case Enum e:
                return e.ToString();
            case byte or sbyte or short or ushort or int or uint or long or ulong:
                return new JsonNumber(Convert.ToString(value, CultureInfo.InvariantCulture)!);
            case float or double or decimal:
                double d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsNaN(d) || double.IsInfinity(d))
                {
                    throw new FacebookInputException("InvalidBody", "Body", "-Body holds a number (NaN or infinity) that JSON cannot carry.");
                }

                return new JsonNumber(value is decimal m ? m.ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture));
            case DateTime dt:
                return dt.ToString("o", CultureInfo.InvariantCulture);
            case DateTimeOffset dto:
                return dto.ToString("o", CultureInfo.InvariantCulture);
            case IDictionary dictionary:
                var fromDictionary = new JsonObject();
                foreach (DictionaryEntry entry in dictionary)
                {
                    string name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    try
                    {
                        fromDictionary.Add(name, ToTree(entry.Value, depth + 1));
                    }
                    catch (FormatException)
                    {
                        throw new FacebookInputException("InvalidBody", "Body", "-Body names '" + name + "' twice.");
                    }
                }

                return fromDictionary;
            case IEnumerable list:
                var items = new List<object?>();
                foreach (object? item in list)
                {
                    items.Add(ToTree(item, depth + 1));
                }

                return items;
            default:
                // Other objects go as their public properties, as ConvertTo-Json sends them.
                var wrapped = PSObject.AsPSObject(value);
                var fromObject = new JsonObject();
                foreach (PSPropertyInfo property in wrapped.Properties)
                {
                    if (property.IsGettable && property.MemberType == PSMemberTypes.Property)
                    {
                        fromObject.Add(property.Name, ToTree(property.Value, depth + 1));
                    }
                }

                return fromObject;
        }
    }

    /// <summary>A tree value as PowerShell shows it: objects as PSCustomObject (or Hashtable), arrays as object[], numbers as long, decimal or double.</summary>
    public static object? ToPowerShell(object? value, bool asHashtable) => value switch
    {
        JsonObject obj => asHashtable ? ToHashtable(obj) : ToPSObject(obj),
        List<object?> list => ToArray(list, asHashtable),
        JsonNumber n => ToNumber(n),
        _ => value,
    };

    private static PSObject ToPSObject(JsonObject obj)
    {
        var result = new PSObject();
        foreach (KeyValuePair<string, object?> member in obj)
        {
            result.Properties.Add(new PSNoteProperty(member.Key, ToPowerShell(member.Value, asHashtable: false)));
        }

        return result;
    }

    private static Hashtable ToHashtable(JsonObject obj)
    {
        // Case-insensitive like every PowerShell hashtable; JSON names that differ only by case keep the last.
        var result = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, object?> member in obj)
        {
            result[member.Key] = ToPowerShell(member.Value, asHashtable: true);
        }

        return result;
    }

    private static object?[] ToArray(List<object?> list, bool asHashtable)
    {
        var result = new object?[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            result[i] = ToPowerShell(list[i], asHashtable);
        }

        return result;
    }

    private static object ToNumber(JsonNumber n)
    {
        if (long.TryParse(n.Raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l))
        {
            return l;
        }

        if (decimal.TryParse(n.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal m) && n.Raw.IndexOfAny(new[] { 'e', 'E' }) < 0)
        {
            return m;
        }

        return double.TryParse(n.Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && !double.IsInfinity(d) ? d : n.Raw;
    }
}
