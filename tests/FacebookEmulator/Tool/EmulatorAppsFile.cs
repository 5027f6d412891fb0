using System.Text.Json;

namespace FacebookEmulator;

/// <summary>
/// Reads an --apps file into <see cref="EmulatorOptions"/>:
/// <code>
/// {
///   "apps": [ { "appId": "1234567890", "appSecret": "...", "name": "My App", "redirectUris": ["http://localhost:8765/callback/"], "default": true } ],
///   "businesses": [], "systemUsers": [], "whatsAppAccounts": [], "phoneNumbers": [], "templates": []
/// }
/// </code>
/// The business sections are read by <see cref="EmulatorSeed"/> (docs/emulator-apps-file.md has the full schema).
/// The app marked "default" (else the first) replaces the built-in default app; the others are registered beside it.
/// Names are matched exactly (camelCase); anything the emulator does not know is an error naming the file and place.
/// </summary>
internal static class EmulatorAppsFile
{
    private static readonly string[] s_appProperties = { "appId", "appSecret", "name", "redirectUris", "default" };

    /// <summary>The largest apps file read: far more than any set of test apps and businesses needs.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static void Load(string path, EmulatorOptions options)
    {
        string text;
        try
        {
            // Read with a bound, not ReadAllText: a device such as /dev/zero (or a huge file) would grow the emulator without end.
            using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var buffer = new byte[MaxBytes + 1];
            int total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            if (total > MaxBytes)
            {
                throw new ArgumentException($"--apps: '{path}' is larger than {MaxBytes / (1024 * 1024)} MB (or endless, like a device), which no apps file is. Give a JSON file of apps and businesses (see --help).");
            }

            text = new System.Text.UTF8Encoding(false).GetString(buffer, 0, total).TrimStart('\uFEFF');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--apps: cannot read '{path}': {ex.Message}");
        }

        Apply(text, path, options);
    }

    /// <summary>Applies the JSON <paramref name="text"/>; <paramref name="source"/> names it in messages.</summary>
    public static void Apply(string text, string source, EmulatorOptions options)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw Error(source, "$", "is not valid JSON: " + ex.Message);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(source, "$", "must be a JSON object with an \"apps\" array.");
            }

            var sections = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (property.Name == "$schema")
                {
                    continue;
                }

                if (property.Name == "apps")
                {
                    ApplyApps(property.Value, source, options);
                    continue;
                }

                if (!EmulatorSeedSections.Names.Contains(property.Name))
                {
                    throw Error(source, "$." + property.Name, "is not a section the emulator knows; use apps, " + string.Join(", ", EmulatorSeedSections.Names) + ".");
                }

                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    throw Error(source, "$." + property.Name, "must be an array.");
                }

                if (property.Value.GetArrayLength() == 0)
                {
                    continue;
                }

                sections[property.Name] = property.Value.Clone();
            }

            // After the apps, whatever order the file lists the sections in: entries may name the file's app ids.
            options.SeedSections = sections;
            options.Seed = EmulatorSeed.Parse(source, sections, options);
        }
    }

    private static void ApplyApps(JsonElement apps, string source, EmulatorOptions options)
    {
        if (apps.ValueKind != JsonValueKind.Array || apps.GetArrayLength() == 0)
        {
            throw Error(source, "$.apps", "must be an array of at least one app ({\"appId\", \"appSecret\", \"redirectUris\"}).");
        }

        var parsed = new List<(EmulatorApp App, bool IsDefault)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (JsonElement app in apps.EnumerateArray())
        {
            string where = "$.apps[" + index + "]";
            if (app.ValueKind != JsonValueKind.Object)
            {
                throw Error(source, where, "must be an object.");
            }

            foreach (JsonProperty property in app.EnumerateObject())
            {
                if (Array.IndexOf(s_appProperties, property.Name) < 0)
                {
                    throw Error(source, where + "." + property.Name, "is not an app property; use " + string.Join(", ", s_appProperties) + ".");
                }
            }

            string appId = RequiredString(app, "appId", source, where);
            if (!appId.All(char.IsAsciiDigit))
            {
                throw Error(source, where + ".appId", "must be digits, as Facebook's app ids are.");
            }

            if (!ids.Add(appId))
            {
                throw Error(source, where + ".appId", "repeats app " + appId + ".");
            }

            string appSecret = RequiredString(app, "appSecret", source, where);
            string? name = app.TryGetProperty("name", out JsonElement nameElement) ? StringValue(nameElement, source, where + ".name") : null;
            var redirectUris = new List<string>();
            if (app.TryGetProperty("redirectUris", out JsonElement uris))
            {
                if (uris.ValueKind != JsonValueKind.Array)
                {
                    throw Error(source, where + ".redirectUris", "must be an array of URIs.");
                }

                int n = 0;
                foreach (JsonElement uri in uris.EnumerateArray())
                {
                    string value = StringValue(uri, source, where + ".redirectUris[" + n + "]");
                    if (!Uri.TryCreate(value, UriKind.Absolute, out _))
                    {
                        throw Error(source, where + ".redirectUris[" + n + "]", "is not an absolute URI: '" + value + "'.");
                    }

                    redirectUris.Add(value);
                    n++;
                }
            }

            bool isDefault = false;
            if (app.TryGetProperty("default", out JsonElement defaultElement))
            {
                if (defaultElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw Error(source, where + ".default", "must be true or false.");
                }

                isDefault = defaultElement.GetBoolean();
            }

            parsed.Add((new EmulatorApp(appId, appSecret, redirectUris, name), isDefault));
            index++;
        }

        int defaults = parsed.Count(p => p.IsDefault);
        if (defaults > 1)
        {
            throw Error(source, "$.apps", "marks " + defaults + " apps \"default\": true; mark one.");
        }

        EmulatorApp main = defaults == 1 ? parsed.First(p => p.IsDefault).App : parsed[0].App;
        options.AppId = main.AppId;
        options.AppSecret = main.AppSecret;
        options.AppName = main.Name;
        options.RedirectUris = main.RedirectUris.ToList();
        options.AdditionalApps = parsed.Select(p => p.App).Where(a => !ReferenceEquals(a, main)).ToList();
    }

    private static string RequiredString(JsonElement app, string name, string source, string where)
    {
        if (!app.TryGetProperty(name, out JsonElement value))
        {
            throw Error(source, where, "has no \"" + name + "\".");
        }

        string text = StringValue(value, source, where + "." + name);
        if (text.Length == 0)
        {
            throw Error(source, where + "." + name, "is empty.");
        }

        return text;
    }

    private static string StringValue(JsonElement value, string source, string where) =>
        value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw Error(source, where, "must be a string.");

    private static ArgumentException Error(string source, string where, string what) =>
        new("--apps " + source + ": " + where + " " + what);
}
