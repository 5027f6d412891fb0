using System.Text.Json;

namespace FacebookEmulator;

/// <summary>
/// The --apps file's business sections, read and checked when the file is loaded (so a bad entry stops the tool at
/// start with a message naming the file and the JSON path), then applied to the state at start and after every
/// POST /_emulator/reset, on top of the built-in ids (docs/emulator-apps-file.md lists the schema).
/// </summary>
/// <remarks>
/// Businesses go to <see cref="BusinessDirectory"/>, the one list of businesses (system users and app ownership there;
/// <see cref="WhatsAppWorld"/> answers Graph reads of a business from it).
/// Order of application: businesses, whatsAppAccounts, phoneNumbers, systemUsers, templates - whatever order the file
/// lists them in. An entry whose id is a built-in one replaces it.
/// </remarks>
internal sealed class EmulatorSeed
{
    internal static readonly string[] QualityRatings = { "GREEN", "YELLOW", "RED", "UNKNOWN" };
    internal static readonly string[] Roles = { "EMPLOYEE", "ADMIN" };
    internal static readonly string[] TemplateStatuses = { "APPROVED", "PENDING", "REJECTED", "PAUSED", "DISABLED" };
    internal static readonly string[] TemplateCategories = { "UTILITY", "MARKETING", "AUTHENTICATION" };

    public List<(string Id, string Name, string[] AppIds)> Businesses { get; } = new();

    public List<WhatsAppAccount> WhatsAppAccounts { get; } = new();

    public List<(WhatsAppPhoneNumber Number, bool Registered)> PhoneNumbers { get; } = new();

    public List<(string Id, string Name, string Role, string BusinessId, string[] WabaIds, string[] InstalledAppIds)> SystemUsers { get; } = new();

    public List<(string AccountId, string Name, string Language, string Status, string Category)> Templates { get; } = new();

    public bool IsEmpty => Businesses.Count + WhatsAppAccounts.Count + PhoneNumbers.Count + SystemUsers.Count + Templates.Count == 0;

    /// <summary>Reads the sections (name to JSON array) against the apps already read into <paramref name="options"/>.</summary>
    public static EmulatorSeed Parse(string source, IReadOnlyDictionary<string, JsonElement> sections, EmulatorOptions options)
    {
        var seed = new EmulatorSeed();
        var reader = new Reader(source);
        var apps = new HashSet<string>(options.AdditionalApps.Select(a => a.AppId).Append(options.AppId), StringComparer.Ordinal);
        var businesses = new HashSet<string>(StringComparer.Ordinal) { BusinessDirectory.DefaultBusinessId, BusinessDirectory.ClientBusinessId };
        var wabas = new HashSet<string>(StringComparer.Ordinal) { options.WhatsAppBusinessAccountId, WhatsAppWorld.ClientAccountId };

        foreach ((string where, JsonElement entry) in reader.Entries(sections, "businesses"))
        {
            reader.OnlyProperties(entry, where, "id", "name", "appIds");
            string id = reader.Id(entry, where, "id", seed.Businesses.Select(b => b.Id), "business");
            string name = reader.Text(entry, where, "name");
            string[] appIds = reader.Ids(entry, where, "appIds", apps, "an app of $.apps (or the default app)");
            seed.Businesses.Add((id, name, appIds));
            businesses.Add(id);
        }

        foreach ((string where, JsonElement entry) in reader.Entries(sections, "whatsAppAccounts"))
        {
            reader.OnlyProperties(entry, where, "id", "name", "businessId", "clientBusinessIds", "currency", "timezoneId");
            string id = reader.Id(entry, where, "id", seed.WhatsAppAccounts.Select(a => a.Id), "WhatsApp Business Account");
            var account = new WhatsAppAccount(id, reader.Text(entry, where, "name"), reader.Reference(entry, where, "businessId", businesses, "a business"))
            {
                ClientBusinessIds = reader.Ids(entry, where, "clientBusinessIds", businesses, "a business"),
                Currency = reader.OptionalText(entry, where, "currency") ?? "USD",
                TimezoneId = reader.OptionalText(entry, where, "timezoneId") ?? "1",
            };
            seed.WhatsAppAccounts.Add(account);
            wabas.Add(id);
        }

        foreach ((string where, JsonElement entry) in reader.Entries(sections, "phoneNumbers"))
        {
            reader.OnlyProperties(entry, where, "id", "whatsAppAccountId", "displayPhoneNumber", "verifiedName", "qualityRating", "registered");
            string id = reader.Id(entry, where, "id", seed.PhoneNumbers.Select(p => p.Number.Id), "phone number");
            string accountId = reader.Reference(entry, where, "whatsAppAccountId", wabas, "a WhatsApp Business Account");
            string display = reader.Text(entry, where, "displayPhoneNumber");
            string verifiedName = reader.Text(entry, where, "verifiedName");
            string quality = reader.OneOf(entry, where, "qualityRating", QualityRatings) ?? "GREEN";
            bool registered = reader.OptionalBoolean(entry, where, "registered") ?? true;
            seed.PhoneNumbers.Add((new WhatsAppPhoneNumber(id, accountId, display, verifiedName, quality), registered));
        }

        foreach ((string where, JsonElement entry) in reader.Entries(sections, "systemUsers"))
        {
            reader.OnlyProperties(entry, where, "id", "name", "role", "businessId", "whatsAppAccountIds", "installedAppIds");
            string id = reader.Id(entry, where, "id", seed.SystemUsers.Select(u => u.Id), "system user");
            string name = reader.Text(entry, where, "name");
            string role = reader.OneOf(entry, where, "role", Roles) ?? "EMPLOYEE";
            string businessId = reader.Reference(entry, where, "businessId", businesses, "a business");
            string[] assigned = reader.Ids(entry, where, "whatsAppAccountIds", wabas, "a WhatsApp Business Account");
            string[] installed = reader.Ids(entry, where, "installedAppIds", apps, "an app of $.apps (or the default app)");
            seed.SystemUsers.Add((id, name, role, businessId, assigned, installed));
        }

        foreach ((string where, JsonElement entry) in reader.Entries(sections, "templates"))
        {
            reader.OnlyProperties(entry, where, "whatsAppAccountId", "name", "language", "status", "category");
            string accountId = reader.Reference(entry, where, "whatsAppAccountId", wabas, "a WhatsApp Business Account");
            string name = reader.Text(entry, where, "name");
            if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
            {
                throw reader.Error(where + ".name", "must be lowercase letters, digits and underscores, as Facebook's template names are, not '" + name + "'.");
            }

            string language = reader.OptionalText(entry, where, "language") ?? "en_US";
            if (seed.Templates.Any(t => t.AccountId == accountId && t.Name == name && t.Language == language))
            {
                throw reader.Error(where, "repeats template " + name + " (" + language + ") of WhatsApp Business Account " + accountId + ".");
            }

            string status = reader.OneOf(entry, where, "status", TemplateStatuses) ?? "APPROVED";
            string category = reader.OneOf(entry, where, "category", TemplateCategories) ?? "UTILITY";
            seed.Templates.Add((accountId, name, language, status, category));
        }

        return seed;
    }

    /// <summary>Adds the entries to the state (after its reset to the built-in ids).</summary>
    public void ApplyTo(EmulatorState state)
    {
        foreach ((string id, string name, string[] appIds) in Businesses)
        {
            state.Business.AddBusiness(id, name);
            foreach (string appId in appIds)
            {
                state.Business.SetAppOwner(appId, id);
            }
        }

        foreach (WhatsAppAccount account in WhatsAppAccounts)
        {
            state.WhatsApp.AddAccount(account);
        }

        foreach ((WhatsAppPhoneNumber number, bool registered) in PhoneNumbers)
        {
            state.WhatsApp.AddPhoneNumber(number);
            state.WhatsAppMessaging.SetRegistered(number.Id, registered);
        }

        foreach ((string id, string name, string role, string businessId, string[] wabaIds, string[] installed) in SystemUsers)
        {
            state.Business.AddSystemUser(id, name, role, businessId, wabaIds);
            foreach (string appId in installed)
            {
                state.Business.Install(id, appId);
            }
        }

        foreach ((string accountId, string name, string language, string status, string category) in Templates)
        {
            state.WhatsAppMessaging.SetTemplate(accountId, name, language, status, category);
        }
    }

    /// <summary>Reads entries and values, every error naming the file and the JSON path.</summary>
    private sealed class Reader
    {
        private readonly string _source;

        public Reader(string source) => _source = source;

        public IEnumerable<(string Where, JsonElement Entry)> Entries(IReadOnlyDictionary<string, JsonElement> sections, string section)
        {
            if (!sections.TryGetValue(section, out JsonElement array))
            {
                yield break;
            }

            int index = 0;
            foreach (JsonElement entry in array.EnumerateArray())
            {
                string where = "$." + section + "[" + index++ + "]";
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    throw Error(where, "must be an object.");
                }

                yield return (where, entry);
            }
        }

        public void OnlyProperties(JsonElement entry, string where, params string[] names)
        {
            foreach (JsonProperty property in entry.EnumerateObject())
            {
                if (Array.IndexOf(names, property.Name) < 0)
                {
                    throw Error(where + "." + property.Name, "is not a property here; use " + string.Join(", ", names) + ".");
                }
            }
        }

        public string Id(JsonElement entry, string where, string name, IEnumerable<string> earlier, string what)
        {
            string id = Text(entry, where, name);
            if (!id.All(char.IsAsciiDigit))
            {
                throw Error(where + "." + name, "must be digits, as Facebook's ids are, not '" + id + "'.");
            }

            if (earlier.Contains(id, StringComparer.Ordinal))
            {
                throw Error(where + "." + name, "repeats " + what + " " + id + ".");
            }

            return id;
        }

        public string Reference(JsonElement entry, string where, string name, IReadOnlySet<string> known, string what)
        {
            string id = Text(entry, where, name);
            return known.Contains(id)
                ? id
                : throw Error(where + "." + name, "names " + id + ", which is not " + what + " of this file or a built-in one (" + string.Join(", ", known.Order(StringComparer.Ordinal)) + ").");
        }

        public string[] Ids(JsonElement entry, string where, string name, IReadOnlySet<string> known, string what)
        {
            if (!entry.TryGetProperty(name, out JsonElement array))
            {
                return Array.Empty<string>();
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                throw Error(where + "." + name, "must be an array of ids.");
            }

            var ids = new List<string>();
            int n = 0;
            foreach (JsonElement item in array.EnumerateArray())
            {
                string at = where + "." + name + "[" + n++ + "]";
                string id = item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Error(at, "must be a string.");
                if (!known.Contains(id))
                {
                    throw Error(at, "names " + id + ", which is not " + what + " of this file or a built-in one (" + string.Join(", ", known.Order(StringComparer.Ordinal)) + ").");
                }

                ids.Add(id);
            }

            return ids.ToArray();
        }

        public string Text(JsonElement entry, string where, string name)
        {
            if (!entry.TryGetProperty(name, out _))
            {
                throw Error(where, "has no \"" + name + "\".");
            }

            string text = OptionalText(entry, where, name)!;
            return text.Length > 0 ? text : throw Error(where + "." + name, "is empty.");
        }

        public string? OptionalText(JsonElement entry, string where, string name)
        {
            if (!entry.TryGetProperty(name, out JsonElement value))
            {
                return null;
            }

            return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error(where + "." + name, "must be a string.");
        }

        public string? OneOf(JsonElement entry, string where, string name, string[] allowed)
        {
            string? text = OptionalText(entry, where, name);
            return text is null || Array.IndexOf(allowed, text) >= 0
                ? text
                : throw Error(where + "." + name, "must be one of " + string.Join(", ", allowed) + ", not '" + text + "'.");
        }

        public bool? OptionalBoolean(JsonElement entry, string where, string name)
        {
            if (!entry.TryGetProperty(name, out JsonElement value))
            {
                return null;
            }

            return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Error(where + "." + name, "must be true or false.");
        }

        public ArgumentException Error(string where, string what) => new("--apps " + _source + ": " + where + " " + what);
    }
}
