using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using FacebookToken.Json;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>
/// How one named token is kept in a SecretManagement vault: one secret named <c>FacebookToken-&lt;name&gt;</c>. Where
/// the vault keeps metadata, the secret is the token itself and its metadata (kind, app id, expiry, scopes, granular
/// scopes, saved on) are plain strings beside it, so listing decrypts nothing; otherwise the secret is a small JSON
/// document holding the token and the same fields. BCL only: the module moves these values to and from the vault.
/// </summary>
/// <remarks>
/// One name scheme for every vault: Azure Key Vault allows only letters, digits and dashes, 127 characters at most,
/// so a token name may hold only those, 113 characters at most after the prefix. A secret without the marker
/// (metadata <c>FacebookToken</c> = 1, or the document's <c>format</c>) is not an entry and is never overwritten.
/// </remarks>
internal static class VaultEntry
{
    public const string SecretPrefix = "FacebookToken-";
    public const int MaximumSecretNameLength = 127;
    public const int MaximumNameLength = MaximumSecretNameLength - 14;

    /// <summary>The metadata member that marks an entry, and its value.</summary>
    public const string MarkerKey = "FacebookToken";
    public const string MarkerValue = "1";

    private const string EnvelopeFormat = "FacebookToken.VaultEntry";

    /// <summary>The secret name for a token name; throws InvalidVaultTokenName for a name no vault scheme can keep.</summary>
    public static string SecretName(string? name)
    {
        TokenName.Validate(name);
        if (name!.Length > MaximumNameLength || name.Any(c => !(c is >= 'a' and <= 'z' || c is >= 'A' and <= 'Z' || c is >= '0' and <= '9' || c == '-')))
        {
            throw new FacebookInputException(
                "InvalidVaultTokenName",
                "Name",
                "Name " + InputValidation.Show(name) + " cannot name a token in a vault: there it becomes the secret '" + SecretPrefix + "<name>', and every vault (Azure Key Vault the strictest) takes only letters, digits and dashes, "
                    + MaximumSecretNameLength + " characters in all, so use 1 to " + MaximumNameLength + " letters, digits and dashes, e.g. wa-prod. Nothing was written.");
        }

        return SecretPrefix + name;
    }

    /// <summary>The token name a secret name stands for, or null when the secret is not named as an entry.</summary>
    public static string? TokenNameOf(string? secretName) =>
        secretName != null && secretName.Length > SecretPrefix.Length && secretName.StartsWith(SecretPrefix, StringComparison.OrdinalIgnoreCase)
            ? secretName.Substring(SecretPrefix.Length)
            : null;

    /// <summary>The metadata of a token kept as itself: strings only, which every vault with metadata takes (Key Vault tags included).</summary>
    public static IDictionary<string, object> Metadata(FacebookAccessToken token, DateTimeOffset savedOn)
    {
        var metadata = new Dictionary<string, object>(StringComparer.Ordinal) { [MarkerKey] = MarkerValue };
        foreach (KeyValuePair<string, object?> member in CachedToken.From(token, string.Empty, savedOn).ToJson())
        {
            string key = char.ToUpperInvariant(member.Key[0]) + member.Key.Substring(1);
            switch (member.Value)
            {
                case null:
                    break;
                case string when member.Key is "name" or "accessToken":
                    break;
                case string text:
                    metadata[key] = text;
                    break;
                case List<object?> list when member.Key == "scopes":
                    if (list.Count > 0)
                    {
                        metadata[key] = string.Join(",", list.Select(s => Convert.ToString(s, CultureInfo.InvariantCulture)));
                    }

                    break;
                default:
                    metadata[key] = JsonText.Write(member.Value);
                    break;
            }
        }

        return metadata;
    }

    /// <summary>Whether a secret's metadata marks it as an entry.</summary>
    public static bool IsEntry(IReadOnlyDictionary<string, object?>? metadata) =>
        metadata != null && metadata.TryGetValue(MarkerKey, out object? marker) && string.Equals(Text(marker), MarkerValue, StringComparison.Ordinal);

    /// <summary>The token from a secret kept as itself and its metadata (<see cref="IsEntry"/> true).</summary>
    public static FacebookAccessToken FromMetadata(string name, IReadOnlyDictionary<string, object?> metadata, SecureString secret)
    {
        var o = new JsonObject().Add("name", name).Add("accessToken", "-");
        foreach (KeyValuePair<string, object?> member in metadata)
        {
            if (member.Key == MarkerKey || member.Key.Length == 0)
            {
                continue;
            }

            string key = char.ToLowerInvariant(member.Key[0]) + member.Key.Substring(1);
            string? text = Text(member.Value);
            object? value = key switch
            {
                "scopes" => (text ?? string.Empty).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => (object?)s.Trim()).ToList(),
                "granularScopes" => text is null ? null : JsonText.Parse(text),
                _ => text,
            };
            o.Add(key, value);
        }

        CachedToken entry;
        try
        {
            entry = CachedToken.Read(o);
        }
        catch (Exception ex) when (ex is FormatException)
        {
            throw new FormatException("the metadata of the vault entry '" + name + "' cannot be read: " + ex.Message, ex);
        }

        return entry.ToAccessToken(secret);
    }

    /// <summary>The secret for a vault without metadata: the token and its metadata in one small JSON document.</summary>
    public static SecureString Envelope(FacebookAccessToken token, string name, DateTimeOffset savedOn)
    {
        JsonObject entry = CachedToken.From(token, name, savedOn).ToJson();
        var document = new JsonObject().Add("format", EnvelopeFormat).Add("version", JsonNumber.From(1));
        foreach (KeyValuePair<string, object?> member in entry)
        {
            document.Add(member.Key, member.Value);
        }

        return JsonText.Write(document).ToSecureString();
    }

    /// <summary>The token from a secret written by <see cref="Envelope"/>, or null when the secret is not one (e.g. someone else's).</summary>
    public static FacebookAccessToken? FromEnvelope(string name, SecureString secret)
    {
        string text = secret.ToPlainText();
        if (text.Length == 0 || text[0] != '{')
        {
            return null;
        }

        JsonObject? document;
        try
        {
            document = JsonText.TryParseObject(text);
        }
        catch (FormatException)
        {
            return null;
        }

        if (document is null || document.GetString("format") != EnvelopeFormat)
        {
            return null;
        }

        if ((document.GetInt64("version") ?? 0) > 1)
        {
            throw new FormatException("the vault entry '" + name + "' was written by a newer FacebookToken (entry format " + document.GetInt64("version") + ")");
        }

        FacebookAccessToken token = CachedToken.Read(document).ToAccessToken();
        token.Name = name;
        return token;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d).ToUniversalTime().ToString("o", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
