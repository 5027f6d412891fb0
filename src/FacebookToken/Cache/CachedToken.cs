using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security;
using System.Text;
using FacebookToken.Json;
using FacebookToken.Secrets;

namespace FacebookToken.Cache;

/// <summary>One cache entry: the token and its metadata, as stored (inside the encrypted blob).</summary>
internal sealed class CachedToken
{
    public string Name { get; set; } = string.Empty;

    public string AccessToken { get; set; } = string.Empty;

    public string TokenType { get; set; } = "Bearer";

    public FacebookTokenKind Kind { get; set; }

    public string? AppId { get; set; }

    public string? UserId { get; set; }

    public string[] Scopes { get; set; } = new string[0];

    /// <summary>Added after the first release: absent in older files, which read as none.</summary>
    public FacebookGranularScope[] GranularScopes { get; set; } = new FacebookGranularScope[0];

    public DateTimeOffset? ExpiresOn { get; set; }

    public DateTimeOffset? DataAccessExpiresOn { get; set; }

    public DateTimeOffset SavedOn { get; set; }

    public static CachedToken From(FacebookAccessToken token, string name, DateTimeOffset now) => new()
    {
        Name = name,
        AccessToken = token.AccessToken.ToPlainText(),
        TokenType = token.TokenType,
        Kind = token.Kind,
        AppId = token.AppId,
        UserId = token.UserId,
        Scopes = token.Scopes ?? new string[0],
        GranularScopes = token.GranularScopes ?? new FacebookGranularScope[0],
        ExpiresOn = token.ExpiresOn,
        DataAccessExpiresOn = token.DataAccessExpiresOn,
        SavedOn = now,
    };

    public FacebookAccessToken ToAccessToken() => ToAccessToken(AccessToken.ToSecureString());

    /// <summary>A token object of this entry's metadata carrying <paramref name="token"/> (the caller's; not <see cref="AccessToken"/>).</summary>
    public FacebookAccessToken ToAccessToken(SecureString token) => new(token, Kind, AppId)
    {
        TokenType = TokenType,
        UserId = UserId,
        Scopes = Scopes,
        GranularScopes = GranularScopes,
        ExpiresOn = ExpiresOn,
        DataAccessExpiresOn = DataAccessExpiresOn,
        Name = Name,
        SavedOn = SavedOn,
    };

    /// <summary>The entry as UTF-8 JSON, a record's contents (<see cref="RecordContainer"/>); the caller wipes it.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(JsonText.Write(ToJson()));

    /// <summary>An entry from a record's UTF-8 JSON. Throws FormatException for anything else.</summary>
    public static CachedToken FromBytes(byte[] entry) =>
        JsonText.Parse(Encoding.UTF8.GetString(entry)) is JsonObject o ? Read(o) : throw new FormatException("a cache entry is not a JSON object");

    /// <summary>The entry as JSON; the member names are the cache format (files written by earlier versions use them).</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject()
            .Add("name", Name)
            .Add("accessToken", AccessToken)
            .Add("tokenType", TokenType)
            .Add("kind", Kind.ToString())
            .Add("appId", AppId)
            .Add("userId", UserId)
            .Add("scopes", new List<object?>(Scopes));
        if (GranularScopes.Length > 0)
        {
            // Written only when there are some, so an entry without them stays byte for byte what earlier builds wrote.
            o.Add("granularScopes", GranularScopes.Select(g => (object?)new JsonObject().Add("scope", g.Scope).Add("targetIds", new List<object?>(g.TargetIds))).ToList());
        }

        return o
            .Add("expiresOn", Time(ExpiresOn))
            .Add("dataAccessExpiresOn", Time(DataAccessExpiresOn))
            .Add("savedOn", Time(SavedOn));
    }

    public static CachedToken Read(JsonObject o)
    {
        string? name = o.GetString("name");
        string? token = o.GetString("accessToken");
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(token))
        {
            throw new FormatException("a cache entry has no name or no token");
        }

        return new CachedToken
        {
            Name = name!,
            AccessToken = token!,
            TokenType = o.GetString("tokenType") ?? "Bearer",
            Kind = Enum.TryParse(o.GetString("kind"), out FacebookTokenKind kind) ? kind : FacebookTokenKind.Unknown,
            AppId = o.GetString("appId"),
            UserId = o.GetString("userId"),
            Scopes = o.GetStringArray("scopes"),
            GranularScopes = ReadGranular(o),
            ExpiresOn = ParseTime(o.GetString("expiresOn")),
            DataAccessExpiresOn = ParseTime(o.GetString("dataAccessExpiresOn")),
            SavedOn = ParseTime(o.GetString("savedOn")) ?? DateTimeOffset.MinValue,
        };
    }

    private static FacebookGranularScope[] ReadGranular(JsonObject o)
    {
        var result = new List<FacebookGranularScope>();
        foreach (object? item in o.GetArray("granularScopes") ?? new List<object?>())
        {
            if (item is JsonObject g && g.GetString("scope") is string scope)
            {
                result.Add(new FacebookGranularScope(scope, g.GetStringArray("targetIds")));
            }
        }

        return result.ToArray();
    }

    private static string? Time(DateTimeOffset? value) => value?.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ParseTime(string? text) =>
        text != null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset t) ? t : null;
}
