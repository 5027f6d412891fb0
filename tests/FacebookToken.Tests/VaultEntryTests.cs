using FacebookToken.Cache;
using FacebookToken.Secrets;
using Xunit;

namespace FacebookToken.Tests;

/// <summary>A token as one SecretManagement secret (-Vault): the name scheme, metadata as strings, the document for vaults without metadata.</summary>
public sealed class VaultEntryTests
{
    private const string RawToken = "EAAGvaultentrytoken0123456789abcdefXYZ";

    private static FacebookAccessToken Token() =>
        new(RawToken.ToSecureString(), FacebookTokenKind.SystemUser, "1234567890")
        {
            UserId = "61550000000000001",
            Scopes = new[] { "whatsapp_business_management", "whatsapp_business_messaging" },
            GranularScopes = new[] { new FacebookGranularScope("whatsapp_business_messaging", new[] { "102290129340398", "102290129340399" }) },
            ExpiresOn = new DateTimeOffset(2027, 2, 5, 10, 30, 0, TimeSpan.Zero),
            DataAccessExpiresOn = null,
        };

    [Theory]
    [InlineData("wa-prod", "FacebookToken-wa-prod")]
    [InlineData("Customer-0042", "FacebookToken-Customer-0042")]
    public void SecretName_TakesLettersDigitsAndDashes(string name, string secret) =>
        Assert.Equal(secret, VaultEntry.SecretName(name));

    [Theory]
    [InlineData("wa.prod")]
    [InlineData("wa prod")]
    [InlineData("wa_prod")]
    [InlineData("caf\u00e9")]
    [InlineData("a/b")]
    public void SecretName_RefusesWhatAzureKeyVaultRefuses(string name)
    {
        FacebookInputException ex = Assert.Throws<FacebookInputException>(() => VaultEntry.SecretName(name));
        Assert.Equal("InvalidVaultTokenName", ex.ErrorId);
        Assert.Contains("letters, digits and dashes", ex.Message);
    }

    [Fact]
    public void SecretName_KeepsTheWholeSecretNameWithin127Characters()
    {
        Assert.Equal(127, VaultEntry.SecretName(new string('a', VaultEntry.MaximumNameLength)).Length);
        Assert.Throws<FacebookInputException>(() => VaultEntry.SecretName(new string('a', VaultEntry.MaximumNameLength + 1)));
    }

    [Theory]
    [InlineData("FacebookToken-wa-prod", "wa-prod")]
    [InlineData("facebooktoken-wa-prod", "wa-prod")]
    [InlineData("FacebookToken-", null)]
    [InlineData("db-password", null)]
    public void TokenNameOf_ReadsOnlyEntryNames(string secretName, string? name) =>
        Assert.Equal(name, VaultEntry.TokenNameOf(secretName));

    [Fact]
    public void Metadata_IsStringsOnly_WithoutTheToken_AndReadsBack()
    {
        var savedOn = new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);
        IDictionary<string, object> metadata = VaultEntry.Metadata(Token(), savedOn);

        Assert.All(metadata.Values, v => Assert.IsType<string>(v));
        Assert.DoesNotContain(metadata.Values, v => ((string)v).Contains(RawToken));
        Assert.Equal("1", metadata["FacebookToken"]);
        Assert.Equal("SystemUser", metadata["Kind"]);
        Assert.Equal("whatsapp_business_management,whatsapp_business_messaging", metadata["Scopes"]);
        Assert.False(metadata.ContainsKey("DataAccessExpiresOn"));

        var read = metadata.ToDictionary(p => p.Key, p => (object?)p.Value);
        Assert.True(VaultEntry.IsEntry(read));
        FacebookAccessToken token = VaultEntry.FromMetadata("wa-prod", read, RawToken.ToSecureString());
        Assert.Equal("wa-prod", token.Name);
        Assert.Equal(FacebookTokenKind.SystemUser, token.Kind);
        Assert.Equal("1234567890", token.AppId);
        Assert.Equal("61550000000000001", token.UserId);
        Assert.Equal(Token().Scopes, token.Scopes);
        Assert.Equal("whatsapp_business_messaging", Assert.Single(token.GranularScopes).Scope);
        Assert.Equal(new[] { "102290129340398", "102290129340399" }, token.GranularScopes[0].TargetIds);
        Assert.Equal(Token().ExpiresOn, token.ExpiresOn);
        Assert.Null(token.DataAccessExpiresOn);
        Assert.Equal(savedOn, token.SavedOn);
        Assert.Equal(RawToken, token.AccessToken.ToPlainText());
    }

    [Fact]
    public void FromMetadata_TakesDateTimeValues_AsSecretStoreReturnsThem()
    {
        var read = new Dictionary<string, object?>
        {
            ["FacebookToken"] = "1",
            ["Kind"] = "LongLivedUser",
            ["ExpiresOn"] = new DateTime(2027, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        };
        FacebookAccessToken token = VaultEntry.FromMetadata("x", read, RawToken.ToSecureString());
        Assert.Equal(new DateTimeOffset(2027, 1, 2, 3, 4, 5, TimeSpan.Zero), token.ExpiresOn);
    }

    [Fact]
    public void IsEntry_IsFalseForSomeoneElsesMetadata()
    {
        Assert.False(VaultEntry.IsEntry(null));
        Assert.False(VaultEntry.IsEntry(new Dictionary<string, object?> { ["Kind"] = "SystemUser" }));
        Assert.False(VaultEntry.IsEntry(new Dictionary<string, object?> { ["FacebookToken"] = "2" }));
    }

    [Fact]
    public void Envelope_HoldsTheTokenAndItsMetadata_ForAVaultWithoutMetadata()
    {
        var savedOn = new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);
        FacebookAccessToken? token = VaultEntry.FromEnvelope("wa-prod", VaultEntry.Envelope(Token(), "wa-prod", savedOn));

        Assert.NotNull(token);
        Assert.Equal(RawToken, token!.AccessToken.ToPlainText());
        Assert.Equal(FacebookTokenKind.SystemUser, token.Kind);
        Assert.Equal(Token().ExpiresOn, token.ExpiresOn);
        Assert.Equal(savedOn, token.SavedOn);
        Assert.Equal("wa-prod", token.Name);
    }

    [Theory]
    [InlineData("not-a-token-at-all")]
    [InlineData("EAAGsomeonesrawtoken")]
    [InlineData("{\"user\":\"db\",\"password\":\"x\"}")]
    [InlineData("{not json")]
    public void FromEnvelope_IsNullForASecretThatIsNotAnEntry(string secret) =>
        Assert.Null(VaultEntry.FromEnvelope("x", secret.ToSecureString()));

    [Fact]
    public void FromEnvelope_RefusesANewerFormat()
    {
        string newer = "{\"format\":\"FacebookToken.VaultEntry\",\"version\":2,\"name\":\"x\",\"accessToken\":\"EAAG1\"}";
        Assert.Throws<FormatException>(() => VaultEntry.FromEnvelope("x", newer.ToSecureString()));
    }
}
